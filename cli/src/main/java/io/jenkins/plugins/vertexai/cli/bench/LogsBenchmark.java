package io.jenkins.plugins.vertexai.cli.bench;

import io.jenkins.plugins.vertexai.core.ProgressEvent;
import io.jenkins.plugins.vertexai.core.VertexEngine;
import io.jenkins.plugins.vertexai.core.async.Futures;
import io.jenkins.plugins.vertexai.core.client.VertexConnection;
import io.jenkins.plugins.vertexai.core.job.PipelineJobName;
import io.jenkins.plugins.vertexai.core.job.PipelineRunResult;
import io.jenkins.plugins.vertexai.core.job.PipelineRunner;
import io.jenkins.plugins.vertexai.core.job.PipelineWaitOptions;
import io.jenkins.plugins.vertexai.core.logs.TaskLogMode;
import io.jenkins.plugins.vertexai.core.logs.TaskLogOptions;
import io.jenkins.plugins.vertexai.emulator.VertexAiEmulator;
import java.io.PrintWriter;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * Waits for N runs with {@code logs=all}: every line of every task streamed to its run's listener through the
 * engine's shared Cloud Logging reader. Counts the lines each run saw (once each, none missing), the threads, and the
 * ListLogEntries calls per minute against Cloud Logging's read quota.
 */
final class LogsBenchmark {
    static final String LIST_METHOD = "google.logging.v2.LoggingServiceV2/ListLogEntries";
    /** Cloud Logging's read quota: documented as 1 entries.list call per second per project (60 per minute). */
    static final int QUOTA_PER_MINUTE = 60;
    /** Lines the emulator writes for each task besides the scripted ones: provisioning, running, start, 3 progress, finished, completed. */
    static final int FIXED_LINES = 8;

    /**
     * @param listCalls      ListLogEntries calls the emulator received during the waits (faulted ones too)
     * @param maxPer60s      the most of them in any 60 s (sampled every 50 ms); all of them for a shorter bench
     */
    record Result(int runs, int ok, int peakThreads, long lines, long duplicates, long lost, long listCalls, long maxPer60s,
                  double wallS) {
        String line() {
            return String.format(Locale.ROOT, "mode=logs-all runs=%d ok=%d peak_threads=%d log_lines=%d duplicates=%d lost=%d"
                            + " list_calls=%d list_calls_max_60s=%d quota_per_min=%d wall_s=%.1f",
                    runs, ok, peakThreads, lines, duplicates, lost, listCalls, maxPer60s, QUOTA_PER_MINUTE, wallS);
        }
    }

    private LogsBenchmark() {
    }

    /**
     * @param tasks    tasks per run (the template's)
     * @param scripted scripted lines per task ({@code --task-log} on the emulator)
     */
    static Result run(WaitBenchmark submitter, VertexAiEmulator emulator, VertexEngine engine, VertexConnection connection,
                      int runs, int tasks, int scripted, Duration pollInterval, Duration logInterval, Duration deadline,
                      PrintWriter log) throws InterruptedException {
        List<String> names = submitter.submit("logs", runs);
        PipelineRunner runner = engine.pipelines(connection);
        PipelineWaitOptions options = WaitBenchmark.fixedInterval(pollInterval).withLogs(TaskLogOptions.DEFAULT
                .withMode(TaskLogMode.ALL).withInterval(logInterval));
        List<Map<String, Integer>> seen = new ArrayList<>();
        List<CompletableFuture<PipelineRunResult>> waits = new ArrayList<>();
        List<long[]> counts = java.util.Collections.synchronizedList(new ArrayList<>());
        java.util.concurrent.ScheduledExecutorService counter = java.util.concurrent.Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "bench-call-counter");
            t.setDaemon(true);
            return t;
        });
        // Started before the baseline: the bench's own sampler is not charged to the waits.
        counter.scheduleAtFixedRate(() -> counts.add(new long[] {System.nanoTime(), emulator.stats().rpcCount(LIST_METHOD)}),
                0, 50, TimeUnit.MILLISECONDS);
        int threadBase = ThreadSampler.countNow();
        long callsBefore = emulator.stats().rpcCount(LIST_METHOD);
        long t0 = System.nanoTime();
        int ok = 0;
        try (ThreadSampler sampler = ThreadSampler.start(Duration.ofMillis(10))) {
            for (String name : names) {
                Map<String, Integer> lines = new ConcurrentHashMap<>();
                seen.add(lines);
                waits.add(runner.await(PipelineJobName.parse("name", name), options, e -> {
                    if (e.kind() == ProgressEvent.Kind.LOG) {
                        lines.merge(e.subject() + ": " + e.message(), 1, Integer::sum);
                    }
                }));
            }
            try {
                CompletableFuture.allOf(waits.toArray(CompletableFuture[]::new)).get(deadline.toMillis(), TimeUnit.MILLISECONDS);
            } catch (TimeoutException | java.util.concurrent.ExecutionException e) {
                log.println("note: logs: not every wait ended well: " + Futures.unwrap(e));
            }
            double wall = (System.nanoTime() - t0) / 1e9;
            counter.shutdownNow();
            long calls = emulator.stats().rpcCount(LIST_METHOD) - callsBefore;
            counts.add(new long[] {System.nanoTime(), callsBefore + calls});
            long lines = 0;
            long duplicates = 0;
            for (int i = 0; i < waits.size(); i++) {
                CompletableFuture<PipelineRunResult> w = waits.get(i);
                if (w.isDone() && !w.isCompletedExceptionally() && w.join().succeeded()) {
                    ok++;
                }
                for (int n : seen.get(i).values()) {
                    lines++;
                    duplicates += n - 1;
                }
            }
            long expected = (long) names.size() * tasks * (scripted + FIXED_LINES);
            waits.forEach(w -> w.cancel(true));
            return new Result(runs, ok, sampler.peak() - threadBase, lines, duplicates, Math.max(0, expected - lines), calls,
                    maxInWindow(counts, callsBefore, TimeUnit.SECONDS.toNanos(60)), wall);
        } finally {
            counter.shutdownNow();
        }
    }

    /** The most calls in any window of {@code window} nanoseconds, from (time, running count) samples. */
    static long maxInWindow(List<long[]> samples, long before, long window) {
        long max = 0;
        synchronized (samples) {
            for (int i = 0, j = 0; i < samples.size(); i++) {
                long from = i == 0 ? before : samples.get(i - 1)[1]; // calls after the previous sample count in this window
                while (j + 1 < samples.size() && samples.get(j + 1)[0] - samples.get(i)[0] <= window) {
                    j++;
                }
                max = Math.max(max, samples.get(Math.max(i, j))[1] - from);
            }
        }
        return max;
    }
}
