package io.jenkins.plugins.vertexai.core.job;

import com.google.cloud.aiplatform.v1beta1.PipelineJob;
import com.google.cloud.aiplatform.v1beta1.PipelineTaskDetail;
import io.jenkins.plugins.vertexai.core.ProgressEvent;
import io.jenkins.plugins.vertexai.core.ProgressReporter;
import io.jenkins.plugins.vertexai.core.async.Durations;
import java.util.HashMap;
import java.util.Map;

/**
 * Turns successive snapshots of a job into events: job state changes, each task's state changes and where each task
 * runs (from its CustomJobs, see {@link TaskPlacements}).
 */
final class RunProgressTracker {
    private final ProgressReporter reporter;
    private final TaskPlacements placements;
    private final Map<Long, PipelineTaskDetail.State> taskStates = new HashMap<>();
    private String jobState;

    RunProgressTracker(ProgressReporter reporter) {
        this(reporter, null);
    }

    /** {@code customJobs} null: where tasks run is not read. */
    RunProgressTracker(ProgressReporter reporter, CustomJobRpc customJobs) {
        this.reporter = reporter;
        this.placements = new TaskPlacements(customJobs, reporter);
    }

    /** The snapshot's result with where each task ran, once the reads started so far have ended. */
    java.util.concurrent.CompletableFuture<PipelineRunResult> placed(PipelineRunResult result) {
        return placements.settled().thenApply(result::withPlacements);
    }

    /** Called with each polled snapshot, one at a time. */
    synchronized void observe(PipelineJob job) {
        String state = PipelineRunResult.shortState(job);
        if (!state.equals(jobState)) {
            reporter.state(jobState == null ? state : jobState + " -> " + state);
            jobState = state;
        }
        String resource = job.getRuntimeConfig().getDefaultRuntime().getPersistentResourceRuntimeDetail().getPersistentResourceName();
        String requested = resource.isEmpty() ? null : resource.substring(resource.lastIndexOf('/') + 1);
        for (PipelineTaskDetail t : job.getJobDetail().getTaskDetailsList()) {
            if (PipelineRunResult.isRoot(job, t)) {
                continue;
            }
            PipelineTaskDetail.State before = taskStates.put(t.getTaskId(), t.getState());
            if (before != t.getState()) {
                reporter.emit(ProgressEvent.Kind.TASK, "task " + t.getTaskName(), describe(t), null);
            }
            placements.observe(t, requested);
        }
    }

    private static String describe(PipelineTaskDetail t) {
        TaskSummary s = TaskSummary.of(t);
        StringBuilder m = new StringBuilder(t.getState().name());
        if (s.duration() != null) {
            m.append(" after ").append(Durations.format(s.duration()));
        }
        if (s.error() != null) {
            m.append(": ").append(s.error());
        }
        return m.toString();
    }
}
