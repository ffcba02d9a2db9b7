package io.jenkins.plugins.vertexai.core.async;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A token bucket for the requests of one (project, region): Vertex AI caps "resource management (CRUD) requests per
 * minute per region" per project, shared by every client of that project. At most {@code perMinute} requests start
 * in any 60 seconds: a burst of {@code burst} at once, then a steady {@code (perMinute - burst) / 60} per second.
 * A request over budget queues (its future completes when a token is free, on the shared scheduler: no thread
 * waits); it never fails for it. A RESOURCE_EXHAUSTED answer ({@link #throttled}) halves the rate of the whole
 * bucket, not just the one call, and the rate comes back step by step after a quiet period.
 */
public final class RequestBudget {
    /** Never throttled below this share of the configured rate. */
    private static final double MIN_SHARE = 1.0 / 16;
    /** After a RESOURCE_EXHAUSTED, the rate grows back by a quarter every this many nanoseconds without another. */
    private static final long RECOVERY_STEP_NANOS = TimeUnit.SECONDS.toNanos(15);
    private static final CompletableFuture<Void> GRANTED = CompletableFuture.completedFuture(null);

    private final ScheduledExecutorService scheduler;
    private final ArrayDeque<CompletableFuture<Void>> queue = new ArrayDeque<>();
    private final AtomicLong granted = new AtomicLong();
    private final AtomicLong queued = new AtomicLong();
    private final AtomicLong throttles = new AtomicLong();
    private volatile int perMinute;
    private double burst;
    private double fullRate; // tokens per nanosecond
    private double rate;
    private double tokens;
    private long refilledAt;
    private long lastThrottle;
    private boolean drainScheduled;

    /** @param perMinute requests allowed in any 60 s; 0 or less: unlimited */
    public RequestBudget(ScheduledExecutorService scheduler, int perMinute) {
        this.scheduler = scheduler;
        this.refilledAt = System.nanoTime();
        setPerMinute(perMinute);
        this.tokens = burst;
    }

    /** Changes the budget (e.g. from the plugin's global configuration); queued requests keep their place. */
    public synchronized void setPerMinute(int perMinute) {
        this.perMinute = perMinute;
        if (perMinute <= 0) {
            burst = Double.MAX_VALUE;
            fullRate = Double.MAX_VALUE;
        } else {
            burst = Math.max(1, perMinute / 10);
            fullRate = Math.max(perMinute - burst, 1) / (double) TimeUnit.MINUTES.toNanos(1);
        }
        rate = fullRate;
        tokens = Math.min(tokens, burst);
        scheduleDrain();
    }

    public int perMinute() {
        return perMinute;
    }

    /** Completes when the request may start: at once while the budget allows, else in queue order. */
    public CompletableFuture<Void> acquire() {
        if (perMinute <= 0) {
            granted.incrementAndGet();
            return GRANTED;
        }
        synchronized (this) {
            refill(System.nanoTime());
            if (queue.isEmpty() && tokens >= 1) {
                tokens -= 1;
                granted.incrementAndGet();
                return GRANTED;
            }
            CompletableFuture<Void> f = new CompletableFuture<>();
            queue.add(f);
            queued.incrementAndGet();
            scheduleDrain();
            return f;
        }
    }

    /** The service said RESOURCE_EXHAUSTED: slow every request of this bucket down, not just the one that failed. */
    public synchronized void throttled() {
        throttles.incrementAndGet();
        long now = System.nanoTime();
        refill(now);
        rate = Math.max(fullRate * MIN_SHARE, rate / 2);
        tokens = Math.min(tokens, 0);
        lastThrottle = now;
    }

    /** The current rate as requests per minute (lower than {@link #perMinute} while throttled). */
    public synchronized double currentPerMinute() {
        refill(System.nanoTime());
        return perMinute <= 0 ? Double.POSITIVE_INFINITY : rate * TimeUnit.MINUTES.toNanos(1) + burst;
    }

    /** Requests let through so far. */
    public long granted() {
        return granted.get();
    }

    /** Requests that had to queue. */
    public long queued() {
        return queued.get();
    }

    /** RESOURCE_EXHAUSTED answers seen. */
    public long throttles() {
        return throttles.get();
    }

    private void refill(long now) {
        if (rate < fullRate && lastThrottle != 0) {
            long steps = (now - lastThrottle) / RECOVERY_STEP_NANOS;
            if (steps > 0) {
                rate = Math.min(fullRate, rate * Math.pow(1.25, steps));
                lastThrottle += steps * RECOVERY_STEP_NANOS;
            }
        }
        tokens = Math.min(burst, tokens + (now - refilledAt) * rate);
        refilledAt = now;
    }

    private void scheduleDrain() {
        if (drainScheduled || queue.isEmpty()) {
            return;
        }
        long wait = (long) Math.ceil(Math.max(0, 1 - tokens) / rate);
        drainScheduled = true;
        try {
            scheduler.schedule(this::drainLater, Math.max(wait, 1), TimeUnit.NANOSECONDS);
        } catch (RejectedExecutionException e) {
            // The engine is shut down: let the queued requests go, they fail on the closed client.
            drainScheduled = false;
            List<CompletableFuture<Void>> all = new ArrayList<>(queue);
            queue.clear();
            all.forEach(f -> f.complete(null));
        }
    }

    private void drainLater() {
        List<CompletableFuture<Void>> ready;
        synchronized (this) {
            drainScheduled = false;
            ready = drain();
        }
        ready.forEach(f -> f.complete(null)); // outside the lock: the callers' next steps run here
    }

    private List<CompletableFuture<Void>> drain() {
        List<CompletableFuture<Void>> ready = new ArrayList<>();
        refill(System.nanoTime());
        while (!queue.isEmpty()) {
            if (queue.peek().isDone()) { // cancelled while queued: costs no token
                queue.poll();
                continue;
            }
            if (tokens < 1) {
                break;
            }
            tokens -= 1;
            granted.incrementAndGet();
            ready.add(queue.poll());
        }
        scheduleDrain();
        return ready;
    }
}
