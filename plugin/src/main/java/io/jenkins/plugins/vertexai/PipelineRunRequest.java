package io.jenkins.plugins.vertexai;

import com.google.cloud.aiplatform.v1beta1.PipelineJob.RuntimeConfig.PersistentResourceRuntimeDetail.TaskResourceUnavailableTimeoutBehavior;
import com.google.auth.Credentials;
import com.google.auth.oauth2.GoogleCredentials;
import edu.umd.cs.findbugs.annotations.CheckForNull;
import hudson.AbortException;
import hudson.FilePath;
import hudson.model.TaskListener;
import io.jenkins.plugins.vertexai.core.VertexEngine;
import io.jenkins.plugins.vertexai.core.ProgressListener;
import io.jenkins.plugins.vertexai.core.job.PipelineRunResult;
import io.jenkins.plugins.vertexai.core.job.PipelineSubmission;
import io.jenkins.plugins.vertexai.core.pipeline.PersistentResourceRuntime;
import io.jenkins.plugins.vertexai.core.pipeline.PipelineJobRequest;
import io.jenkins.plugins.vertexai.core.pipeline.PipelineJobRequestFactory;
import io.jenkins.plugins.vertexai.core.pipeline.PipelineRunSpec;
import io.jenkins.plugins.vertexai.core.pipeline.template.CredentialHosts;
import io.jenkins.plugins.vertexai.core.pipeline.template.PipelineTemplate;
import io.jenkins.plugins.vertexai.core.pipeline.template.PipelineTemplateLoader;
import io.jenkins.plugins.vertexai.core.pipeline.template.PipelineTemplateParser;
import io.jenkins.plugins.vertexai.core.pipeline.template.TemplateSource;
import java.io.IOException;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import jenkins.security.MasterToSlaveCallable;

/**
 * One pipeline run as a step or build step asks for it, in plain values (build variables already expanded).
 * Loading the template and building the job are core's; this class only says where the template is read (see
 * core's {@link TemplateSource}): a workspace file over the agent channel; {@code gs://} or an https URL on a
 * trusted host (Google's, or one an administrator added in the global configuration) by core on the controller,
 * with the build's credentials; any other URL never from the controller (a Jenkinsfile must not make it probe the
 * controller's network): on the build's agent, anonymously, like a workspace file, or refused outside a node.
 */
record PipelineRunRequest(String templatePath, String pipelineRoot, String displayName, String jobId,
                          Map<String, Object> parameterValues, Map<String, String> inputArtifacts, Boolean enableCaching,
                          Map<String, String> labels, String serviceAccount, String network, List<String> reservedIpRanges,
                          String kmsKeyName, String failurePolicy, String persistentResourceId, String waitTime,
                          String timeoutBehavior) {

    /** The Cloud Storage emulator convention; honoured for {@code gs://} templates. */
    static final String STORAGE_EMULATOR_HOST = "STORAGE_EMULATOR_HOST";

    /** Whether the template is read by URL ({@code gs://}, {@code https://}) rather than from the workspace. */
    static boolean isRemote(String templatePath) {
        return TemplateSource.of(templatePath, CredentialHosts.GOOGLE).remote();
    }

    /**
     * Loads the template and builds the checked job request. Blocking I/O: call off the CPS VM thread.
     *
     * @param workspace needed for a workspace file only
     * @param runKey    the key core derives the job id from (when no explicit job id is given)
     */
    PipelineJobRequest toJobRequest(VertexAiTarget target, @CheckForNull FilePath workspace, String runKey, TaskListener listener)
            throws IOException, InterruptedException {
        PipelineTemplate template = loadTemplate(target, workspace, listener);
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

    private PipelineTemplate loadTemplate(VertexAiTarget target, @CheckForNull FilePath workspace, TaskListener listener)
            throws IOException, InterruptedException {
        VertexAiGlobalConfiguration global = VertexAiGlobalConfiguration.get();
        CredentialHosts trusted = global.templateCredentialHosts();
        String location = templatePath == null ? "" : templatePath.trim();
        switch (TemplateSource.of(location, trusted)) {
            case FILE -> {
                return PipelineTemplateParser.parse(Workspaces.readBytes(workspace, location), location);
            }
            case UNTRUSTED_URL -> {
                String host = TemplateSource.host(location);
                if (workspace == null) {
                    throw new AbortException(Messages.PipelineRunRequest_untrustedNeedsNode(host == null ? location : host));
                }
                listener.getLogger().println(Messages.PipelineRunRequest_onAgent(host));
                return PipelineTemplateLoader.parseFetched(workspace.act(new AgentTemplateFetch(location)), location);
            }
            default -> {
                // gs:// or a trusted host: read here, with the build's credentials.
            }
        }
        Credentials credentials = target.connection().credentials();
        if (target.connection().usesApplicationDefaultCredentials()) {
            if (!global.isAllowApplicationDefaultCredentials()) {
                throw new AbortException(Messages.VertexAiTarget_noCredentials());
            }
            // The loader sends no credentials when given none; Application Default Credentials must be explicit.
            credentials = GoogleCredentials.getApplicationDefault().createScoped(List.of(VertexAiScopeRequirement.CLOUD_PLATFORM));
        }
        String storageHost = System.getenv(STORAGE_EMULATOR_HOST);
        try (PipelineTemplateLoader loader = PipelineTemplateLoader.builder()
                .credentials(credentials)
                .credentialHosts(trusted)
                .storageHost(storageHost == null || storageHost.isBlank() ? null
                        : storageHost.startsWith("http") ? storageHost : "http://" + storageHost)
                .storageProject(target.project())
                .build()) {
            return loader.load(location);
        }
    }

    /**
     * Fetches a template from a host the controller does not trust, on the agent that has the build's workspace,
     * without credentials: the agent's network is the build's own, as for {@code sh 'curl …'}. Returns the bytes,
     * parsed on the controller.
     */
    static final class AgentTemplateFetch extends MasterToSlaveCallable<byte[], IOException> {
        private static final long serialVersionUID = 1L;
        private final String url;

        AgentTemplateFetch(String url) {
            this.url = url;
        }

        @Override
        public byte[] call() throws IOException {
            return PipelineTemplateLoader.fetchAnonymously(url, Duration.ofSeconds(60));
        }
    }

    /**
     * Submits (or attaches to) the job with core's {@link PipelineSubmission}: on a persistent resource it first
     * checks that the resource is there, RUNNING and allows custom service accounts, except with
     * {@code FALL_BACK_TO_ON_DEMAND}, where the service runs the tasks on demand when the resource has no room.
     */
    static CompletableFuture<PipelineRunResult> submit(VertexEngine engine, VertexAiTarget target, PipelineJobRequest job,
                                                       ProgressListener listener) {
        boolean fallback = job.pipelineJob().getRuntimeConfig().getDefaultRuntime().getPersistentResourceRuntimeDetail()
                .getTaskResourceUnavailableTimeoutBehavior() == TaskResourceUnavailableTimeoutBehavior.FALL_BACK_TO_ON_DEMAND;
        return new PipelineSubmission(engine, target.connection()).submit(job, !fallback, listener);
    }
}
