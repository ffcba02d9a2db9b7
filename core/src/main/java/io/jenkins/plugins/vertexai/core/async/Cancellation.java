package io.jenkins.plugins.vertexai.core.async;

import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Cancels a chain of asynchronous steps as a whole. {@link CompletableFuture#cancel} does not reach the stages a
 * future was derived from, so each step (an RPC attempt, a poll loop) registers here, and cancelling the future
 * the caller holds cancels whatever step is in flight and stops further ones.
 */
public final class Cancellation {
    private final Set<CompletableFuture<?>> live = ConcurrentHashMap.newKeySet();
    private final Chains chains;
    private volatile boolean cancelled;

    /** A chain of its own, outside any engine's {@link Chains}. */
    public Cancellation() {
        this(null);
    }

    Cancellation(Chains chains) {
        this.chains = chains;
    }

    public boolean isCancelled() {
        return cancelled;
    }

    /** Registers an in-flight step; cancels it at once when the chain is already cancelled. */
    public <T> CompletableFuture<T> track(CompletableFuture<T> step) {
        if (cancelled) {
            step.cancel(true);
            return step;
        }
        live.add(step);
        step.whenComplete((v, t) -> live.remove(step));
        if (cancelled) {
            step.cancel(true);
        }
        return step;
    }

    public void cancel() {
        cancelled = true;
        live.forEach(f -> f.cancel(true));
        live.clear();
    }

    /** Ends the chain with {@code why}: the steps in flight fail with it and no further step runs. */
    void fail(Throwable why) {
        cancelled = true;
        live.forEach(f -> f.completeExceptionally(why));
        live.clear();
    }

    /** Makes cancelling {@code outer} cancel this chain; returns {@code outer}. */
    public <T> CompletableFuture<T> boundTo(CompletableFuture<T> outer) {
        if (chains != null) {
            chains.register(this);
        }
        outer.whenComplete((v, t) -> {
            if (chains != null) {
                chains.unregister(this);
            }
            if (outer.isCancelled()) {
                cancel();
            }
        });
        return outer;
    }
}
