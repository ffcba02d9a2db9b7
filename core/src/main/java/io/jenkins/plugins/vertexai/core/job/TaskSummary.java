package io.jenkins.plugins.vertexai.core.job;

import com.google.cloud.aiplatform.v1beta1.PipelineTaskDetail;
import com.google.protobuf.Timestamp;
import io.jenkins.plugins.vertexai.core.PlainMap;
import io.jenkins.plugins.vertexai.core.async.Durations;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;

/**
 * One pipeline task as the run ended (or as last seen): its state, times, error, outputs and metrics, and where it
 * ran (null until its CustomJob was read).
 *
 * @param taskId    the service's task id (not in {@link #toMap}: a key for merging placements)
 * @param outputs   see {@link TaskOutputs#of}
 * @param metrics   metric name → number from its {@code system.Metrics} artifacts
 * @param placement where it ran, or null when unknown
 */
public record TaskSummary(long taskId, String name, String state, Instant startTime, Instant endTime, String error,
                          Map<String, Object> outputs, Map<String, Double> metrics, TaskPlacement placement) {

    static TaskSummary of(PipelineTaskDetail t) {
        return new TaskSummary(t.getTaskId(), t.getTaskName(), t.getState().name(), instant(t.hasStartTime(), t.getStartTime()),
                instant(t.hasEndTime(), t.getEndTime()), t.hasError() && !t.getError().getMessage().isEmpty() ? t.getError().getMessage() : null,
                TaskOutputs.of(t), TaskOutputs.metrics(t), null);
    }

    static Instant instant(boolean has, Timestamp t) {
        return has ? Instant.ofEpochSecond(t.getSeconds(), t.getNanos()) : null;
    }

    TaskSummary withPlacement(TaskPlacement p) {
        return new TaskSummary(taskId, name, state, startTime, endTime, error, outputs, metrics, p);
    }

    public Duration duration() {
        return startTime == null || endTime == null ? null : Duration.between(startTime, endTime);
    }

    /** e.g. {@code train-model  SUCCEEDED  3m 12s  on nightly-7, waited 2m}. */
    public String describe() {
        Duration d = duration();
        return name + "  " + state + (d == null ? "" : "  " + Durations.format(d))
                + (placement == null || !placement.started() ? "" : "  " + placement.brief())
                + (error == null ? "" : "  error: " + error);
    }

    public Map<String, Object> toMap() {
        Duration d = duration();
        PlainMap m = new PlainMap().put("name", name).put("state", state).put("startTime", startTime).put("endTime", endTime)
                .put("durationSeconds", d == null ? null : d.toSeconds()).put("error", error).put("outputs", outputs);
        if (placement != null) {
            placement.toMap().forEach(m::put);
        }
        return m.build();
    }
}
