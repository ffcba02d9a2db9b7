package io.jenkins.plugins.vertexai.cli.bench;

import java.util.Locale;

/**
 * One waiting mode's figures, printed as one line.
 *
 * @param peakThreads      counted live threads above the baseline taken after submission, at their peak
 * @param heapMb           used heap after GC while all waits are in flight, above the baseline, in MiB
 * @param getsPerRun       GetPipelineJob calls received by the emulator during the waits, per run (faulted ones too)
 * @param pollsPerInterval those calls divided by the poll intervals the runs waited (waited time / interval)
 * @param lagP50Ms         time from the emulator's end of a run to its waiter completing, median
 * @param lagP99Ms         the same, 99th percentile
 * @param wallS            from the first waiter's start to the last waiter's completion
 * @param duplicates       pipeline jobs created beyond the runs submitted (reported with faults)
 * @param lost             runs whose waiter never completed (reported with faults)
 */
record ModeResult(String mode, int runs, int ok, int peakThreads, double heapMb, double getsPerRun, double pollsPerInterval,
                  double lagP50Ms, double lagP99Ms, double wallS, boolean faults, long duplicates, int lost) {

    String line() {
        String s = String.format(Locale.ROOT,
                "mode=%-7s runs=%d ok=%d peak_threads=%d heap_mb=%.1f gets_per_run=%.2f polls_per_interval=%.2f"
                        + " detect_lag_ms_p50=%.0f detect_lag_ms_p99=%.0f wall_s=%.1f",
                mode, runs, ok, peakThreads, heapMb, getsPerRun, pollsPerInterval, lagP50Ms, lagP99Ms, wallS);
        return faults ? s + String.format(Locale.ROOT, " duplicates=%d lost=%d", duplicates, lost) : s;
    }

    /**
     * {@code ratio threads_blocking_over_async=… heap_blocking_over_async=…}. An asynchronous waiter that adds no
     * thread at all would make the first ratio infinite, so its thread count is floored at 1.
     */
    static String ratioLine(ModeResult async, ModeResult blocking) {
        return String.format(Locale.ROOT, "ratio threads_blocking_over_async=%.1f heap_blocking_over_async=%.1f",
                blocking.peakThreads / (double) Math.max(1, async.peakThreads),
                blocking.heapMb / Math.max(0.1, async.heapMb));
    }
}
