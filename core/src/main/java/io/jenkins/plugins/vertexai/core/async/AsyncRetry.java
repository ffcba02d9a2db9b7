package io.jenkins.plugins.vertexai.core.async;

import com.google.api.gax.grpc.GrpcCallContext;
import io.jenkins.plugins.vertexai.core.ProgressReporter;
import io.jenkins.plugins.vertexai.core.VertexErrors;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.IntFunction;

/**
 * Retries an asynchronous call on transient errors (UNAVAILABLE, DEADLINE_EXCEEDED, RESOURCE_EXHAUSTED) with
 * jittered backoff, scheduling each attempt on the shared scheduler: no thread waits between attempts.
 * The attempt number (1-based) is passed in so that a caller can tell a retry from a first try, e.g. to read
 * ALREADY_EXISTS on a retried create as "my earlier attempt did happen".
 */
public final class AsyncRetry {
    /** Told before each retry; for progress logs. */
    public interface RetryListener {
        void retrying(String what, int nextAttempt, Throwable cause, Duration delay);
    }

    private final ScheduledExecutorService scheduler;
    private final RetryPolicy policy;
    private final RetryListener listener;
    private final Cancellation cancellation;
    private final RequestBudgets budgets; // null: no budget

    public AsyncRetry(ScheduledExecutorService scheduler, RetryPolicy policy, RetryListener listener) {
        this(scheduler, policy, listener, new Cancellation());
    }

    public AsyncRetry(ScheduledExecutorService scheduler, RetryPolicy policy, RetryListener listener, Cancellation cancellation) {
        this(scheduler, policy, listener, cancellation, null);
    }

    private AsyncRetry(ScheduledExecutorService scheduler, RetryPolicy policy, RetryListener listener, Cancellation cancellation,
                       RequestBudgets budgets) {
        this.scheduler = scheduler;
        this.policy = policy;
        this.listener = listener;
        this.cancellation = cancellation;
        this.budgets = budgets;
    }

    /** Retries that tell the user about each retry through {@code reporter}, as one cancellable chain. */
    public static AsyncRetry reporting(ScheduledExecutorService scheduler, RetryPolicy policy, ProgressReporter reporter) {
        return reporting(scheduler, policy, reporter, new Cancellation());
    }

    /** As above, on a chain of an engine's {@link Chains} (ended when the engine shuts down). */
    public static AsyncRetry reporting(ScheduledExecutorService scheduler, RetryPolicy policy, ProgressReporter reporter, Chains chains) {
        return reporting(scheduler, policy, reporter, chains.open());
    }

    private static AsyncRetry reporting(ScheduledExecutorService scheduler, RetryPolicy policy, ProgressReporter reporter, Cancellation chain) {
        return new AsyncRetry(scheduler, policy, (what, attempt, cause, delay) -> {
            // Through a long outage a wait retries hundreds of times: say so at attempts 2, 3, 4, 8, 16, …
            if (attempt <= 4 || Integer.bitCount(attempt) == 1) {
                reporter.retry("retrying " + what + " (attempt " + attempt + " in " + Durations.format(delay) + "): "
                        + VertexErrors.code(cause) + " " + VertexErrors.serverMessage(cause));
            }
        }, chain);
    }

    /** The same listener and cancellation chain with another policy (e.g. {@link RetryPolicy#forPolls}). */
    public AsyncRetry withPolicy(RetryPolicy other) {
        return new AsyncRetry(scheduler, other, listener, cancellation, budgets);
    }

    /** The same retries, each attempt first waiting for its turn in the (project, region)'s request budget. */
    public AsyncRetry withBudgets(RequestBudgets b) {
        return new AsyncRetry(scheduler, policy, listener, cancellation, b);
    }

    /** The call context of one attempt: the policy's deadline, which the official client does not set itself. */
    public GrpcCallContext callContext() {
        return GrpcCallContext.createDefault().withTimeoutDuration(policy.rpcTimeout());
    }

    /** The chain the attempts belong to: cancelling it stops retrying. */
    public Cancellation cancellation() {
        return cancellation;
    }

    public RetryPolicy policy() {
        return policy;
    }

    /** A call outside any request budget. */
    public <T> CompletableFuture<T> call(String what, IntFunction<CompletableFuture<T>> attempt) {
        return call(null, what, attempt);
    }

    /**
     * A call about {@code resource} (a name or parent {@code projects/P/locations/L/...}): with budgets, every
     * attempt first takes a token of that project and region's budget.
     */
    public <T> CompletableFuture<T> call(String resource, String what, IntFunction<CompletableFuture<T>> attempt) {
        CompletableFuture<T> result = cancellation.track(new CompletableFuture<>());
        RequestBudget budget = budgets == null || resource == null ? null : budgets.forResource(resource);
        run(budget, what, attempt, 1, result);
        return result;
    }

    private <T> void run(RequestBudget budget, String what, IntFunction<CompletableFuture<T>> attempt, int n, CompletableFuture<T> result) {
        if (budget == null) {
            attempt(budget, what, attempt, n, result);
            return;
        }
        CompletableFuture<Void> turn = budget.acquire();
        if (turn.isDone()) {
            attempt(budget, what, attempt, n, result);
            return;
        }
        cancellation.track(turn).whenComplete((v, t) -> attempt(budget, what, attempt, n, result));
    }

    private <T> void attempt(RequestBudget budget, String what, IntFunction<CompletableFuture<T>> attempt, int n, CompletableFuture<T> result) {
        if (result.isDone() || cancellation.isCancelled()) {
            result.cancel(false);
            return; // cancelled by the caller
        }
        CompletableFuture<T> f;
        try {
            f = cancellation.track(attempt.apply(n));
        } catch (RuntimeException e) {
            result.completeExceptionally(e);
            return;
        }
        f.whenComplete((v, t) -> {
            try {
                settle(budget, what, attempt, n, result, v, t);
            } catch (RuntimeException e) {
                result.completeExceptionally(e); // never leave the caller waiting on a future nobody completes
            }
        });
    }

    private <T> void settle(RequestBudget budget, String what, IntFunction<CompletableFuture<T>> attempt, int n,
                            CompletableFuture<T> result, T v, Throwable t) {
        if (t == null) {
            result.complete(v);
            return;
        }
        Throwable cause = Futures.unwrap(t);
        if (budget != null && VertexErrors.is(cause, com.google.api.gax.rpc.StatusCode.Code.RESOURCE_EXHAUSTED)) {
            budget.throttled();
        }
        if (!VertexErrors.isTransient(cause) || n >= policy.maxAttempts()) {
            result.completeExceptionally(cause);
            return;
        }
        Duration delay = Backoff.jitter(policy.backoff().delay(n - 1));
        if (listener != null) {
            listener.retrying(what, n + 1, cause, delay);
        }
        scheduler.schedule(() -> run(budget, what, attempt, n + 1, result), delay.toNanos(), TimeUnit.NANOSECONDS);
    }
}
