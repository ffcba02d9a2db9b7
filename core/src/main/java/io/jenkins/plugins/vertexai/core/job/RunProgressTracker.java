package io.jenkins.plugins.vertexai.core.job;

import com.google.cloud.aiplatform.v1beta1.PipelineJob;
import com.google.cloud.aiplatform.v1beta1.PipelineTaskDetail;
import io.jenkins.plugins.vertexai.core.ProgressEvent;
import io.jenkins.plugins.vertexai.core.ProgressReporter;
import io.jenkins.plugins.vertexai.core.async.Durations;
import java.util.HashMap;
import java.util.Map;

/** Turns successive snapshots of a job into events: job state changes and each task's state changes. */
final class RunProgressTracker {
    private final ProgressReporter reporter;
    private final Map<Long, PipelineTaskDetail.State> taskStates = new HashMap<>();
    private final Map<Long, String> taskNotes = new HashMap<>();
    private String jobState;

    RunProgressTracker(ProgressReporter reporter) {
        this.reporter = reporter;
    }

    /** Called with each polled snapshot, one at a time. */
    synchronized void observe(PipelineJob job) {
        String state = PipelineRunResult.shortState(job);
        if (!state.equals(jobState)) {
            reporter.state(jobState == null ? state : jobState + " -> " + state);
            jobState = state;
        }
        for (PipelineTaskDetail t : job.getJobDetail().getTaskDetailsList()) {
            if (PipelineRunResult.isRoot(job, t)) {
                continue;
            }
            PipelineTaskDetail.State before = taskStates.put(t.getTaskId(), t.getState());
            if (before != t.getState()) {
                reporter.emit(ProgressEvent.Kind.TASK, "task " + t.getTaskName(), describe(t), null);
            }
            // Where the task runs or why it waits (e.g. for persistent-resource capacity, or the on-demand fallback).
            String note = t.getExecution().getDescription();
            if (!note.isEmpty() && !note.equals(taskNotes.put(t.getTaskId(), note))) {
                reporter.emit(ProgressEvent.Kind.TASK, "task " + t.getTaskName(), note, null);
            }
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
