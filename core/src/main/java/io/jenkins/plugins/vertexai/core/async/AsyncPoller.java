package io.jenkins.plugins.vertexai.core.async;

import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * Polls until a result is known, re-arming itself on the shared scheduler between polls: a waiting resource or
 * job holds no thread. Cancelling the returned future stops the polling.
 */
public final class AsyncPoller {
    private AsyncPoller() {
    }

    /**
     * @param fetch  one poll; a failure ends the wait with that failure (retry inside it if wanted)
     * @param finish the outcome of a polled value: non-null ends the wait with it, null polls again
     * @param what   for the timeout message
     */
    public static <T, R> CompletableFuture<R> poll(ScheduledExecutorService scheduler, PollingPolicy policy, String what,
                                                   Supplier<? extends CompletionStage<T>> fetch, Function<T, R> finish) {
        return poll(scheduler, policy, what, fetch, finish, new Cancellation());
    }

    /** As above, as one step of a {@link Cancellation} chain. */
    public static <T, R> CompletableFuture<R> poll(ScheduledExecutorService scheduler, PollingPolicy policy, String what,
                                                   Supplier<? extends CompletionStage<T>> fetch, Function<T, R> finish,
                                                   Cancellation cancellation) {
        CompletableFuture<R> result = cancellation.track(new CompletableFuture<>());
        AtomicReference<ScheduledFuture<?>> next = new AtomicReference<>();
        long deadline = policy.timeout() == null ? Long.MAX_VALUE : System.nanoTime() + policy.timeout().toNanos();
        // The timeout holds even while a poll is still retrying through an outage: end the wait on time and stop
        // the chain's in-flight retries (nothing else runs on the chain once its wait has ended).
        ScheduledFuture<?> timeout = policy.timeout() == null ? null : schedule(scheduler, result, () -> {
            if (result.completeExceptionally(new PollTimeoutException(what, policy.timeout()))) {
                cancellation.cancel();
            }
        }, policy.timeout().toNanos());
        result.whenComplete((r, t) -> {
            ScheduledFuture<?> f = next.get();
            if (f != null) {
                f.cancel(false);
            }
            if (timeout != null) {
                timeout.cancel(false);
            }
        });
        new Object() {
            void tick(Duration delay) {
                if (result.isDone()) {
                    return;
                }
                CompletionStage<T> stage;
                try {
                    stage = fetch.get();
                } catch (RuntimeException e) {
                    result.completeExceptionally(e);
                    return;
                }
                stage.whenComplete((v, t) -> {
                    if (result.isDone()) {
                        return;
                    }
                    if (t != null) {
                        result.completeExceptionally(Futures.unwrap(t));
                        return;
                    }
                    R outcome;
                    try {
                        outcome = finish.apply(v);
                    } catch (RuntimeException e) {
                        result.completeExceptionally(e);
                        return;
                    }
                    if (outcome != null) {
                        result.complete(outcome);
                        return;
                    }
                    long remaining = deadline - System.nanoTime();
                    if (remaining <= 0) {
                        result.completeExceptionally(new PollTimeoutException(what, policy.timeout()));
                        return;
                    }
                    long wait = Math.min(delay.toNanos(), remaining);
                    Duration following = policy.backoff().next(delay);
                    next.set(schedule(scheduler, result, () -> tick(following), wait));
                    if (result.isDone() && next.get() != null) {
                        next.get().cancel(false);
                    }
                });
            }
        }.tick(policy.backoff().initial());
        return result;
    }

    /** Schedules, or ends the wait when the scheduler is shut down (the engine closed): never a silent hang. */
    private static ScheduledFuture<?> schedule(ScheduledExecutorService scheduler, CompletableFuture<?> result, Runnable task, long nanos) {
        try {
            return scheduler.schedule(task, nanos, TimeUnit.NANOSECONDS);
        } catch (RejectedExecutionException e) {
            result.completeExceptionally(new IllegalStateException("the Vertex AI engine was shut down while waiting", e));
            return null;
        }
    }
}
