package io.jenkins.plugins.vertexai.core.async;

import java.time.Duration;

/**
 * How the engine's regional watchers wait and how many requests the engine may make.
 *
 * @param interval          one list call per region this often (the longest a change goes unnoticed, plus the call)
 * @param safetyNet         a waited job is read on its own at least this often, in case a list missed a change
 * @param safetyReadsPerTick at most this many of those reads per interval, so that they stay a small share of the budget
 * @param overlap           the list asks for changes since the newest update time seen minus this, for changes that
 *                          become visible late; jobs seen again are not read again
 * @param requestsPerMinute every (project, region)'s request budget; 0 or less: unlimited
 */
public record WatchSettings(Duration interval, Duration safetyNet, int safetyReadsPerTick, Duration overlap, int requestsPerMinute) {
    public static final WatchSettings DEFAULT = new WatchSettings(Duration.ofSeconds(5), Duration.ofMinutes(5), 2,
            Duration.ofSeconds(30), RequestBudgets.DEFAULT_PER_MINUTE);

    public WatchSettings {
        if (interval.isZero() || interval.isNegative() || safetyNet.isNegative() || overlap.isNegative() || safetyReadsPerTick < 0) {
            throw new IllegalArgumentException("watch interval must be positive; safety net, overlap and reads per tick not negative");
        }
    }

    public WatchSettings withInterval(Duration d) {
        return new WatchSettings(d, safetyNet, safetyReadsPerTick, overlap, requestsPerMinute);
    }

    public WatchSettings withSafetyNet(Duration d, int readsPerTick) {
        return new WatchSettings(interval, d, readsPerTick, overlap, requestsPerMinute);
    }

    public WatchSettings withOverlap(Duration d) {
        return new WatchSettings(interval, safetyNet, safetyReadsPerTick, d, requestsPerMinute);
    }

    public WatchSettings withRequestsPerMinute(int n) {
        return new WatchSettings(interval, safetyNet, safetyReadsPerTick, overlap, n);
    }

    /**
     * For a server on a simulated clock {@code speed} times faster (the bench): the interval and the safety net
     * divided by it, the budget multiplied by it. The overlap stays: it is compared with the server's own times.
     */
    public WatchSettings scaledBy(double speed) {
        return new WatchSettings(div(interval, speed), div(safetyNet, speed), safetyReadsPerTick, overlap,
                requestsPerMinute <= 0 ? requestsPerMinute : (int) Math.round(requestsPerMinute * speed));
    }

    private static Duration div(Duration d, double speed) {
        return Duration.ofNanos(Math.max(1, (long) (d.toNanos() / speed)));
    }
}
