package io.jenkins.plugins.vertexai;

import com.google.cloud.aiplatform.v1beta1.PipelineJob.RuntimeConfig.PersistentResourceRuntimeDetail;
import com.google.cloud.aiplatform.v1beta1.PipelineJob.RuntimeConfig.PersistentResourceRuntimeDetail.TaskResourceUnavailableTimeoutBehavior;
import edu.umd.cs.findbugs.annotations.CheckForNull;
import hudson.FilePath;
import hudson.model.TaskListener;
import io.jenkins.plugins.vertexai.core.VertexEngine;
import io.jenkins.plugins.vertexai.core.async.Futures;
import io.jenkins.plugins.vertexai.core.job.PersistentResourcePreflight;
import io.jenkins.plugins.vertexai.core.pipeline.PersistentResourceRuntime;
import io.jenkins.plugins.vertexai.core.pipeline.PipelineJobRequest;
import io.jenkins.plugins.vertexai.core.pipeline.PipelineJobRequestFactory;
import io.jenkins.plugins.vertexai.core.pipeline.PipelineRunSpec;
import io.jenkins.plugins.vertexai.core.pipeline.template.PipelineTemplate;
import io.jenkins.plugins.vertexai.core.pipeline.template.PipelineTemplateLoader;
import io.jenkins.plugins.vertexai.core.pipeline.template.PipelineTemplateParser;
import io.jenkins.plugins.vertexai.core.resource.PersistentResourceName;
import java.io.IOException;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.CompletableFuture;

/**
 * One pipeline run as a step or build step asks for it, in plain values (build variables already expanded).
 * Loading the template and building the job are core's; this class only says where the template comes from:
 * a workspace file (read over the agent channel), or {@code gs://} / HTTPS (read by core on the controller).
 */
record PipelineRunRequest(String templatePath, String pipelineRoot, String displayName, String jobId,
                          Map<String, Object> parameterValues, Map<String, String> inputArtifacts, Boolean enableCaching,
                          Map<String, String> labels, String serviceAccount, String network, List<String> reservedIpRanges,
                          String kmsKeyName, String failurePolicy, String persistentResourceId, String waitTime,
                          String timeoutBehavior) {

    /** The Cloud Storage emulator convention; honoured for {@code gs://} templates. */
    static final String STORAGE_EMULATOR_HOST = "STORAGE_EMULATOR_HOST";

    /** Whether the template is read by core ({@code gs://}, {@code https://}) rather than from the workspace. */
    static boolean isRemote(String templatePath) {
        String t = templatePath == null ? "" : templatePath.trim().toLowerCase(Locale.ROOT);
        return t.startsWith("gs://") || t.startsWith("https://") || t.startsWith("http://");
    }

    /**
     * Loads the template and builds the checked job request. Blocking I/O: call off the CPS VM thread.
     *
     * @param workspace needed for a workspace file only
     * @param runKey    the key core derives the job id from (when no explicit job id is given)
     */
    PipelineJobRequest toJobRequest(VertexAiTarget target, @CheckForNull FilePath workspace, String runKey, TaskListener listener)
            throws IOException, InterruptedException {
        PipelineTemplate template = loadTemplate(target, workspace);
        PipelineRunSpec spec = PipelineRunSpec.builder()
                .templateLocation(templatePath).project(target.project()).region(target.region())
                .pipelineRoot(pipelineRoot).displayName(displayName).jobId(jobId).runKey(runKey)
                .parameterValues(parameterValues).inputArtifacts(inputArtifacts).enableCaching(enableCaching)
                .failurePolicy(failurePolicy).labels(labels).serviceAccount(serviceAccount).network(network)
                .reservedIpRanges(reservedIpRanges).kmsKeyName(kmsKeyName)
                .persistentResourceRuntime(new PersistentResourceRuntime(persistentResourceId, waitTime, timeoutBehavior))
                .build();
        PipelineJobRequest request = new PipelineJobRequestFactory(VertexAiGlobalConfiguration.get().getDefaultPipelineRoot())
                .create(template, spec);
        listener.getLogger().println(Messages.PipelineRunRequest_template(template.pipelineName(), template.source(),
                request.pipelineRoot().uri(), request.pipelineRoot().origin().description()));
        return request;
    }

    private PipelineTemplate loadTemplate(VertexAiTarget target, @CheckForNull FilePath workspace) throws IOException, InterruptedException {
        if (isRemote(templatePath)) {
            String storageHost = System.getenv(STORAGE_EMULATOR_HOST);
            try (PipelineTemplateLoader loader = PipelineTemplateLoader.builder()
                    .credentials(target.connection().credentials())
                    .storageHost(storageHost == null || storageHost.isBlank() ? null
                            : storageHost.startsWith("http") ? storageHost : "http://" + storageHost)
                    .storageProject(target.project())
                    .build()) {
                return loader.load(templatePath.trim());
            }
        }
        return PipelineTemplateParser.parse(Workspaces.readBytes(workspace, templatePath), templatePath);
    }

    /**
     * Before submitting a job that runs on a persistent resource: checks that the resource is there, RUNNING and
     * allows custom service accounts. With {@code FALL_BACK_TO_ON_DEMAND} a failed check is only a warning, since
     * the service then runs the tasks on demand.
     */
    static CompletableFuture<?> preflight(VertexEngine engine, VertexAiTarget target, PipelineJobRequest job, TaskListener listener) {
        if (!job.pipelineJob().getRuntimeConfig().hasDefaultRuntime()) {
            return CompletableFuture.completedFuture(null);
        }
        PersistentResourceRuntimeDetail detail = job.pipelineJob().getRuntimeConfig().getDefaultRuntime().getPersistentResourceRuntimeDetail();
        PersistentResourceName name = PersistentResourceName.parse("persistentResourceId", detail.getPersistentResourceName());
        boolean fallback = detail.getTaskResourceUnavailableTimeoutBehavior() == TaskResourceUnavailableTimeoutBehavior.FALL_BACK_TO_ON_DEMAND;
        listener.getLogger().println(Messages.PipelineRunRequest_onResource(name.toString()));
        CompletableFuture<?> check = PersistentResourcePreflight.check(engine.persistentResources(target.connection()), name);
        if (!fallback) {
            return check;
        }
        return check.handle((ok, t) -> {
            if (t != null) {
                listener.getLogger().println(Messages.PipelineRunRequest_fallback(Futures.unwrap(t).getMessage()));
            }
            return null;
        });
    }
}
