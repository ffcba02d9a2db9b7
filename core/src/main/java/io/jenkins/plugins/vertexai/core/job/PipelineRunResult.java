package io.jenkins.plugins.vertexai.core.job;

import com.google.cloud.aiplatform.v1beta1.PipelineJob;
import com.google.cloud.aiplatform.v1beta1.PipelineTaskDetail;
import io.jenkins.plugins.vertexai.core.PlainMap;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * How a pipeline run ended, or where it stood when the caller stopped waiting. The caller decides what a
 * non-success means (the Jenkins step fails by default; {@code propagate: false} returns this instead).
 */
public record PipelineRunResult(String jobName, String jobId, Outcome outcome, String state, String consoleUrl,
                                Instant createTime, Instant startTime, Instant endTime, List<TaskSummary> tasks,
                                String error, CacheUse cache, Map<String, Object> parameters) {
    /** The outcome; unlike the Python SDK, a cancelled run is not a success. */
    public enum Outcome { SUCCEEDED, FAILED, CANCELLED, PAUSED, TIMED_OUT, SUBMITTED, RUNNING }

    static PipelineRunResult of(PipelineJob job, Outcome outcome) {
        return of(job, outcome, null);
    }

    /**
     * @param consoleProject the project as the caller named it (the service names the job with the project number),
     *                       for the console link; null: as in the job's name
     */
    static PipelineRunResult of(PipelineJob job, Outcome outcome, String consoleProject) {
        PipelineJobName named = PipelineJobName.parse("name", job.getName());
        PipelineJobName n = consoleProject == null ? named : new PipelineJobName(consoleProject, named.region(), named.jobId());
        List<TaskSummary> tasks = job.getJobDetail().getTaskDetailsList().stream()
                .filter(t -> !isRoot(job, t)).map(TaskSummary::of).toList();
        return new PipelineRunResult(job.getName(), n.jobId(), outcome, shortState(job), n.consoleUrl(),
                TaskSummary.instant(job.hasCreateTime(), job.getCreateTime()),
                TaskSummary.instant(job.hasStartTime(), job.getStartTime()),
                TaskSummary.instant(job.hasEndTime(), job.getEndTime()), tasks, error(job), CacheUse.of(job),
                parameters(job));
    }

    /** The service reports the root DAG as a task too (no parent, parent of others): it is the job itself. */
    static boolean isRoot(PipelineJob job, PipelineTaskDetail t) {
        return t.getParentTaskId() == 0 && job.getJobDetail().getTaskDetailsList().stream()
                .anyMatch(o -> o.getParentTaskId() == t.getTaskId() && o.getTaskId() != t.getTaskId());
    }

    /** {@code SUCCEEDED} rather than {@code PIPELINE_STATE_SUCCEEDED}. */
    static String shortState(PipelineJob job) {
        return job.getState().name().replace("PIPELINE_STATE_", "");
    }

    /** The run's parameter values as sent (empty when the job was read without its runtime configuration). */
    private static Map<String, Object> parameters(PipelineJob job) {
        Map<String, Object> m = new java.util.TreeMap<>();
        job.getRuntimeConfig().getParameterValuesMap().forEach((k, v) -> m.put(k, plain(v)));
        return m;
    }

    /** A parameter value as plain Java; whole numbers read better as 20 than as 20.0. */
    static Object plain(com.google.protobuf.Value v) {
        Object o = io.jenkins.plugins.vertexai.core.pipeline.ProtoValues.toJava(v);
        return o instanceof Double d && d == Math.rint(d) && Math.abs(d) < 1e15 ? (Object) d.longValue() : o;
    }

    private static String error(PipelineJob job) {
        StringBuilder s = new StringBuilder();
        if (job.hasError() && !job.getError().getMessage().isEmpty()) {
            s.append(job.getError().getMessage());
        }
        String failed = job.getJobDetail().getTaskDetailsList().stream()
                .filter(t -> !isRoot(job, t) && t.getState() == PipelineTaskDetail.State.FAILED
                        && t.hasError() && !t.getError().getMessage().isEmpty())
                .map(t -> t.getTaskName() + ": " + t.getError().getMessage()).collect(Collectors.joining("; "));
        if (!failed.isEmpty()) {
            s.append(s.length() == 0 ? "" : " — ").append("failed tasks: ").append(failed);
        }
        return s.length() == 0 ? null : s.toString();
    }

    public boolean succeeded() {
        return outcome == Outcome.SUCCEEDED;
    }

    public Duration duration() {
        Instant from = startTime != null ? startTime : createTime;
        return from == null || endTime == null ? null : Duration.between(from, endTime);
    }

    PipelineRunResult withOutcome(Outcome o) {
        return new PipelineRunResult(jobName, jobId, o, state, consoleUrl, createTime, startTime, endTime, tasks, error, cache, parameters);
    }

    /** The same result with where each task ran, by task id (tasks not in the map keep what they had). */
    PipelineRunResult withPlacements(Map<Long, TaskPlacement> placements) {
        if (placements.isEmpty()) {
            return this;
        }
        List<TaskSummary> placed = tasks.stream().map(t -> placements.containsKey(t.taskId())
                ? t.withPlacement(placements.get(t.taskId())) : t).toList();
        return new PipelineRunResult(jobName, jobId, outcome, state, consoleUrl, createTime, startTime, endTime, placed, error, cache,
                parameters);
    }

    /**
     * Task name → metric name → number, from the tasks' {@code system.Metrics} artifacts (tasks without metrics left
     * out), e.g. {@code metrics().get("evaluate").get("accuracy")}.
     */
    public Map<String, Map<String, Double>> metrics() {
        Map<String, Map<String, Double>> m = new java.util.LinkedHashMap<>();
        tasks.forEach(t -> {
            if (!t.metrics().isEmpty()) {
                m.computeIfAbsent(t.name(), k -> new java.util.LinkedHashMap<>()).putAll(t.metrics());
            }
        });
        return m;
    }

    /** e.g. {@code accuracy=0.93, loss=0.21}. */
    public static String formatMetrics(Map<String, Double> metrics) {
        return metrics.entrySet().stream().map(e -> e.getKey() + "=" + format(e.getValue())).collect(Collectors.joining(", "));
    }

    private static String format(double d) {
        return d == Math.rint(d) && Math.abs(d) < 1e15 ? String.valueOf((long) d) : String.valueOf(d);
    }

    /** Plain values only: safe to hand to a Jenkins Pipeline script. */
    public Map<String, Object> toMap() {
        Duration d = duration();
        return new PlainMap().put("name", jobName).put("jobId", jobId).put("outcome", outcome.name()).put("state", state)
                .put("consoleUrl", consoleUrl).put("createTime", createTime).put("startTime", startTime).put("endTime", endTime)
                .put("durationSeconds", d == null ? null : d.toSeconds())
                .put("tasks", tasks.stream().map(TaskSummary::toMap).toList()).put("metrics", metrics()).put("error", error)
                .put("cacheHits", cache.hits())
                .put("parameters", parameters == null || parameters.isEmpty() ? null : parameters).build();
    }
}
