package io.jenkins.plugins.vertexai.cli.bench;

import com.google.cloud.aiplatform.v1beta1.PipelineJob;
import io.jenkins.plugins.vertexai.core.ProgressListener;
import io.jenkins.plugins.vertexai.core.VertexEngine;
import io.jenkins.plugins.vertexai.core.async.Backoff;
import io.jenkins.plugins.vertexai.core.async.Futures;
import io.jenkins.plugins.vertexai.core.async.PollingPolicy;
import io.jenkins.plugins.vertexai.core.client.VertexConnection;
import io.jenkins.plugins.vertexai.core.job.PipelineJobName;
import io.jenkins.plugins.vertexai.core.job.PipelineRunner;
import io.jenkins.plugins.vertexai.core.job.PipelineWaitOptions;
import io.jenkins.plugins.vertexai.emulator.VertexAiEmulator;
import java.io.PrintWriter;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.Semaphore;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Measures one waiting mode: submits N runs, takes the baselines, starts N waits, measures the heap while they are
 * all in flight, and waits for every one of them to see its run end.
 */
final class WaitBenchmark {
    static final String GET_METHOD = "google.cloud.aiplatform.v1beta1.PipelineService/GetPipelineJob";
    private static final int SUBMIT_CONCURRENCY = 64;
    /** Real time added to the QUEUED + PENDING phases before the baseline, so that every job is RUNNING. */
    private static final Duration STARTUP_MARGIN = Duration.ofMillis(500);

    /** Which waiter. */
    enum Mode { ASYNC, BLOCKING }

    private final VertexAiEmulator emulator;
    private final VertexEngine engine;
    private final VertexConnection connection;
    private final String parent;
    private final PipelineJob job;
    private final Duration interval;
    private final Duration expectedRun;
    private final Duration startupReal;
    private final boolean faults;
    private final PrintWriter log;
    private final boolean verbose;
    /** Maps System.nanoTime() to wall-clock instants (the emulator maps its end times the same way). */
    private final Instant originWall = Instant.now();
    private final long originNanos = System.nanoTime();

    WaitBenchmark(VertexAiEmulator emulator, VertexEngine engine, VertexConnection connection, String parent,
                  PipelineJob job, Duration interval, Duration expectedRun, Duration startupReal, boolean faults,
                  PrintWriter log, boolean verbose) {
        this.emulator = emulator;
        this.engine = engine;
        this.connection = connection;
        this.parent = parent;
        this.job = job;
        this.interval = interval;
        this.expectedRun = expectedRun;
        this.startupReal = startupReal;
        this.faults = faults;
        this.log = log;
        this.verbose = verbose;
    }

    /** The fixed poll interval as core's polling policy: no backoff, no timeout. */
    static PipelineWaitOptions fixedInterval(Duration interval) {
        return PipelineWaitOptions.DEFAULT.withPolling(new PollingPolicy(new Backoff(interval, 1.0, interval), null));
    }

    ModeResult run(Mode mode, int runs) throws InterruptedException {
        String label = mode.name().toLowerCase(Locale.ROOT);
        // 1. Submit every run (submit-or-attach, through core, with the cached client).
        long createdBefore = emulator.pipelineJobsCreated();
        long submitStart = System.nanoTime();
        List<String> names = submit(label, runs);
        long duplicates = emulator.pipelineJobsCreated() - createdBefore - names.size();

        // 2. Let every job reach RUNNING and bring the emulator's view of it up to date (one get each, not
        //    counted), so that the emulator's own state barely changes between the baseline and the in-flight
        //    heap measurement: the heap difference is then the waiters'.
        long submitted = System.nanoTime();
        Thread.sleep(Math.max(0, startupReal.plus(STARTUP_MARGIN).toMillis()));
        int notRunning = prime(names);
        if (notRunning > 0) {
            log.printf("note: %s: %d of %d runs were not RUNNING when the waits were about to start (submitting took"
                    + " %.1fs); a lower --speed or a longer --task-duration keeps every run in flight%n", label, notRunning,
                    names.size(), (submitted - submitStart) / 1e9);
        }
        if (verbose) {
            log.printf(Locale.ROOT, "%s: %d runs submitted, then %.1fs until all were RUNNING%n", label, names.size(),
                    (System.nanoTime() - submitted) / 1e9);
        }

        // 3. Baselines: after the emulator started and every job was submitted, before any wait starts.
        long heapBase = HeapProbe.usedAfterGc();
        int threadBase = ThreadSampler.countNow();
        int rawBase = ThreadSampler.rawNow();
        var namesAtBase = verbose ? ThreadSampler.histogramNow() : null;
        long getsBefore = emulator.stats().rpcCount(GET_METHOD);

        // 4. Start the waits, sampling the threads meanwhile.
        Waiters waiters;
        if (mode == Mode.ASYNC) {
            // Core's per-job waiter (no regional watcher): what this comparison is about is the thread per wait.
            PipelineRunner runner = new PipelineRunner(engine.clients().pipelines(connection), engine.scheduler(),
                    engine.retryPolicy(), engine.chains());
            waiters = new AsyncWaiters(names, runner, fixedInterval(interval));
        } else {
            waiters = new BlockingWaiters(names, engine.clients().pipelines(connection), interval, engine.retryPolicy().rpcTimeout());
        }
        long t0 = System.nanoTime();
        long heapInFlight;
        int doneAtHeap;
        int lost;
        ThreadSampler sampler = ThreadSampler.start(Duration.ofMillis(10));
        try {
            waiters.start();

            // 5. Heap while all waits are in flight: once every run has been polled at least once (and at least
            //    two intervals in), so that each waiter holds what it keeps between polls.
            long heapAt = t0 + 2 * interval.toNanos();
            long settle = heapAt + 3 * interval.toNanos();
            while (System.nanoTime() < heapAt
                    || (emulator.stats().rpcCount(GET_METHOD) - getsBefore < names.size() && System.nanoTime() < settle)) {
                Thread.sleep(20);
            }
            heapInFlight = HeapProbe.usedAfterGc();
            doneAtHeap = waiters.completed();

            // 6. Every waiter must see its run end; a generous deadline catches lost ones.
            Duration deadline = expectedRun.multipliedBy(2).plus(interval.multipliedBy(10)).plusSeconds(30);
            waiters.awaitAll(deadline.minusNanos(System.nanoTime() - t0));
        } finally {
            sampler.close();
            lost = names.size() - waiters.completed();
            waiters.stop();
        }
        long gets = emulator.stats().rpcCount(GET_METHOD) - getsBefore;

        // 7. Figures.
        int ok = 0;
        long lastEnd = t0;
        double waitedIntervals = 0;
        List<Double> lags = new ArrayList<>();
        List<String> problems = new ArrayList<>();
        long now = System.nanoTime();
        for (int i = 0; i < waiters.size(); i++) {
            long end = waiters.endNanos[i] != 0 ? waiters.endNanos[i] : now;
            long start = waiters.startNanos[i] != 0 ? waiters.startNanos[i] : t0;
            waitedIntervals += (end - start) / (double) interval.toNanos();
            if (waiters.endNanos[i] != 0) {
                lastEnd = Math.max(lastEnd, end);
            }
            if (waiters.ok[i]) {
                ok++;
                Optional<Instant> ended = emulator.pipelineJobEndTime(names.get(i));
                if (ended.isPresent()) {
                    lags.add(Duration.between(ended.get(), wall(waiters.endNanos[i])).toNanos() / 1e6);
                } else {
                    problems.add(names.get(i) + ": the emulator has no end time");
                }
            } else if (waiters.failures[i] != null && problems.size() < 5) {
                problems.add(names.get(i) + ": " + waiters.failures[i]);
            }
        }
        double[] lagArray = lags.stream().mapToDouble(Double::doubleValue).toArray();
        ModeResult result = new ModeResult(label, runs, ok, sampler.peak() - threadBase, (heapInFlight - heapBase) / (1024.0 * 1024.0),
                gets / (double) runs, gets / Math.max(1e-9, waitedIntervals), Stats.percentile(lagArray, 50),
                Stats.percentile(lagArray, 99), (lastEnd - t0) / 1e9, faults, duplicates, lost);
        if (doneAtHeap > 0) {
            log.printf("note: %s: %d waits had already completed when the heap was measured%n", label, doneAtHeap);
        }
        problems.forEach(p -> log.println("note: " + label + ": " + p));
        if (verbose) {
            log.printf(Locale.ROOT, "%s: threads counted %d -> peak %d (raw JVM %d -> peak %d, %d samples); heap %.1f -> %.1f MiB"
                            + "; max lag %.0f ms; GetPipelineJob calls %d%n",
                    label, threadBase, sampler.peak(), rawBase, sampler.rawPeak(), sampler.samples(), heapBase / 1048576.0,
                    heapInFlight / 1048576.0, Stats.percentile(lagArray, 100), gets);
            log.println(label + ": counted threads at baseline " + namesAtBase);
            log.println(label + ": counted threads at peak     " + sampler.namesAtPeak());
        }
        log.flush();
        return result;
    }

    private Instant wall(long nanos) {
        return originWall.plusNanos(nanos - originNanos);
    }

    /**
     * One get per job through core (retried like any), a few dozen at a time; failures are left to the waiters.
     * Returns how many jobs were not RUNNING (already ended, or still starting): the waits then measure less.
     */
    private int prime(List<String> names) throws InterruptedException {
        PipelineRunner runner = engine.pipelines(connection);
        Semaphore permits = new Semaphore(SUBMIT_CONCURRENCY);
        AtomicInteger notRunning = new AtomicInteger();
        for (String name : names) {
            permits.acquire();
            runner.describe(PipelineJobName.parse("name", name)).whenComplete((r, t) -> {
                if (t == null && !"RUNNING".equals(r.state())) {
                    notRunning.incrementAndGet();
                }
                permits.release();
            });
        }
        permits.acquire(SUBMIT_CONCURRENCY);
        return notRunning.get();
    }

    /** Submits {@code runs} jobs through core (a few dozen at a time); returns the names of those accepted. */
    List<String> submit(String label, int runs) throws InterruptedException {
        PipelineRunner runner = engine.pipelines(connection);
        Semaphore permits = new Semaphore(SUBMIT_CONCURRENCY);
        String[] accepted = new String[runs];
        AtomicInteger failed = new AtomicInteger();
        for (int i = 0; i < runs; i++) {
            int run = i;
            String jobId = String.format(Locale.ROOT, "bench-%s-%05d", label, i);
            permits.acquire();
            runner.submit(parent, jobId, job, ProgressListener.NONE).whenComplete((r, t) -> {
                if (t == null) {
                    accepted[run] = r.jobName();
                } else if (failed.incrementAndGet() <= 5) {
                    log.println("note: " + label + ": submitting " + jobId + " failed: " + Futures.unwrap(t).getMessage());
                }
                permits.release();
            });
        }
        permits.acquire(SUBMIT_CONCURRENCY);
        List<String> names = new ArrayList<>();
        for (String n : accepted) {
            if (n != null) {
                names.add(n);
            }
        }
        return names;
    }
}
