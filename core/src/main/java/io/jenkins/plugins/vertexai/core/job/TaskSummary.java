package io.jenkins.plugins.vertexai.core.job;

import com.google.cloud.aiplatform.v1beta1.PipelineTaskDetail;
import com.google.protobuf.Timestamp;
import io.jenkins.plugins.vertexai.core.PlainMap;
import io.jenkins.plugins.vertexai.core.async.Durations;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;

/** One pipeline task as the run ended (or as last seen): its state, times and error. */
public record TaskSummary(String name, String state, Instant startTime, Instant endTime, String error) {

    static TaskSummary of(PipelineTaskDetail t) {
        return new TaskSummary(t.getTaskName(), t.getState().name(), instant(t.hasStartTime(), t.getStartTime()),
                instant(t.hasEndTime(), t.getEndTime()), t.hasError() && !t.getError().getMessage().isEmpty() ? t.getError().getMessage() : null);
    }

    static Instant instant(boolean has, Timestamp t) {
        return has ? Instant.ofEpochSecond(t.getSeconds(), t.getNanos()) : null;
    }

    public Duration duration() {
        return startTime == null || endTime == null ? null : Duration.between(startTime, endTime);
    }

    /** e.g. {@code train-model  SUCCEEDED  3m 12s}. */
    public String describe() {
        Duration d = duration();
        return name + "  " + state + (d == null ? "" : "  " + Durations.format(d)) + (error == null ? "" : "  error: " + error);
    }

    public Map<String, Object> toMap() {
        Duration d = duration();
        return new PlainMap().put("name", name).put("state", state).put("startTime", startTime).put("endTime", endTime)
                .put("durationSeconds", d == null ? null : d.toSeconds()).put("error", error).build();
    }
}
