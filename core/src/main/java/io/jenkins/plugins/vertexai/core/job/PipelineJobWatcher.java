package io.jenkins.plugins.vertexai.core.job;

import com.google.api.gax.rpc.StatusCode;
import com.google.cloud.aiplatform.v1beta1.ListPipelineJobsRequest;
import com.google.cloud.aiplatform.v1beta1.ListPipelineJobsResponse;
import com.google.cloud.aiplatform.v1beta1.PipelineJob;
import com.google.protobuf.FieldMask;
import com.google.protobuf.Timestamp;
import com.google.protobuf.util.Timestamps;
import io.jenkins.plugins.vertexai.core.VertexErrors;
import io.jenkins.plugins.vertexai.core.async.Futures;
import io.jenkins.plugins.vertexai.core.async.WatchSettings;
import io.jenkins.plugins.vertexai.core.async.WatchStats;
import io.jenkins.plugins.vertexai.core.async.WatchStats.Reason;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Watches every waited pipeline job of one (connection, project, region) with one list call per interval, instead of
 * one get per job: {@code ListPipelineJobs} with {@code filter = update_time > "<watermark>"} and a {@code read_mask}
 * of name, state, update_time and error. The watermark is the newest update time the service has shown (server
 * time, never this machine's clock) minus an overlap, for changes that become visible late; jobs listed again with
 * an update time already seen are not read again. Only the waited jobs that changed get a {@code GetPipelineJob}
 * (task details live only there: a list never carries {@code job_detail}). A safety net reads each waited job on
 * its own at least every few minutes, a few per interval, in case a list missed a change. Runs on the engine's
 * scheduler and callback threads only, and only while something waits.
 */
public final class PipelineJobWatcher {
    private static final Logger LOG = Logger.getLogger(PipelineJobWatcher.class.getName());
    static final FieldMask LIST_MASK = FieldMask.newBuilder()
            .addPaths("name").addPaths("state").addPaths("update_time").addPaths("error").build();
    private static final int PAGE_SIZE = 1000;
    /** New waits up to this many per interval are read one by one; more at once are found with one full list. */
    private static final int FIRST_READS_PER_TICK = 32;
    private static final long GATHER_NANOS = TimeUnit.MILLISECONDS.toNanos(200);

    private final PipelineJobRpc rpc;
    private final ScheduledExecutorService scheduler;
    private final String parent;
    private final WatchSettings settings;
    private final WatchStats stats;
    /** By job id; rarely more than one wait per job. */
    private final Map<String, List<Watch>> watches = new ConcurrentHashMap<>();
    private final Object lock = new Object();
    private Timestamp watermark; // guarded by lock: the newest update_time a list has shown
    private boolean ticking; // guarded by lock
    private volatile boolean listRefused;
    private volatile CompletableFuture<Void> current; // the list in flight
    private final java.util.concurrent.atomic.AtomicInteger readAtOnce = new java.util.concurrent.atomic.AtomicInteger();

    PipelineJobWatcher(PipelineJobRpc rpc, ScheduledExecutorService scheduler, String parent, WatchSettings settings, WatchStats stats) {
        this.rpc = rpc;
        this.scheduler = scheduler;
        this.parent = parent;
        this.settings = settings;
        this.stats = stats;
    }

    /** Starts watching {@code name} (a job of this watcher's parent); {@link Watch#close} ends it. */
    Watch watch(PipelineJobName name) {
        Watch w = new Watch(name.toString(), name.jobId());
        watches.compute(name.jobId(), (id, list) -> {
            List<Watch> more = list == null ? new ArrayList<>() : new ArrayList<>(list);
            more.add(w);
            return List.copyOf(more);
        });
        // The first few new waits of an interval are read at once (the caller sees where its run stands right away);
        // beyond that, the next list finds them all.
        if (readAtOnce.incrementAndGet() <= FIRST_READS_PER_TICK) {
            read(w, Reason.FIRST);
        }
        start();
        return w;
    }

    private void remove(Watch w) {
        watches.computeIfPresent(w.jobId, (id, list) -> {
            List<Watch> rest = new ArrayList<>(list);
            rest.remove(w);
            return rest.isEmpty() ? null : List.copyOf(rest);
        });
        CompletableFuture<Void> list = current;
        if (watches.isEmpty() && list != null) {
            list.cancel(true); // nobody waits any more: stop retrying it through an outage
        }
    }

    int size() {
        return watches.values().stream().mapToInt(List::size).sum();
    }

    private List<Watch> all() {
        return watches.values().stream().flatMap(List::stream).toList();
    }

    private void start() {
        synchronized (lock) {
            if (ticking) {
                return;
            }
            ticking = true;
        }
        // A moment's grace, so that waits resuming together (a restarted controller) share the first list.
        schedule(Math.min(settings.interval().toNanos(), GATHER_NANOS));
    }

    private void schedule(long delayNanos) {
        try {
            scheduler.schedule(this::tick, delayNanos, TimeUnit.NANOSECONDS);
        } catch (RejectedExecutionException e) {
            all().forEach(w -> w.fail(new IllegalStateException("the Vertex AI engine was shut down while waiting", e)));
        }
    }

    private void tick() {
        long started = System.nanoTime();
        readAtOnce.set(0);
        synchronized (lock) {
            if (watches.isEmpty()) {
                ticking = false;
                return;
            }
        }
        CompletableFuture<Void> round;
        try {
            round = listRefused ? readAll() : listAndRead();
        } catch (RuntimeException e) {
            round = CompletableFuture.failedFuture(e);
        }
        round.whenComplete((v, t) -> {
            if (t != null) {
                LOG.log(Level.FINE, "watching pipeline jobs in " + parent, t);
            }
            schedule(Math.max(0, settings.interval().toNanos() - (System.nanoTime() - started)));
        });
    }

    private CompletableFuture<Void> listAndRead() {
        List<Watch> fresh = all().stream().filter(Watch::isFresh).toList();
        Timestamp since;
        synchronized (lock) {
            since = watermark;
        }
        // Many new waits at once (e.g. a restarted controller re-attaching): one full list finds where each stands,
        // and only those that ended are read. A few are read one by one (their progress is shown from the start).
        boolean many = fresh.size() > FIRST_READS_PER_TICK;
        boolean full = since == null || many;
        String filter = full ? "" : "update_time > \"" + Timestamps.toString(minus(since, settings.overlap())) + "\"";
        CompletableFuture<Void> list = listFrom(filter, "", many);
        current = list;
        return list.handle((v, t) -> {
            if (t != null) {
                listFailed(t);
            }
            readWhatChanged(FIRST_READS_PER_TICK);
            return null;
        });
    }

    private CompletableFuture<Void> listFrom(String filter, String token, boolean baseline) {
        ListPipelineJobsRequest req = ListPipelineJobsRequest.newBuilder().setParent(parent).setFilter(filter)
                .setPageSize(PAGE_SIZE).setPageToken(token).setReadMask(LIST_MASK).build();
        stats.list();
        return rpc.list(req).thenCompose((ListPipelineJobsResponse page) -> {
            page.getPipelineJobsList().forEach(j -> listed(j, baseline));
            return page.getNextPageToken().isEmpty() ? CompletableFuture.completedFuture(null)
                    : listFrom(filter, page.getNextPageToken(), baseline);
        });
    }

    /** A job as a list shows it: only name, state, update_time and error are relied on. */
    private void listed(PipelineJob j, boolean baseline) {
        synchronized (lock) {
            if (watermark == null || Timestamps.compare(j.getUpdateTime(), watermark) > 0) {
                watermark = j.getUpdateTime();
            }
        }
        // The service may name the job with the project number where the caller used the id: match by job id.
        List<Watch> ws = watches.get(j.getName().substring(j.getName().lastIndexOf('/') + 1));
        if (ws != null) {
            ws.forEach(w -> w.listed(j.getUpdateTime(), baseline && !PipelineRunner.isTerminal(j.getState())));
        }
    }

    private void listFailed(Throwable t) {
        StatusCode.Code code = VertexErrors.code(t);
        if (code == StatusCode.Code.PERMISSION_DENIED || code == StatusCode.Code.UNIMPLEMENTED || code == StatusCode.Code.INVALID_ARGUMENT) {
            // E.g. a role with aiplatform.pipelineJobs.get but not .list: fall back to reading each job.
            listRefused = true;
            LOG.warning("cannot list pipeline jobs in " + parent + " (" + code + ": " + VertexErrors.serverMessage(t)
                    + "); reading each waited job every interval instead");
        }
    }

    /** Reads the jobs a list showed changed, new waits (a few) and the safety net's (a few). */
    private void readWhatChanged(int firstReads) {
        long now = System.nanoTime();
        List<Watch> due = new ArrayList<>();
        int first = 0;
        for (Watch w : all()) {
            if (w.changed()) {
                read(w, w.neverRead() ? Reason.FIRST : Reason.CHANGE);
            } else if (w.isFresh()) {
                if (first++ < firstReads) {
                    read(w, Reason.FIRST);
                }
            } else if (now - w.lastRead() >= settings.safetyNet().toNanos()) {
                due.add(w);
            }
        }
        due.stream().sorted(Comparator.comparingLong(Watch::lastRead)).limit(settings.safetyReadsPerTick())
                .forEach(w -> read(w, Reason.SAFETY));
    }

    /** The fallback when listing is refused: every waited job is read every interval. */
    private CompletableFuture<Void> readAll() {
        List<CompletableFuture<?>> reads = new ArrayList<>();
        all().forEach(w -> reads.add(read(w, w.isFresh() ? Reason.FIRST : Reason.CHANGE)));
        return CompletableFuture.allOf(reads.toArray(CompletableFuture[]::new)).handle((v, t) -> null);
    }

    private CompletableFuture<?> read(Watch w, Reason reason) {
        if (!w.startRead()) {
            return CompletableFuture.completedFuture(null);
        }
        stats.read(reason);
        CompletableFuture<PipelineJob> get = rpc.get(w.name);
        w.reading(get);
        return get.whenComplete((job, t) -> {
            if (t != null) {
                w.fail(Futures.unwrap(t));
            } else {
                if (reason == Reason.SAFETY && w.isNewer(job.getUpdateTime())) {
                    stats.missedChange();
                }
                w.deliver(job);
            }
        });
    }

    private static Timestamp minus(Timestamp t, java.time.Duration d) {
        return Timestamps.subtract(t, com.google.protobuf.util.Durations.fromNanos(d.toNanos()));
    }

    /**
     * One waited job: what the service last showed of it and the next full job for its wait. {@link #next} completes
     * with each full job read after a change (the latest one when several came in between).
     */
    final class Watch {
        final String name;
        final String jobId;
        private Timestamp seen; // update_time of the last job read (or, for a quiet job found by a full list, listed)
        private Timestamp listedAt; // the newest update_time a list showed
        private long lastRead = System.nanoTime();
        private boolean reading;
        private CompletableFuture<?> read; // in flight
        private boolean closed;
        private PipelineJob pending;
        private Throwable failure;
        private CompletableFuture<PipelineJob> waiting;

        Watch(String name, String jobId) {
            this.name = name;
            this.jobId = jobId;
        }

        /** The next job read for this wait (at once when one came in since the last call). */
        CompletableFuture<PipelineJob> next() {
            synchronized (this) {
                if (failure != null) {
                    return CompletableFuture.failedFuture(failure);
                }
                if (pending != null) {
                    PipelineJob j = pending;
                    pending = null;
                    return CompletableFuture.completedFuture(j);
                }
                if (waiting == null || waiting.isDone()) {
                    waiting = new CompletableFuture<>();
                }
                return waiting;
            }
        }

        /** The wait has ended: stop reading for it (a read retrying through an outage stops too). */
        void close() {
            CompletableFuture<?> r;
            synchronized (this) {
                closed = true;
                r = read;
            }
            remove(this);
            if (r != null) {
                r.cancel(true);
            }
        }

        void reading(CompletableFuture<?> f) {
            boolean cancel;
            synchronized (this) {
                read = f;
                cancel = closed;
            }
            if (cancel) {
                f.cancel(true);
            }
        }

        synchronized boolean isFresh() {
            return seen == null && !reading;
        }

        synchronized boolean neverRead() {
            return seen == null;
        }

        synchronized long lastRead() {
            return lastRead;
        }

        synchronized boolean changed() {
            return !reading && listedAt != null && (seen == null || Timestamps.compare(listedAt, seen) > 0);
        }

        synchronized boolean isNewer(Timestamp t) {
            return seen != null && Timestamps.compare(t, seen) > 0;
        }

        synchronized void listed(Timestamp updateTime, boolean quietInFullList) {
            if (seen == null && quietInFullList && !reading) {
                seen = updateTime; // found by a full list, not ended: its baseline, no read needed
                return;
            }
            if (listedAt == null || Timestamps.compare(updateTime, listedAt) > 0) {
                listedAt = updateTime;
            }
        }

        synchronized boolean startRead() {
            if (reading || failure != null || closed) {
                return false;
            }
            reading = true;
            return true;
        }

        void deliver(PipelineJob job) {
            CompletableFuture<PipelineJob> to;
            synchronized (this) {
                reading = false;
                lastRead = System.nanoTime();
                if (seen != null && Timestamps.compare(job.getUpdateTime(), seen) <= 0) {
                    return; // nothing new: a safety read of a quiet job
                }
                seen = job.getUpdateTime();
                to = waiting != null && !waiting.isDone() ? waiting : null;
                if (to == null) {
                    pending = job;
                }
                waiting = null;
            }
            if (to != null) {
                to.complete(job);
            }
        }

        void fail(Throwable t) {
            CompletableFuture<PipelineJob> to;
            synchronized (this) {
                reading = false;
                failure = t;
                to = waiting;
                waiting = null;
            }
            if (to != null) {
                to.completeExceptionally(t);
            }
        }
    }
}
