package io.jenkins.plugins.vertexai.core.job;

import com.google.cloud.aiplatform.v1beta1.PipelineJob;
import io.jenkins.plugins.vertexai.core.ProgressListener;
import io.jenkins.plugins.vertexai.core.ProgressReporter;
import io.jenkins.plugins.vertexai.core.VertexEngine;
import io.jenkins.plugins.vertexai.core.client.VertexConnection;
import io.jenkins.plugins.vertexai.core.pipeline.PipelineJobRequest;
import io.jenkins.plugins.vertexai.core.resource.PersistentResourceName;
import java.util.concurrent.CompletableFuture;

/**
 * Submits a validated pipeline-job request the way every entry point should: first checks (unless told not to)
 * that the persistent resource it runs on can take it, then submit-or-attach by the request's deterministic id.
 */
public final class PipelineSubmission {
    private final VertexEngine engine;
    private final VertexConnection connection;

    public PipelineSubmission(VertexEngine engine, VertexConnection connection) {
        this.engine = engine;
        this.connection = connection;
    }

    public CompletableFuture<PipelineRunResult> submit(PipelineJobRequest request, boolean checkResource, ProgressListener listener) {
        return submit(request, checkResource, false, listener);
    }

    /** As above; {@code attachAnyway} attaches to a job found under the id even when it differs from the request. */
    public CompletableFuture<PipelineRunResult> submit(PipelineJobRequest request, boolean checkResource, boolean attachAnyway,
                                                       ProgressListener listener) {
        PipelineJob job = request.pipelineJob();
        String resource = job.getRuntimeConfig().getDefaultRuntime().getPersistentResourceRuntimeDetail().getPersistentResourceName();
        CompletableFuture<?> ready = CompletableFuture.completedFuture(null);
        if (!resource.isEmpty()) {
            ProgressReporter r = new ProgressReporter(listener, "pipeline job " + request.jobId());
            var detail = job.getRuntimeConfig().getDefaultRuntime().getPersistentResourceRuntimeDetail();
            r.info("runs on persistent resource " + resource + " (tasks that find no free capacity " + whenFull(detail) + ")");
            if (checkResource) {
                ready = PersistentResourcePreflight.check(engine.persistentResources(connection),
                        PersistentResourceName.parse("persistentResource", resource), job).thenAccept(res -> {
                            if ("REBOOTING".equals(res.state())) {
                                r.info("persistent resource " + resource + " is REBOOTING: tasks wait for it (up to "
                                        + detail.getTaskResourceUnavailableWaitTimeMs() + " ms), then fail or fall back");
                            }
                        });
            }
        }
        PipelineRunner runner = engine.pipelines(connection);
        return ready.thenCompose(ok -> runner.submit(request.parent(), request.jobId(), job, attachAnyway, listener));
    }

    /** What tasks do when the resource is full, saying "the service's default" for what was not set (0 ms is unset). */
    static String whenFull(com.google.cloud.aiplatform.v1beta1.PipelineJob.RuntimeConfig.PersistentResourceRuntimeDetail detail) {
        long ms = detail.getTaskResourceUnavailableWaitTimeMs();
        boolean behavior = detail.getTaskResourceUnavailableTimeoutBehaviorValue() != 0;
        if (ms == 0 && !behavior) {
            return "wait and then act as the service's defaults say";
        }
        return "wait " + (ms == 0 ? "the service's default time" : io.jenkins.plugins.vertexai.core.async.Durations.format(java.time.Duration.ofMillis(ms)))
                + ", then " + (behavior ? detail.getTaskResourceUnavailableTimeoutBehavior().name() : "act as the service's default says");
    }
}
