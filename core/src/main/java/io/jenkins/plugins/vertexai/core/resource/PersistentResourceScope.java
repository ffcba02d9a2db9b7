package io.jenkins.plugins.vertexai.core.resource;

import io.jenkins.plugins.vertexai.core.ProgressListener;
import io.jenkins.plugins.vertexai.core.ProgressReporter;
import io.jenkins.plugins.vertexai.core.VertexException;
import io.jenkins.plugins.vertexai.core.async.Futures;
import java.util.Locale;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicReference;

/**
 * A persistent resource that lives for one block of work: {@link #open} ensures it, {@link #close} deletes it or
 * keeps it according to the {@link KeepPolicy} and to whether the block failed. The Jenkins
 * {@code withVertexPersistentResource} step and the CLI demo use this, so the rules live in one place.
 */
public final class PersistentResourceScope {
    private final PersistentResourceManager manager;
    private final KeepPolicy keep;

    public PersistentResourceScope(PersistentResourceManager manager, KeepPolicy keep) {
        this.manager = manager;
        this.keep = keep;
    }

    /**
     * Ensures the resource. When that fails (provisioning ERROR, a timeout, retries exhausted) for a resource this
     * block brought into being, it may exist and cost money although the block never ran: it is then deleted as
     * after a failed block, unless the policy keeps it. A resource that was there (and usable) before is not
     * deleted on such a failure: it may be another build's, still provisioning. The future ends with the
     * original failure. Invalid input throws before any remote call; cancelling stops the ensure and deletes
     * nothing (the caller decides, e.g. with {@link #close}).
     */
    public CompletableFuture<PersistentResourceResult> open(PersistentResourceSpec spec, EnsureOptions options, ProgressListener listener) {
        PersistentResourceName name = PersistentResourceSpecValidator.validate(spec);
        AtomicReference<CompletableFuture<PersistentResourceResult>> ensured = new AtomicReference<>();
        CompletableFuture<PersistentResourceResult> result = manager.find(name).thenCompose(before -> {
            boolean ours = before.isEmpty() || "ERROR".equals(before.get().state());
            CompletableFuture<PersistentResourceResult> f = manager.ensure(spec, options, listener);
            ensured.set(f);
            return f.exceptionallyCompose(t -> cleanUpFailedOpen(name, ours, options, listener, Futures.unwrap(t)));
        });
        // Cancelling what the caller holds must stop the ensure's polling too (a derived future does not reach it).
        result.whenComplete((v, t) -> {
            CompletableFuture<PersistentResourceResult> f = ensured.get();
            if (result.isCancelled() && f != null) {
                f.cancel(true);
            }
        });
        return result;
    }

    private CompletableFuture<PersistentResourceResult> cleanUpFailedOpen(PersistentResourceName name, boolean ours, EnsureOptions options,
                                                                          ProgressListener listener, Throwable failure) {
        boolean refused = failure instanceof VertexException v && "ALREADY_EXISTS".equals(v.code());
        if (failure instanceof CancellationException || refused || !ours || !keep.deletes(true)) {
            return Futures.failed(failure);
        }
        ProgressReporter r = new ProgressReporter(listener, "persistent resource " + name.id());
        r.warning("it could not be made ready; deleting it so that nothing is left running (keep: "
                + keep.name().toLowerCase(Locale.ROOT) + ")");
        return manager.delete(name, options.withWait(true), listener).handle((deleted, d) -> {
            if (d != null) {
                r.warning("could not delete it: " + Futures.unwrap(d).getMessage() + "; delete it by hand");
            }
            return deleted;
        }).thenCompose(deleted -> Futures.failed(failure));
    }

    /**
     * Ends the block. Deletes (and waits until gone) unless the policy keeps the resource; the future's result
     * says what happened ({@code DELETED}, {@code ABSENT}, or the described resource when kept).
     */
    public CompletableFuture<PersistentResourceResult> close(PersistentResourceName name, boolean blockFailed,
                                                             EnsureOptions options, ProgressListener listener) {
        if (!keep.deletes(blockFailed)) {
            new ProgressReporter(listener, "persistent resource " + name.id()).info("kept (keep: " + keep.name().toLowerCase(Locale.ROOT)
                    + (blockFailed ? ", the block failed" : "") + "); delete it when done: it costs money while it runs");
            return manager.describe(name);
        }
        return manager.delete(name, options.withWait(true), listener);
    }
}
