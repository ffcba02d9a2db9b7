package io.jenkins.plugins.vertexai.emulator.pipeline.sim;

import com.google.api.MonitoredResource;
import com.google.cloud.aiplatform.v1beta1.CustomJob;
import com.google.cloud.aiplatform.v1beta1.JobState;
import com.google.logging.type.LogSeverity;
import com.google.logging.v2.LogEntry;
import io.jenkins.plugins.vertexai.emulator.grpc.Timestamps;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * The Cloud Logging entries of one CustomJob (a task attempt), derived from its simulated state: nothing is stored, an
 * entry exists once the simulated clock has passed its timestamp. The resource is {@code ml_job} with the labels
 * {@code job_id}, {@code project_id} and {@code task_name}, as for real custom jobs; the container's lines are in the
 * log {@code workerpool0-0} (the primary replica), the service's in {@code ml.googleapis.com/<job id>} with
 * {@code task_name=service}. Lines: the service's start, the container's start, scripted lines and progress spread over
 * the run, then success, or a Python traceback on failure (stderr, ERROR), or the cancellation.
 */
final class TaskLogs {
    static final String WORKER = "workerpool0-0";

    private record Line(Instant at, String log, String task, LogSeverity severity, String text) {
    }

    private TaskLogs() {
    }

    /** The entries of attempt {@code attempt} (0-based) in its CustomJob {@code job}, up to {@code now}, oldest first. */
    static List<LogEntry> entries(TaskRun task, int attempt, CustomJob job, Instant now, String projectId) {
        String jobId = job.getName().substring(job.getName().lastIndexOf('/') + 1);
        List<Line> lines = new ArrayList<>();
        Instant created = Timestamps.toInstant(job.getCreateTime());
        lines.add(new Line(created, "service", "service", LogSeverity.INFO, "Waiting for job to be provisioned."));
        Instant end = job.hasEndTime() ? Timestamps.toInstant(job.getEndTime()) : null;
        if (job.hasStartTime()) {
            Instant start = Timestamps.toInstant(job.getStartTime());
            Duration each = CustomJobRenderer.each(task);
            lines.add(new Line(start, "service", "service", LogSeverity.INFO, "Job is running."));
            lines.add(new Line(start.plusMillis(1), WORKER, WORKER, LogSeverity.INFO, "Starting " + task.plan.name + " (attempt "
                    + (attempt + 1) + " of " + task.plan.attempts + ")"));
            List<String> scripted = task.plan.scriptedLogs;
            // Scripted lines in the first half of the run, progress at each quarter; distinct timestamps keep the order.
            for (int i = 0; i < scripted.size(); i++) {
                Instant at = start.plusMillis(2).plus(each.dividedBy(2).multipliedBy(i).dividedBy(Math.max(1, scripted.size())))
                        .plusNanos(1000L * i);
                lines.add(new Line(at, WORKER, WORKER, LogSeverity.INFO, scripted.get(i)));
            }
            for (int q = 1; q <= 3; q++) {
                lines.add(new Line(start.plus(each.multipliedBy(q).dividedBy(4)).plusNanos(500), WORKER, WORKER, LogSeverity.INFO,
                        task.plan.name + ": " + (25 * q) + "% done"));
            }
            if (end != null) {
                if (job.getState() == JobState.JOB_STATE_SUCCEEDED) {
                    lines.add(new Line(end.minusMillis(1), WORKER, WORKER, LogSeverity.INFO, task.plan.name + " finished"));
                    lines.add(new Line(end, "service", "service", LogSeverity.INFO, "Job completed successfully."));
                } else if (job.getState() == JobState.JOB_STATE_FAILED) {
                    List<String> trace = traceback(job.getError().getMessage());
                    for (int i = 0; i < trace.size(); i++) {
                        lines.add(new Line(end.minusMillis(1).plusNanos(1000L * i), WORKER, WORKER, LogSeverity.ERROR, trace.get(i)));
                    }
                    lines.add(new Line(end, "service", "service", LogSeverity.ERROR,
                            "The replica workerpool0-0 exited with a non-zero status of 1."));
                } else {
                    lines.add(new Line(end, "service", "service", LogSeverity.INFO, "Job was cancelled."));
                }
            }
        } else if (end != null) {
            lines.add(new Line(end, "service", "service", LogSeverity.INFO, "Job was cancelled before it started."));
        }
        Instant last = end == null || now.isBefore(end) ? now : end;
        lines.sort(Comparator.comparing(Line::at));
        List<LogEntry> out = new ArrayList<>();
        for (int i = 0; i < lines.size(); i++) {
            Line l = lines.get(i);
            if (l.at().isAfter(last)) {
                continue;
            }
            String logId = l.log().equals("service") ? "ml.googleapis.com/" + jobId : l.log();
            out.add(LogEntry.newBuilder()
                    .setLogName("projects/" + projectId + "/logs/" + URLEncoder.encode(logId, StandardCharsets.UTF_8))
                    .setResource(MonitoredResource.newBuilder().setType("ml_job").putLabels("job_id", jobId)
                            .putLabels("project_id", projectId).putLabels("task_name", l.task()))
                    .setTimestamp(Timestamps.of(l.at()))
                    .setReceiveTimestamp(Timestamps.of(l.at().plusMillis(200)))
                    .setSeverity(l.severity())
                    .setInsertId(String.format("%s%05d", Long.toString(Long.parseLong(jobId), 36), i))
                    .setTextPayload(l.text())
                    .build());
        }
        return out;
    }

    private static List<String> traceback(String message) {
        return List.of("Traceback (most recent call last):",
                "  File \"/usr/local/lib/python3.10/runpy.py\", line 196, in _run_module_as_main",
                "    return _run_code(code, main_globals, None,",
                "  File \"/usr/local/lib/python3.10/site-packages/kfp/dsl/executor_main.py\", line 109, in <module>",
                "    executor_main()",
                "  File \"/usr/local/lib/python3.10/site-packages/kfp/dsl/executor.py\", line 360, in execute",
                "    result = self.func(**func_kwargs)",
                "RuntimeError: " + (message.isEmpty() ? "task failed" : message));
    }
}
