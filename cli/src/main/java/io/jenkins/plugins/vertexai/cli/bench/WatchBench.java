package io.jenkins.plugins.vertexai.cli.bench;

import com.google.cloud.aiplatform.v1beta1.PipelineJob;
import io.jenkins.plugins.vertexai.core.ProgressListener;
import io.jenkins.plugins.vertexai.core.VertexEngine;
import io.jenkins.plugins.vertexai.core.async.Futures;
import io.jenkins.plugins.vertexai.core.async.WatchStats;
import io.jenkins.plugins.vertexai.core.client.VertexConnection;
import io.jenkins.plugins.vertexai.core.job.PipelineJobName;
import io.jenkins.plugins.vertexai.core.job.PipelineRunResult;
import io.jenkins.plugins.vertexai.core.job.PipelineRunner;
import io.jenkins.plugins.vertexai.core.job.PipelineWaitOptions;
import io.jenkins.plugins.vertexai.emulator.EmulatorStats;
import io.jenkins.plugins.vertexai.emulator.VertexAiEmulator;
import java.io.PrintWriter;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Semaphore;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * {@code mode=watch} against {@code mode=poll}: N concurrent pipeline runs, each changing state a few times at its own
 * moment (holds spread evenly), waited for by core's regional watcher (one list per interval, a get per changed job,
 * within the request budget) or by per-job polling at the same interval. Measured over a window of steady state, in
 * simulated time: calls per minute, detection lag, threads and heap, and (with faults) lost waits and the most calls
 * the emulator saw in any 60 s.
 */
final class WatchBench {
    static final String LIST = "google.cloud.aiplatform.v1beta1.PipelineService/ListPipelineJobs";
    static final String GET = WaitBenchmark.GET_METHOD;
    private static final int SUBMIT_CONCURRENCY = 64;
    /** Changes per run the waits see: the first task starts, then each of the 3 stages ends (the last ends the run). */
    static final int CHANGES_PER_RUN = 4;

    /** Which waiter. */
    enum Mode { WATCH, POLL }

    /**
     * One line of figures; rates are per simulated minute.
     *
     * @param ended      runs that ended early enough in the window to be noticed in it (the lag sample)
     * @param lost       of those, runs whose waiter never completed
     * @param maxCalls60 the most calls (lists and gets) the emulator received in any 60 simulated seconds
     */
    record Result(String mode, int runs, int ended, int ok, int lost, long duplicates, double callsPerMinute,
                  double listsPerMinute, double getsPerMinute, double changeReadsPerMinute, double safetyReadsPerMinute,
                  double lagP50Ms, double lagP99Ms, int peakThreads, double heapMb, long maxCalls60, int budget, boolean faults) {

        String line() {
            String s = String.format(Locale.ROOT, "mode=%-5s runs=%d calls_per_minute=%.0f lists_per_minute=%.1f gets_per_minute=%.0f"
                            + " change_gets_per_minute=%.0f safety_gets_per_minute=%.0f detect_lag_ms_p50=%.0f detect_lag_ms_p99=%.0f"
                            + " peak_threads=%d heap_mb=%.1f ended=%d ok=%d max_calls_60s=%d budget=%s",
                    mode, runs, callsPerMinute, listsPerMinute, getsPerMinute, changeReadsPerMinute, safetyReadsPerMinute,
                    lagP50Ms, lagP99Ms, peakThreads, heapMb, ended, ok, maxCalls60, budget > 0 ? Integer.toString(budget) : "none");
            return faults ? s + String.format(Locale.ROOT, " duplicates=%d lost=%d", duplicates, lost) : s;
        }

        static String ratioLine(Result watch, Result poll) {
            return String.format(Locale.ROOT, "ratio runs=%d calls_poll_over_watch=%.1f", watch.runs(),
                    poll.callsPerMinute() / Math.max(1e-9, watch.callsPerMinute()));
        }
    }

    private final VertexAiEmulator emulator;
    private final VertexEngine setup;
    private final VertexEngine watchEngine;
    private final VertexEngine pollEngine;
    private final VertexConnection connection;
    private final PipelineJob job;
    private final double speed;
    private final Duration interval;
    private final Duration taskDuration;
    private final Duration window;
    private final Duration overlap;
    private final int changesPerMinute;
    private final int budget;
    private final boolean faults;
    private final PrintWriter log;
    private final boolean verbose;
    private final Instant originWall = Instant.now();
    private final long originNanos = System.nanoTime();

    /**
     * @param setup       submits the runs, outside any budget (submitting is not what is measured)
     * @param watchEngine the engine under test: watchers and budgets on a clock {@code speed} times faster
     * @param pollEngine  an engine whose runners poll each job (core's waiter without a watcher)
     * @param interval    the watch interval and the poll interval, simulated
     */
    WatchBench(VertexAiEmulator emulator, VertexEngine setup, VertexEngine watchEngine, VertexEngine pollEngine,
               VertexConnection connection, PipelineJob job, double speed, Duration interval, Duration taskDuration,
               Duration window, int changesPerMinute, int budget, boolean faults, PrintWriter log, boolean verbose) {
        this.emulator = emulator;
        this.setup = setup;
        this.watchEngine = watchEngine;
        this.pollEngine = pollEngine;
        this.connection = connection;
        this.job = job;
        this.speed = speed;
        this.interval = interval;
        this.taskDuration = taskDuration;
        this.window = window;
        this.overlap = watchEngine.watchSettings().overlap(); // in the server's (simulated) time
        this.changesPerMinute = changesPerMinute;
        this.budget = budget;
        this.faults = faults;
        this.log = log;
        this.verbose = verbose;
    }

    private Duration real(Duration simulated) {
        return Duration.ofNanos((long) (simulated.toNanos() / speed));
    }

    /** Holds spread over this, so that the N runs change about {@code changesPerMinute} times a minute together. */
    Duration spread(int runs) {
        return Duration.ofMillis((long) (CHANGES_PER_RUN * runs * 60_000.0 / changesPerMinute));
    }

    Result run(Mode mode, int runs) throws InterruptedException {
        String label = mode.name().toLowerCase(Locale.ROOT);
        String project = "bench-" + label + "-" + runs;
        String parent = "projects/" + project + "/locations/" + BenchCommand.REGION;
        emulator.holdPipelineJobsSpread(project + "-.*", Duration.ZERO, spread(runs));

        // 1. Submit (outside the budget), then let every run reach RUNNING.
        long createdBefore = emulator.pipelineJobsCreated();
        List<String> names = submit(parent, project, runs);
        long duplicates = emulator.pipelineJobsCreated() - createdBefore - names.size();
        Thread.sleep(real(Duration.ofSeconds(20)).plusMillis(500).toMillis());

        // 2. Baselines, then the waits.
        long heapBase = HeapProbe.usedAfterGc();
        int threadBase = ThreadSampler.countNow();
        VertexEngine engine = mode == Mode.WATCH ? watchEngine : pollEngine;
        PipelineRunner runner = mode == Mode.WATCH ? engine.pipelines(connection)
                : new PipelineRunner(engine.clients().pipelines(connection), engine.scheduler(), engine.retryPolicy(), engine.chains());
        PipelineWaitOptions options = WaitBenchmark.fixedInterval(real(interval));
        ThreadSampler sampler = ThreadSampler.start(Duration.ofMillis(10));
        long[] endNanos = new long[names.size()];
        boolean[] ok = new boolean[names.size()];
        List<CompletableFuture<PipelineRunResult>> waits = new ArrayList<>(names.size());
        long t0 = System.nanoTime();
        for (int i = 0; i < names.size(); i++) {
            int run = i;
            CompletableFuture<PipelineRunResult> wait = runner.await(PipelineJobName.parse("name", names.get(i)), options, ProgressListener.NONE);
            waits.add(wait); // cancelling this one (not a stage derived from it) ends the wait
            wait.whenComplete((r, t) -> {
                endNanos[run] = System.nanoTime();
                ok[run] = t == null && r.succeeded();
                if (t != null && !(Futures.unwrap(t) instanceof java.util.concurrent.CancellationException)) {
                    log.println("note: " + label + ": " + names.get(run) + ": " + Futures.unwrap(t).getMessage());
                }
            });
        }

        // 3. Warm-up, then the heap with every wait in flight, then the window. The warm-up covers the first (full) list
        //    and the watermark's overlap: every run went RUNNING at the start, so until the watermark is an overlap past
        //    that moment each list returns all N runs (N / 1000 pages), which is start-up, not steady state.
        Thread.sleep(real(interval.multipliedBy(3).plus(overlap)).toMillis());
        long heapInFlight = HeapProbe.usedAfterGc();
        EmulatorStats before = emulator.stats();
        WatchStats ws = engine.watchStats();
        long changeBefore = ws.changeReads();
        long safetyBefore = ws.safetyReads();
        long w0 = System.nanoTime();
        long maxCalls60 = sampleCalls(real(window), real(Duration.ofSeconds(60)));
        long w1 = System.nanoTime();
        EmulatorStats after = emulator.stats();
        sampler.close();
        waits.forEach(f -> f.cancel(true));
        if (engine.watchedPipelineJobs() != 0) {
            log.println("note: " + label + ": " + engine.watchedPipelineJobs() + " waits still watched after cancelling them all");
        }

        // 4. Figures, per simulated minute.
        double simMinutes = (w1 - w0) / 1e9 * speed / 60.0;
        long lists = after.rpcCount(LIST) - before.rpcCount(LIST);
        long gets = after.rpcCount(GET) - before.rpcCount(GET);
        List<Double> lags = new ArrayList<>();
        int ended = 0;
        int lost = 0;
        int okCount = 0;
        long noticeBy = w1 - real(interval.multipliedBy(3)).toNanos(); // ended before this: must have been noticed
        for (int i = 0; i < names.size(); i++) {
            Optional<Instant> end = emulator.pipelineJobEndTime(names.get(i));
            if (end.isEmpty()) {
                continue;
            }
            long endAt = nanos(end.get());
            if (endAt < t0 || endAt > noticeBy) {
                continue;
            }
            ended++;
            if (endNanos[i] == 0) {
                lost++;
            } else {
                okCount += ok[i] ? 1 : 0;
                lags.add((endNanos[i] - endAt) / 1e6 * speed);
            }
        }
        double[] lag = lags.stream().mapToDouble(Double::doubleValue).toArray();
        Result r = new Result(label, runs, ended, okCount, lost, duplicates, (lists + gets) / simMinutes, lists / simMinutes,
                gets / simMinutes, (ws.changeReads() - changeBefore) / simMinutes, (ws.safetyReads() - safetyBefore) / simMinutes,
                Stats.percentile(lag, 50), Stats.percentile(lag, 99), sampler.peak() - threadBase,
                (heapInFlight - heapBase) / (1024.0 * 1024.0), maxCalls60, mode == Mode.WATCH ? budget : 0, faults);
        if (verbose) {
            log.printf(Locale.ROOT, "%s: %d runs, holds spread over %ds; window %.1f simulated min; lists %d gets %d;"
                            + " threads at peak %s; waits started in %.1fs%n", label, runs, spread(runs).toSeconds(), simMinutes,
                    lists, gets, sampler.namesAtPeak(), (w0 - t0) / 1e9);
        }
        log.flush();
        return r;
    }

    /** Waits {@code length}, sampling the emulator's list and get counts; returns the most in any {@code span}. */
    private long sampleCalls(Duration length, Duration span) throws InterruptedException {
        ArrayDeque<long[]> samples = new ArrayDeque<>(); // {nanos, total}
        long end = System.nanoTime() + length.toNanos();
        long max = 0;
        while (true) {
            long now = System.nanoTime();
            EmulatorStats s = emulator.stats();
            long total = s.rpcCount(LIST) + s.rpcCount(GET);
            samples.addLast(new long[] {now, total});
            while (samples.size() > 1 && now - samples.peekFirst()[0] > span.toNanos()) {
                samples.pollFirst();
            }
            max = Math.max(max, total - samples.peekFirst()[1]);
            if (now >= end) {
                return max;
            }
            Thread.sleep(Math.max(1, Math.min(250, (end - now) / 1_000_000)));
        }
    }

    private long nanos(Instant wall) {
        return originNanos + Duration.between(originWall, wall).toNanos();
    }

    private List<String> submit(String parent, String project, int runs) throws InterruptedException {
        PipelineRunner runner = setup.pipelines(connection);
        Semaphore permits = new Semaphore(SUBMIT_CONCURRENCY);
        String[] accepted = new String[runs];
        AtomicInteger failed = new AtomicInteger();
        for (int i = 0; i < runs; i++) {
            int run = i;
            String jobId = String.format(Locale.ROOT, "%s-%05d", project, i);
            permits.acquire();
            runner.submit(parent, jobId, job, ProgressListener.NONE).whenComplete((r, t) -> {
                if (t == null) {
                    accepted[run] = r.jobName();
                } else if (failed.incrementAndGet() <= 5) {
                    log.println("note: submitting " + jobId + " failed: " + Futures.unwrap(t).getMessage());
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
