package io.jenkins.plugins.vertexai.core.logs;

import com.google.cloud.aiplatform.v1beta1.PipelineJob;
import com.google.cloud.aiplatform.v1beta1.PipelineTaskDetail;
import com.google.cloud.aiplatform.v1beta1.PipelineTaskExecutorDetail.ContainerDetail;
import com.google.logging.v2.LogEntry;
import io.jenkins.plugins.vertexai.core.ProgressEvent;
import io.jenkins.plugins.vertexai.core.ProgressReporter;
import io.jenkins.plugins.vertexai.core.VertexErrors;
import io.jenkins.plugins.vertexai.core.async.Futures;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Shows one run's task logs from Cloud Logging, without a thread of its own. It learns each task's CustomJobs from
 * the snapshots the wait polls ({@code main_job}, {@code failed_main_jobs}). In {@link TaskLogMode#ALL} the project's
 * shared {@link ProjectLogReader} reads the new entries of its active jobs with those of other runs, each job after its
 * last entry shown; a job whose task has ended is read once more, then no longer. In {@link TaskLogMode#ERRORS} a
 * failed task's last lines are read once, newest first. Lines are prefixed by their task; at most {@code maxLines} per
 * run, with a note when the cap is reached. A failed read is told once and done again from the same place at the
 * next interval: nothing is lost, and reading logs never fails the run.
 */
public final class TaskLogFollower {
    /** Job ids per query: keeps the filter far below the service's 20,000 characters. */
    static final int MAX_JOBS_PER_QUERY = 100;
    private static final java.util.regex.Pattern CONTROL = java.util.regex.Pattern.compile("[\\p{Cntrl}&&[^\\t]]");

    /** What a shared read asks for this run: its jobs (id → last position shown) and which of them had ended. */
    record Pending(Map<String, TaskLogCursor.Position> jobs, Set<String> ended) {
    }

    private final LogEntryRpc rpc;
    private final ProjectLogReader reader; // null unless ALL
    private final ProgressReporter reporter;
    private final String project;
    private final TaskLogOptions options;

    private final Map<String, String> taskOfJob = new HashMap<>();
    private final Map<String, TaskLogCursor.Position> positions;
    private final Set<String> live = new LinkedHashSet<>();
    private final Set<String> ending = new HashSet<>();
    private final Set<String> done = new HashSet<>();
    private final Set<String> linked = new HashSet<>();
    private final Set<String> tailed;
    private final Set<CompletableFuture<?>> tails = ConcurrentHashMap.newKeySet();
    private int shown;
    private boolean capNoted;
    private boolean warned;
    private boolean finished;

    TaskLogFollower(LogEntryRpc rpc, ProjectLogReader reader, ProgressReporter reporter, String project, TaskLogOptions options) {
        this.rpc = rpc;
        this.reader = reader;
        this.reporter = reporter;
        this.project = project;
        this.options = options;
        this.positions = new HashMap<>(options.resume().positions());
        this.tailed = new HashSet<>(options.resume().tailed());
        this.shown = options.resume().shown();
    }

    /** Looks at a snapshot of the run: new CustomJobs, ended and failed tasks. */
    public void observe(PipelineJob job) {
        boolean read = false;
        synchronized (this) {
            if (finished) {
                return;
            }
            for (PipelineTaskDetail t : job.getJobDetail().getTaskDetailsList()) {
                read |= observe(t);
            }
        }
        if (read) {
            reader.register(this);
        }
    }

    /** Under the lock; true when there is something for the shared reader. */
    private boolean observe(PipelineTaskDetail t) {
        if (!t.hasExecutorDetail() || !t.getExecutorDetail().hasContainerDetail()) {
            return false;
        }
        ContainerDetail c = t.getExecutorDetail().getContainerDetail();
        List<String> ids = new ArrayList<>();
        c.getFailedMainJobsList().forEach(n -> ids.add(LogQuery.jobId(n)));
        if (!c.getMainJob().isEmpty()) {
            ids.add(LogQuery.jobId(c.getMainJob()));
        }
        if (ids.isEmpty()) {
            return false;
        }
        String task = t.getTaskName();
        ids.forEach(id -> taskOfJob.putIfAbsent(id, task));
        boolean ended = switch (t.getState()) {
            case SUCCEEDED, FAILED, CANCELLED, SKIPPED, NOT_TRIGGERED -> true;
            default -> false;
        };
        if (options.mode() != TaskLogMode.ALL) {
            if (t.getState() == PipelineTaskDetail.State.FAILED && tailed.add(task)) {
                tail(task, List.copyOf(ids));
            }
            return false;
        }
        if (linked.add(task)) {
            reporter.emit(ProgressEvent.Kind.INFO, "task " + task, "logs", LogQuery.consoleUrl(project, LogQuery.jobs(ids)));
        }
        for (int i = 0; i < ids.size(); i++) {
            String id = ids.get(i);
            if (!done.contains(id)) {
                live.add(id);
                if (ended || i < ids.size() - 1) {
                    ending.add(id); // a failed attempt's job has ended too
                }
            }
        }
        return !live.isEmpty();
    }

    /** Once the run has ended: reads what is left (the last lines of every job), then completes. Never fails. */
    public CompletableFuture<Void> finish() {
        boolean flush;
        synchronized (this) {
            finished = true;
            flush = reader != null && !live.isEmpty() && !capped();
        }
        CompletableFuture<Void> last = flush ? reader.flush(this) : CompletableFuture.completedFuture(null);
        return last.thenCompose(v -> CompletableFuture.allOf(tails.toArray(CompletableFuture[]::new))).handle((v, t) -> {
            if (reader != null) {
                reader.unregister(this);
            }
            return null;
        });
    }

    /** Stops reading (the wait failed or was cancelled); lines already shown stay shown. */
    public void stop() {
        synchronized (this) {
            finished = true;
        }
        if (reader != null) {
            reader.unregister(this);
        }
    }

    /** Where the run's logs have been shown up to. */
    public synchronized TaskLogCursor cursor() {
        return new TaskLogCursor(positions, shown, tailed);
    }

    Duration interval() {
        return options.interval();
    }

    /** For the shared reader: the jobs to read now, each after its last position shown. */
    synchronized Pending pending() {
        if (capped()) {
            return new Pending(Map.of(), Set.of());
        }
        Map<String, TaskLogCursor.Position> jobs = new LinkedHashMap<>();
        live.forEach(id -> jobs.put(id, positions.get(id)));
        Set<String> ended = new HashSet<>(ending);
        ended.retainAll(jobs.keySet());
        return new Pending(jobs, ended);
    }

    /** For the shared reader: a read of {@code p} ended, with {@code error} or without. */
    void readEnded(Pending p, Throwable error) {
        synchronized (this) {
            if (error == null) {
                // Only jobs known to have ended before the read began have all their lines now.
                done.addAll(p.ended());
                live.removeAll(p.ended());
                ending.removeAll(p.ended());
            }
        }
        if (error != null) {
            boolean last;
            synchronized (this) {
                last = finished;
            }
            warnOnce(error, last ? "the last lines may be missing; see the logs link of each task"
                    : "trying again at the next interval from the last line shown");
        }
        options.onCursor().accept(cursor());
    }

    /** Reads the last lines of a failed task (all its attempts) and shows them, oldest first. */
    private void tail(String task, List<String> ids) {
        CompletableFuture<Void> f = rpc.page(project, LogQuery.jobs(ids), true, options.tailLines(), null).thenAccept(r -> {
            List<LogEntry> lines = new ArrayList<>(r.getEntriesList());
            Collections.reverse(lines);
            synchronized (this) {
                reporter.emit(ProgressEvent.Kind.INFO, "task " + task, lines.isEmpty() ? "failed; its log has no lines (yet)"
                        : "failed; its last " + lines.size() + " log lines:", LogQuery.consoleUrl(project, LogQuery.jobs(ids)));
                lines.forEach(this::show);
            }
            options.onCursor().accept(cursor());
        }).handle((v, t) -> {
            if (t != null) {
                warnOnce(t, "the failed task's lines are left out");
            }
            return null;
        });
        tails.add(f);
    }

    /** Shows an entry unless it was shown before (at or before its job's position). */
    synchronized void show(LogEntry e) {
        String id = e.getResource().getLabelsMap().getOrDefault("job_id", "");
        TaskLogCursor.Position p = TaskLogCursor.Position.of(e);
        TaskLogCursor.Position before = positions.get(id);
        if (before != null && p.compareTo(before) <= 0) {
            return;
        }
        if (capped()) {
            if (!capNoted) {
                capNoted = true;
                reporter.warning("reached the cap of " + options.maxLines() + " task log lines for this run; the rest is in"
                        + " Cloud Logging (see the logs link of each task)");
            }
            return;
        }
        positions.put(id, p);
        shown++;
        reporter.emit(ProgressEvent.Kind.LOG, "task " + taskOfJob.getOrDefault(id, "job " + id), text(e), null);
    }

    private boolean capped() {
        return shown >= options.maxLines();
    }

    private static String text(LogEntry e) {
        String text = switch (e.getPayloadCase()) {
            case TEXT_PAYLOAD -> e.getTextPayload();
            case JSON_PAYLOAD -> e.getJsonPayload().getFieldsMap().containsKey("message")
                    ? e.getJsonPayload().getFieldsOrThrow("message").getStringValue() : e.getJsonPayload().toString();
            default -> "";
        };
        text = text.endsWith("\n") ? text.substring(0, text.length() - 1) : text;
        // A task's output is not ours: no terminal escapes or other control characters reach a console.
        return CONTROL.matcher(text).replaceAll("");
    }

    private void warnOnce(Throwable t, String consequence) {
        Throwable cause = Futures.unwrap(t);
        synchronized (this) {
            if (warned) {
                return;
            }
            warned = true;
        }
        reporter.warning("could not read task logs from Cloud Logging: " + VertexErrors.code(cause) + " "
                + VertexErrors.serverMessage(cause) + " (needs logging.logEntries.list, e.g. roles/logging.viewer); " + consequence);
    }
}
