package io.jenkins.plugins.vertexai.core.logs;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * Cloud Logging's read quota of one project, kept on the caller's side: at most {@code perMinute} ListLogEntries calls
 * (pages and retries included) begin in any 60 seconds: a burst of a tenth at once, then one every
 * {@code 60 s / (perMinute - burst)} (the generic cell rate algorithm). A call over budget waits for its turn on the
 * shared scheduler (no thread waits); it never fails for it.
 *
 * <p>The engine-wide request budget (per project and region, for the Vertex AI calls) does the same for Vertex AI;
 * once both are in one engine, the log reads can take their turns from that one, at this rate.
 */
final class LogReadBudget {
    /** Cloud Logging's documented read quota: one entries.list call per second per project. */
    static final int DEFAULT_PER_MINUTE = 60;
    private static final CompletableFuture<Void> NOW = CompletableFuture.completedFuture(null);

    private final ScheduledExecutorService scheduler;
    private final long spacing; // nanoseconds between calls beyond the burst; 0: unlimited
    private final long tolerance; // how far ahead of schedule the burst may run
    private long due = System.nanoTime(); // when the next call is due at the steady rate

    /** @param perMinute calls in any 60 s; 0 or less: unlimited */
    LogReadBudget(ScheduledExecutorService scheduler, int perMinute) {
        this.scheduler = scheduler;
        int burst = Math.max(1, perMinute / 10);
        this.spacing = perMinute <= 0 ? 0 : TimeUnit.MINUTES.toNanos(1) / Math.max(1, perMinute - burst);
        this.tolerance = (burst - 1) * spacing;
    }

    /** Completes when the call may begin. */
    synchronized CompletableFuture<Void> turn() {
        if (spacing == 0) {
            return NOW;
        }
        long now = System.nanoTime();
        long at = Math.max(due, now);
        long start = Math.max(now, at - tolerance);
        due = at + spacing;
        if (start <= now) {
            return NOW;
        }
        CompletableFuture<Void> f = new CompletableFuture<>();
        try {
            scheduler.schedule(() -> f.complete(null), start - now, TimeUnit.NANOSECONDS);
        } catch (RejectedExecutionException e) {
            f.complete(null); // the engine is shut down: the call fails on its own
        }
        return f;
    }
}
