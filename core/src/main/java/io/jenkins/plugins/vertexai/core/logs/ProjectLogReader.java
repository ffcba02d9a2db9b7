package io.jenkins.plugins.vertexai.core.logs;

import com.google.logging.v2.ListLogEntriesResponse;
import com.google.logging.v2.LogEntry;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;

/**
 * Reads the new log entries of every run that streams its task logs in one project, for all of them at once: every
 * interval one query (an OR of the active CustomJobs of all runs, each after its last entry shown; 100 jobs per query
 * at most), page by page, oldest first, each entry handed to the run that owns its job. Reads begin at most once per
 * interval, also when runs end and ask for their last lines (they wait for the next read). A hundred runs cost one query
 * per interval, not a hundred (Cloud Logging's read quota is per project). Everything runs on the shared scheduler.
 */
final class ProjectLogReader {
    private static final int PAGE_SIZE = 1000;

    private final LogEntryRpc rpc;
    private final ScheduledExecutorService scheduler;
    private final String project;
    private final Set<TaskLogFollower> followers = new LinkedHashSet<>();
    private final Map<TaskLogFollower, CompletableFuture<Void>> flushes = new LinkedHashMap<>();
    private boolean reading;
    private boolean again;
    private ScheduledFuture<?> next;
    private long queries;
    /** When the last read began (System.nanoTime()); reads begin at most once per interval. */
    private long lastStart = System.nanoTime() - TimeUnit.DAYS.toNanos(1);

    ProjectLogReader(LogEntryRpc rpc, ScheduledExecutorService scheduler, String project) {
        this.rpc = rpc;
        this.scheduler = scheduler;
        this.project = project;
    }

    /** Starts reading for {@code f} (no-op when it is already read for). */
    synchronized void register(TaskLogFollower f) {
        if (followers.add(f) && !reading && next == null) {
            schedule(untilAllowed());
        }
    }

    synchronized void unregister(TaskLogFollower f) {
        followers.remove(f);
        CompletableFuture<Void> pending = flushes.remove(f);
        if (pending != null) {
            pending.complete(null);
        }
    }

    /** Completes once a read that began after this call has ended (or failed): {@code f}'s last lines are in. */
    synchronized CompletableFuture<Void> flush(TaskLogFollower f) {
        followers.add(f);
        CompletableFuture<Void> done = flushes.computeIfAbsent(f, k -> new CompletableFuture<>());
        if (reading) {
            again = true; // the read in flight began too early: the next one, as soon as the interval allows
        } else {
            if (next != null) {
                next.cancel(false);
            }
            schedule(untilAllowed());
        }
        return done;
    }

    /** Queries sent so far (for tests and the bench). */
    synchronized long queries() {
        return queries;
    }

    private void schedule(long delayMs) {
        try {
            next = scheduler.schedule(this::read, delayMs, TimeUnit.MILLISECONDS);
        } catch (RejectedExecutionException e) {
            next = null; // the engine is shut down
            flushes.values().forEach(f -> f.complete(null));
            flushes.clear();
        }
    }

    private void read() {
        Map<TaskLogFollower, TaskLogFollower.Pending> wanted = new LinkedHashMap<>();
        Map<TaskLogFollower, CompletableFuture<Void>> flushing;
        synchronized (this) {
            next = null;
            if (reading) {
                return;
            }
            for (TaskLogFollower f : followers) {
                TaskLogFollower.Pending p = f.pending();
                if (!p.jobs().isEmpty()) {
                    wanted.put(f, p);
                }
            }
            flushing = new LinkedHashMap<>(flushes);
            flushes.clear();
            if (wanted.isEmpty()) {
                flushing.values().forEach(c -> c.complete(null));
                if (!followers.isEmpty()) {
                    schedule(interval());
                }
                return;
            }
            reading = true;
            lastStart = System.nanoTime();
        }
        // Job id → the runs that want it, and the earliest position any of them has shown.
        Map<String, List<TaskLogFollower>> owners = new LinkedHashMap<>();
        Map<String, TaskLogCursor.Position> after = new LinkedHashMap<>();
        wanted.forEach((f, p) -> p.jobs().forEach((id, pos) -> {
            boolean first = !owners.containsKey(id);
            owners.computeIfAbsent(id, k -> new ArrayList<>()).add(f);
            if (first) {
                after.put(id, pos);
            } else if (after.get(id) != null && (pos == null || pos.compareTo(after.get(id)) < 0)) {
                after.put(id, pos);
            }
        }));
        List<String> ids = new ArrayList<>(after.keySet());
        Map<TaskLogFollower, Throwable> errors = new HashMap<>();
        CompletableFuture<Void> all = CompletableFuture.completedFuture(null);
        for (int from = 0; from < ids.size(); from += TaskLogFollower.MAX_JOBS_PER_QUERY) {
            Map<String, TaskLogCursor.Position> chunk = new LinkedHashMap<>();
            ids.subList(from, Math.min(ids.size(), from + TaskLogFollower.MAX_JOBS_PER_QUERY)).forEach(id -> chunk.put(id, after.get(id)));
            String filter = LogQuery.after(chunk);
            all = all.thenCompose(v -> page(filter, null, owners).handle((x, t) -> {
                if (t != null) {
                    chunk.keySet().forEach(id -> owners.get(id).forEach(f -> errors.putIfAbsent(f, t)));
                }
                return null;
            }));
        }
        all.whenComplete((v, t) -> {
            wanted.forEach((f, p) -> f.readEnded(p, errors.get(f)));
            flushing.values().forEach(c -> c.complete(null));
            synchronized (this) {
                reading = false;
                if (again || !followers.isEmpty()) {
                    again = false;
                    schedule(untilAllowed());
                }
            }
        });
    }

    private CompletableFuture<Void> page(String filter, String token, Map<String, List<TaskLogFollower>> owners) {
        synchronized (this) {
            queries++;
        }
        return rpc.page(project, filter, false, PAGE_SIZE, token).thenCompose((ListLogEntriesResponse r) -> {
            for (LogEntry e : r.getEntriesList()) {
                List<TaskLogFollower> to = owners.get(e.getResource().getLabelsMap().getOrDefault("job_id", ""));
                if (to != null) {
                    to.forEach(f -> f.show(e));
                }
            }
            return r.getNextPageToken().isEmpty() ? CompletableFuture.completedFuture(null) : page(filter, r.getNextPageToken(), owners);
        });
    }

    /** Milliseconds until the next read may begin: one interval after the last one began. */
    private long untilAllowed() {
        return Math.max(0, TimeUnit.NANOSECONDS.toMillis(lastStart + TimeUnit.MILLISECONDS.toNanos(interval()) - System.nanoTime()));
    }

    private synchronized long interval() {
        return followers.stream().map(TaskLogFollower::interval).min(Duration::compareTo).orElse(Duration.ofSeconds(15)).toMillis();
    }
}
