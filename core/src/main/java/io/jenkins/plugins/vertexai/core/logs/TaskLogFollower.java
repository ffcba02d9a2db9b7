package io.jenkins.plugins.vertexai.core.logs;

import com.google.cloud.aiplatform.v1beta1.PipelineJob;
import com.google.cloud.aiplatform.v1beta1.PipelineTaskDetail;
import com.google.cloud.aiplatform.v1beta1.PipelineTaskExecutorDetail.ContainerDetail;
import com.google.cloud.logging.v2.LoggingClient;
import com.google.logging.v2.ListLogEntriesResponse;
import com.google.logging.v2.LogEntry;
import io.jenkins.plugins.vertexai.core.ProgressEvent;
import io.jenkins.plugins.vertexai.core.ProgressReporter;
import io.jenkins.plugins.vertexai.core.VertexErrors;
import io.jenkins.plugins.vertexai.core.async.AsyncRetry;
import io.jenkins.plugins.vertexai.core.async.Futures;
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
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;

/**
 * Shows a run's task logs from Cloud Logging, on the shared scheduler (no thread waits). It learns each task's
 * CustomJobs from the snapshots the wait polls ({@code main_job}, {@code failed_main_jobs}). In {@link TaskLogMode#ALL}
 * it reads, every interval, the new entries of all the run's active jobs in one query (an OR of job ids, each after its
 * last entry shown), page by page, oldest first; a job whose task has ended is read once more, then no longer. In
 * {@link TaskLogMode#ERRORS} a failed task's last lines are read once, newest first. Lines are prefixed by their task;
 * at most {@code maxLines} per run. A failed read is told once and tried again at the next interval from the same
 * place: nothing is lost, and reading logs never fails the run.
 */
public final class TaskLogFollower {
    /** Job ids per query: keeps the filter far below the service's 20,000 characters. */
    static final int MAX_JOBS_PER_QUERY = 100;
    private static final int PAGE_SIZE = 1000;

    private final LogEntryRpc rpc;
    private final ScheduledExecutorService scheduler;
    private final ProgressReporter reporter;
    private final String project;
    private final TaskLogOptions options;

    private final Map<String, String> taskOfJob = new HashMap<>();
    private final Map<String, List<String>> jobsOfTask = new LinkedHashMap<>();
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
    private boolean ticking;
    private boolean finished;
    private CompletableFuture<Void> inFlight = CompletableFuture.completedFuture(null);
    private ScheduledFuture<?> nextTick;

    private TaskLogFollower(LogEntryRpc rpc, ScheduledExecutorService scheduler, ProgressReporter reporter, String project,
                            TaskLogOptions options) {
        this.rpc = rpc;
        this.scheduler = scheduler;
        this.reporter = reporter;
        this.project = project;
        this.options = options;
        this.positions = new HashMap<>(options.resume().positions());
        this.tailed = new HashSet<>(options.resume().tailed());
        this.shown = options.resume().shown();
    }

    /**
     * @param budgetKey {@code projects/P/locations/L} of the run (its calls count against that request budget)
     * @return null for {@link TaskLogMode#NONE}
     */
    public static TaskLogFollower create(Supplier<LoggingClient> client, AsyncRetry retry, ScheduledExecutorService scheduler,
                                         ProgressReporter reporter, String project, String budgetKey, TaskLogOptions options) {
        if (options == null || options.mode() == TaskLogMode.NONE || client == null) {
            return null;
        }
        return new TaskLogFollower(new LogEntryRpc(client, retry, budgetKey), scheduler, reporter, project, options);
    }

    /** Looks at a snapshot of the run: new CustomJobs, ended and failed tasks. */
    public synchronized void observe(PipelineJob job) {
        if (finished) {
            return;
        }
        for (PipelineTaskDetail t : job.getJobDetail().getTaskDetailsList()) {
            if (!t.hasExecutorDetail() || !t.getExecutorDetail().hasContainerDetail()) {
                continue;
            }
            ContainerDetail c = t.getExecutorDetail().getContainerDetail();
            List<String> ids = new ArrayList<>();
            c.getFailedMainJobsList().forEach(n -> ids.add(LogQuery.jobId(n)));
            if (!c.getMainJob().isEmpty()) {
                ids.add(LogQuery.jobId(c.getMainJob()));
            }
            if (ids.isEmpty()) {
                continue;
            }
            String task = t.getTaskName();
            for (String id : ids) {
                taskOfJob.putIfAbsent(id, task);
            }
            jobsOfTask.put(task, List.copyOf(ids));
            boolean ended = switch (t.getState()) {
                case SUCCEEDED, FAILED, CANCELLED, SKIPPED, NOT_TRIGGERED -> true;
                default -> false;
            };
            if (options.mode() == TaskLogMode.ALL) {
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
            } else if (t.getState() == PipelineTaskDetail.State.FAILED && tailed.add(task)) {
                tail(task, List.copyOf(ids));
            }
        }
        if (options.mode() == TaskLogMode.ALL && !ticking) {
            ticking = true;
            schedule(0);
        }
    }

    /** Once the run has ended: reads what is left (the last lines of every job), then completes. Never fails. */
    public CompletableFuture<Void> finish() {
        CompletableFuture<Void> prior;
        synchronized (this) {
            finished = true;
            if (nextTick != null) {
                nextTick.cancel(false);
            }
            prior = inFlight;
        }
        return prior.handle((v, t) -> null).thenCompose(v -> {
            List<String> rest;
            synchronized (this) {
                rest = new ArrayList<>(live);
            }
            return options.mode() == TaskLogMode.ALL && !rest.isEmpty() ? readAll(rest, true) : CompletableFuture.<Void>completedFuture(null);
        }).thenCompose(v -> CompletableFuture.allOf(tails.toArray(CompletableFuture[]::new))).handle((v, t) -> null);
    }

    /** Stops reading (the wait failed or was cancelled); lines already shown stay shown. */
    public synchronized void stop() {
        finished = true;
        if (nextTick != null) {
            nextTick.cancel(false);
        }
    }

    /** Where the run's logs have been shown up to. */
    public synchronized TaskLogCursor cursor() {
        return new TaskLogCursor(positions, shown, tailed);
    }

    private void schedule(long delayMs) {
        try {
            nextTick = scheduler.schedule(this::tick, delayMs, TimeUnit.MILLISECONDS);
        } catch (RejectedExecutionException e) {
            finished = true; // the engine is shut down
        }
    }

    private void tick() {
        List<String> ids;
        synchronized (this) {
            if (finished || rpc.retry().cancellation().isCancelled()) {
                return;
            }
            if (capped() || live.isEmpty()) {
                schedule(options.interval().toMillis());
                return;
            }
            ids = new ArrayList<>(live);
            CompletableFuture<Void> read = readAll(ids, false);
            inFlight = read;
        }
        inFlight.whenComplete((v, t) -> {
            synchronized (this) {
                if (!finished) {
                    schedule(options.interval().toMillis());
                }
            }
        });
    }

    /** One query (or a few, for very many jobs) for the new entries of {@code ids}, page by page. */
    private CompletableFuture<Void> readAll(List<String> ids, boolean last) {
        CompletableFuture<Void> all = CompletableFuture.completedFuture(null);
        for (int from = 0; from < ids.size(); from += MAX_JOBS_PER_QUERY) {
            List<String> chunk = ids.subList(from, Math.min(ids.size(), from + MAX_JOBS_PER_QUERY));
            all = all.thenCompose(v -> read(chunk));
        }
        return all.handle((v, t) -> {
            if (t != null) {
                warnOnce(t, last ? "the last lines may be missing; see the logs link of each task"
                        : "trying again at the next interval from the last line shown");
            }
            return null;
        });
    }

    private CompletableFuture<Void> read(List<String> ids) {
        Map<String, TaskLogCursor.Position> after = new LinkedHashMap<>();
        Set<String> endedBefore;
        synchronized (this) {
            ids.forEach(id -> after.put(id, positions.get(id)));
            endedBefore = new HashSet<>(ids);
            endedBefore.retainAll(ending);
        }
        String filter = LogQuery.after(after);
        return page(filter, null).thenRun(() -> {
            synchronized (this) {
                // Only jobs known to have ended before this query began have all their lines now.
                done.addAll(endedBefore);
                live.removeAll(endedBefore);
                ending.removeAll(endedBefore);
            }
        });
    }

    private CompletableFuture<Void> page(String filter, String token) {
        if (capped()) {
            return CompletableFuture.completedFuture(null);
        }
        return rpc.page(project, filter, false, PAGE_SIZE, token).thenCompose((ListLogEntriesResponse r) -> {
            synchronized (this) {
                r.getEntriesList().forEach(this::show);
            }
            options.onCursor().accept(cursor());
            return r.getNextPageToken().isEmpty() ? CompletableFuture.completedFuture(null) : page(filter, r.getNextPageToken());
        });
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

    /** Shows an entry unless it was shown before (at or before its job's position); under the lock. */
    private void show(LogEntry e) {
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
        String text = text(e);
        reporter.emit(ProgressEvent.Kind.LOG, "task " + taskOfJob.getOrDefault(id, "job " + id), text, null);
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
        return text.endsWith("\n") ? text.substring(0, text.length() - 1) : text;
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
