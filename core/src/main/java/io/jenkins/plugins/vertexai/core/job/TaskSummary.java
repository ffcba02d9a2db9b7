package io.jenkins.plugins.vertexai.core.job;

import com.google.cloud.aiplatform.v1beta1.PipelineTaskDetail;
import com.google.protobuf.Timestamp;
import io.jenkins.plugins.vertexai.core.async.Durations;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
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
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("name", name);
        m.put("state", state);
        if (startTime != null) {
            m.put("startTime", startTime.toString());
        }
        if (endTime != null) {
            m.put("endTime", endTime.toString());
        }
        Duration d = duration();
        if (d != null) {
            m.put("durationSeconds", d.toSeconds());
        }
        if (error != null) {
            m.put("error", error);
        }
        return m;
    }
}
