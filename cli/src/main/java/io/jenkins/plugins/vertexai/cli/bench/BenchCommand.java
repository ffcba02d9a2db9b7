package io.jenkins.plugins.vertexai.cli.bench;

import com.google.cloud.aiplatform.v1beta1.PipelineJob;
import io.jenkins.plugins.vertexai.cli.DurationConverter;
import io.jenkins.plugins.vertexai.core.VertexEngine;
import io.jenkins.plugins.vertexai.core.async.RequestBudgets;
import io.jenkins.plugins.vertexai.core.async.WatchSettings;
import io.jenkins.plugins.vertexai.core.client.VertexConnection;
import io.jenkins.plugins.vertexai.core.pipeline.PipelineJobRequest;
import io.jenkins.plugins.vertexai.core.pipeline.PipelineJobRequestFactory;
import io.jenkins.plugins.vertexai.core.pipeline.PipelineRunSpec;
import io.jenkins.plugins.vertexai.core.pipeline.template.PipelineTemplate;
import io.jenkins.plugins.vertexai.core.pipeline.template.PipelineTemplateParser;
import io.jenkins.plugins.vertexai.emulator.VertexAiEmulator;
import io.jenkins.plugins.vertexai.emulator.fault.FaultPlan;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintWriter;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code vertex-ai bench}: proves the waiting engine at scale. Starts an emulator in this JVM, runs N pipeline jobs
 * of a few simulated minutes each on a compressed clock, and waits for them with core's asynchronous waiter and
 * then with one blocking thread per run; prints one line of figures per mode (see docs/performance.md).
 */
@Command(name = "bench", mixinStandardHelpOptions = true,
        description = {"Benchmark the waiting engine against an embedded emulator: N concurrent pipeline runs waited for"
                + " asynchronously (core) and with one blocking thread per run; then submission latency with the cached"
                + " client vs. a client per call.",
                "Prints one line per mode: mode= runs= ok= peak_threads= heap_mb= gets_per_run= polls_per_interval="
                        + " detect_lag_ms_p50= detect_lag_ms_p99= wall_s= [duplicates= lost=]; with --logs=all also mode=logs-all"
                        + " runs= ok= peak_threads= log_lines= duplicates= lost= list_calls= list_calls_max_60s= quota_per_min= wall_s=."
                        + " Run the JVM with e.g. -Xmx2g."})
public final class BenchCommand implements Callable<Integer> {
    static final String PROJECT = "bench-project";
    static final String REGION = "us-central1";
    private static final String TEMPLATE = "/demo/nightly-retraining.yaml";
    /** The template's critical path: preprocess, then the trainers (in parallel), then evaluate. */
    private static final int STAGES = 3;
    /** The template's tasks, and the lines each logs besides the emulator's own. */
    private static final int TASKS = 4;
    private static final int LOG_LINES = 20;
    private static final Duration QUEUED = Duration.ofSeconds(5);
    private static final Duration PENDING = Duration.ofSeconds(15);
    /** watch/poll: short stages, so that every run's changes fall soon after its (spread) start. */
    private static final Duration WATCH_TASK = Duration.ofSeconds(5);

    /** Which waiters to measure: per-job async vs. blocking threads, or the regional watcher vs. per-job polls. */
    public enum Modes { async, blocking, both, watch, poll, compare }

    @Spec
    CommandSpec spec;

    @Option(names = "--runs", split = ",", description = "Concurrent pipeline runs per mode; for watch/poll/compare a"
            + " comma-separated list (default: 1000; 1000,10000 for watch, poll and compare)")
    List<Integer> runList;

    @Option(names = "--watch-speed", defaultValue = "1", description = "watch/poll/compare: simulated seconds per real second;"
            + " the watch interval, the poll interval and the request budget scale with it (default: ${DEFAULT-VALUE})")
    double watchSpeed;

    @Option(names = "--window", defaultValue = "60s", converter = DurationConverter.class,
            description = "watch/poll/compare: the simulated time measured in steady state (default: ${DEFAULT-VALUE})")
    Duration window;

    @Option(names = "--changes-per-minute", defaultValue = "180", description = "watch/poll/compare: how often, together, the"
            + " runs change state (each changes 4 times; their starts are spread to give this rate) (default: ${DEFAULT-VALUE})")
    int changesPerMinute;

    @Option(names = "--requests-per-minute", defaultValue = "" + RequestBudgets.DEFAULT_PER_MINUTE,
            description = "watch/compare: the engine's request budget per project and region, simulated minutes (default: ${DEFAULT-VALUE})")
    int requestsPerMinute;

    int runs;

    @Option(names = "--poll-interval", defaultValue = "1s", converter = DurationConverter.class,
            description = "Fixed poll interval, real time, for both modes (default: ${DEFAULT-VALUE})")
    Duration pollInterval;

    @Option(names = "--speed", defaultValue = "8", description = "Simulated seconds per real second (default: ${DEFAULT-VALUE})")
    double speed;

    @Option(names = "--task-duration", defaultValue = "60s", converter = DurationConverter.class,
            description = "Simulated run time of each pipeline task; a run is 20 s of queueing and setup plus 3 tasks"
                    + " end to end (default: ${DEFAULT-VALUE})")
    Duration taskDuration;

    @Option(names = "--faults", description = "Inject 20%% UNAVAILABLE and 5%% DEADLINE_EXCEEDED into every call; adds duplicates= and lost=")
    boolean faults;

    @Option(names = "--mode", defaultValue = "both", description = "async, blocking or both (default: ${DEFAULT-VALUE})")
    Modes mode;

    @Option(names = "--submit-samples", defaultValue = "200",
            description = "Submissions timed for each of cached / fresh client; 0 skips (default: ${DEFAULT-VALUE})")
    int submitSamples;

    @Option(names = "--seed", defaultValue = "42", description = "Emulator seed: injected faults and ids (default: ${DEFAULT-VALUE})")
    long seed;

    @Option(names = "--logs", defaultValue = "none",
            description = "all: also wait for --log-runs runs with every task log line streamed (mode=logs-all); none (default: ${DEFAULT-VALUE})")
    String logs;

    @Option(names = "--log-runs", defaultValue = "100", description = "Concurrent runs of the logs=all mode (default: ${DEFAULT-VALUE})")
    int logRuns;

    @Option(names = "--log-interval", defaultValue = "3s", converter = DurationConverter.class,
            description = "How often the logs=all mode reads new lines, real time (default: ${DEFAULT-VALUE})")
    Duration logInterval;

    @Option(names = "--verbose", description = "Diagnostics on stderr: thread names at baseline and peak, raw JVM thread counts")
    boolean verbose;

    @Override
    public Integer call() throws Exception {
        if (!logs.equals("none") && !logs.equals("all")) {
            throw new picocli.CommandLine.ParameterException(spec.commandLine(), "--logs must be none or all, got '" + logs + "'");
        }
        if (logRuns < 1) {
            throw new picocli.CommandLine.ParameterException(spec.commandLine(), "--log-runs must be >= 1");
        }
        boolean watching = mode == Modes.watch || mode == Modes.poll || mode == Modes.compare;
        List<Integer> counts = runList != null ? runList : watching ? List.of(1000, 10000) : List.of(1000);
        if (counts.isEmpty() || counts.stream().anyMatch(n -> n < 1) || !(watchSpeed > 0) || changesPerMinute < 1
                || window.isNegative() || window.isZero()) {
            throw new picocli.CommandLine.ParameterException(spec.commandLine(),
                    "--runs must be >= 1, --watch-speed, --window and --changes-per-minute > 0");
        }
        if (watching) {
            return watchVsPoll(counts);
        }
        runs = counts.get(0);
        if (runs < 1 || pollInterval.isZero() || pollInterval.isNegative() || !(speed > 0) || submitSamples < 0) {
            throw new picocli.CommandLine.ParameterException(spec.commandLine(),
                    "--runs must be >= 1, --poll-interval and --speed > 0, --submit-samples >= 0");
        }
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter log = spec.commandLine().getErr();
        FaultPlan plan = faults ? FaultPlan.builder().unavailable(FaultPlan.ALL_METHODS, 0.20)
                .deadlineExceeded(FaultPlan.ALL_METHODS, 0.05).build() : FaultPlan.none();
        Duration simulatedRun = QUEUED.plus(PENDING).plus(taskDuration.multipliedBy(STAGES));
        Duration realRun = Duration.ofNanos((long) (simulatedRun.toNanos() / speed));
        boolean allOk = true;
        try (VertexAiEmulator emulator = VertexAiEmulator.builder().port(0).speed(speed).seed(seed).faults(plan)
                .taskDuration(taskDuration).jobQueuedTime(QUEUED).jobPendingTime(PENDING)
                .taskLog(".*", scriptedLog()).build().start();
             VertexEngine engine = new VertexEngine(WatchSettings.DEFAULT.withRequestsPerMinute(0))) {
            VertexConnection connection = VertexConnection.emulator(emulator.hostPort());
            PipelineJobRequest request = request();
            PipelineJob job = request.pipelineJob();
            log.printf(Locale.ROOT, "bench: emulator on %s; %d runs per mode, each about %ds simulated (%.1fs real at x%s);"
                            + " poll interval %s%s%n", emulator.hostPort(), runs, simulatedRun.toSeconds(),
                    realRun.toMillis() / 1000.0, trim(speed), pollInterval, faults ? "; faults: 20% UNAVAILABLE, 5% DEADLINE_EXCEEDED" : "");
            log.flush();
            Duration startupReal = Duration.ofNanos((long) (QUEUED.plus(PENDING).toNanos() / speed));
            WaitBenchmark bench = new WaitBenchmark(emulator, engine, connection, request.parent(), job, pollInterval,
                    realRun, startupReal, faults, log, verbose);
            ModeResult async = null;
            ModeResult blocking = null;
            if (mode != Modes.blocking) {
                async = bench.run(WaitBenchmark.Mode.ASYNC, runs);
                out.println(async.line());
                out.flush();
                allOk &= healthy(async);
            }
            if (mode != Modes.async) {
                blocking = bench.run(WaitBenchmark.Mode.BLOCKING, runs);
                out.println(blocking.line());
                out.flush();
                allOk &= healthy(blocking);
            }
            if (async != null && blocking != null) {
                out.println(ModeResult.ratioLine(async, blocking));
            }
            if (logs.equals("all")) {
                Duration deadline = realRun.multipliedBy(3).plus(pollInterval.multipliedBy(10)).plusSeconds(60);
                LogsBenchmark.Result r = LogsBenchmark.run(bench, emulator, engine, connection, logRuns, TASKS, LOG_LINES,
                        pollInterval, logInterval, deadline, log);
                out.println(r.line());
                out.flush();
                allOk &= r.ok() == r.runs() && r.duplicates() == 0 && r.lost() == 0 && r.maxPer60s() <= LogsBenchmark.QUOTA_PER_MINUTE;
            }
            if (submitSamples > 0) {
                // On an emulator of its own, without faults: this measures the client path, not retries.
                try (VertexAiEmulator clean = VertexAiEmulator.builder().port(0).speed(speed).seed(seed)
                        .taskDuration(taskDuration).build().start()) {
                    SubmitLatency.Result submit = SubmitLatency.measure(engine, VertexConnection.emulator(clean.hostPort()),
                            request.parent(), job, submitSamples);
                    out.println(submit.line());
                    if (verbose) {
                        log.println(submit.breakdown());
                    }
                }
            }
            out.flush();
            if (verbose) {
                log.println("bench: emulator saw " + emulator.stats().totalRpcs() + " calls, injected " + emulator.stats().totalFaults() + " faults");
                log.flush();
            }
        }
        return allOk ? 0 : 1;
    }

    /** Lines each task logs besides the emulator's own (the logs=all mode checks that every one arrives once). */
    private static String scriptedLog() {
        StringBuilder s = new StringBuilder();
        for (int i = 0; i < LOG_LINES; i++) {
            s.append(i == 0 ? "" : "\n").append("step ").append(i).append(": loss ").append(1000 - i);
        }
        return s.toString();
    }

    /** The regional watcher against per-job polling, side by side for each N (see docs/performance.md). */
    private Integer watchVsPoll(List<Integer> counts) throws Exception {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter log = spec.commandLine().getErr();
        FaultPlan plan = faults ? FaultPlan.builder().unavailable(FaultPlan.ALL_METHODS, 0.20)
                .deadlineExceeded(FaultPlan.ALL_METHODS, 0.05).build() : FaultPlan.none();
        WatchSettings watch = WatchSettings.DEFAULT.withRequestsPerMinute(requestsPerMinute);
        boolean allOk = true;
        try (VertexAiEmulator emulator = VertexAiEmulator.builder().port(0).speed(watchSpeed).seed(seed).faults(plan)
                .taskDuration(WATCH_TASK).jobQueuedTime(QUEUED).jobPendingTime(PENDING).build().start();
             VertexEngine setup = new VertexEngine(WatchSettings.DEFAULT.withRequestsPerMinute(0));
             VertexEngine watchEngine = new VertexEngine(watch.scaledBy(watchSpeed));
             VertexEngine pollEngine = new VertexEngine(WatchSettings.DEFAULT.withRequestsPerMinute(0))) {
            VertexConnection connection = VertexConnection.emulator(emulator.hostPort());
            // Every engine's threads exist before any baseline.
            watchEngine.clients().pipelines(connection);
            pollEngine.clients().pipelines(connection);
            WatchBench bench = new WatchBench(emulator, setup, watchEngine, pollEngine, connection, request().pipelineJob(),
                    watchSpeed, watch.interval(), WATCH_TASK, window, changesPerMinute, requestsPerMinute, faults, log, verbose);
            log.printf(Locale.ROOT, "bench: emulator on %s; watch interval %s, poll interval %s, budget %d a minute (simulated,"
                            + " x%s); runs change %d times a minute together; window %s%s%n", emulator.hostPort(), watch.interval(),
                    watch.interval(), requestsPerMinute, trim(watchSpeed), changesPerMinute, window,
                    faults ? "; faults: 20% UNAVAILABLE, 5% DEADLINE_EXCEEDED" : "");
            log.flush();
            for (int n : counts) {
                WatchBench.Result w = null;
                WatchBench.Result p = null;
                if (mode != Modes.poll) {
                    w = bench.run(WatchBench.Mode.WATCH, n);
                    out.println(w.line());
                    out.flush();
                    allOk &= w.lost() == 0 && w.duplicates() == 0 && w.ok() == w.ended()
                            && (requestsPerMinute <= 0 || w.maxCalls60() <= requestsPerMinute);
                }
                if (mode != Modes.watch) {
                    p = bench.run(WatchBench.Mode.POLL, n);
                    out.println(p.line());
                    out.flush();
                    allOk &= p.lost() == 0 && p.duplicates() == 0 && p.ok() == p.ended();
                }
                if (w != null && p != null) {
                    out.println(WatchBench.Result.ratioLine(w, p));
                    out.flush();
                }
            }
        }
        return allOk ? 0 : 1;
    }

    private static boolean healthy(ModeResult r) {
        return r.ok() == r.runs() && r.lost() == 0 && r.duplicates() == 0;
    }

    private static String trim(double d) {
        return d == Math.rint(d) ? Long.toString((long) d) : Double.toString(d);
    }

    /** The demo's nightly-retraining pipeline (4 tasks), on on-demand capacity; every run shares this job body. */
    private static PipelineJobRequest request() throws IOException {
        PipelineTemplate template;
        try (InputStream in = BenchCommand.class.getResourceAsStream(TEMPLATE)) {
            if (in == null) {
                throw new IOException("the bench template " + TEMPLATE + " is missing from the classpath");
            }
            template = PipelineTemplateParser.parse(in.readAllBytes(), TEMPLATE.substring(1));
        }
        return new PipelineJobRequestFactory().create(template, PipelineRunSpec.builder()
                .templateLocation(TEMPLATE.substring(1)).project(PROJECT).region(REGION)
                .jobId("bench-template").parameter("snapshot_date", "2025-01-01").parameter("epochs", "20")
                .label("purpose", "bench").build());
    }
}
