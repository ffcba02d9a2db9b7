package io.jenkins.plugins.vertexai.core.resource;

import io.jenkins.plugins.vertexai.core.ProgressListener;
import io.jenkins.plugins.vertexai.core.ProgressReporter;
import io.jenkins.plugins.vertexai.core.VertexException;
import io.jenkins.plugins.vertexai.core.async.Futures;
import java.util.Optional;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Consumer;

/**
 * A persistent resource that lives for one block of work: {@link #open} ensures it, {@link #close} deletes it or
 * keeps it according to the {@link KeepPolicy}, to whether the block failed, and to whether the resource existed
 * before the block (reused: by default it is left alone). The Jenkins {@code withVertexPersistentResource} step
 * and the CLI demo use this, so the rules live in one place.
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
        return open(spec, options, listener, reused -> { });
    }

    /**
     * As {@link #open(PersistentResourceSpec, EnsureOptions, ProgressListener)}; {@code reusedFound} learns
     * whether the resource existed before the block (see {@link #reuses}) once that is known and before anything
     * is sent that could create it, so that a caller can record it (a restart must not take what it found for
     * its own). Pass the same to {@link #close}.
     */
    public CompletableFuture<PersistentResourceResult> open(PersistentResourceSpec spec, EnsureOptions options, ProgressListener listener,
                                                            Consumer<Boolean> reusedFound) {
        PersistentResourceName name = PersistentResourceSpecValidator.validate(spec);
        AtomicReference<CompletableFuture<PersistentResourceResult>> ensured = new AtomicReference<>();
        CompletableFuture<PersistentResourceResult> result = manager.find(name).thenCompose(before -> {
            boolean reused = reuses(before, options.ifExists());
            boolean ours = !reused;
            reusedFound.accept(reused);
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

    /**
     * Whether ensuring with {@code ifExists} uses the resource {@code found} before the block as it is, i.e. the
     * block does not bring it into being: it is there, neither in ERROR nor being deleted (ensure replaces both),
     * and not to be recreated. Such a resource may be someone else's.
     */
    public static boolean reuses(Optional<PersistentResourceResult> found, IfExists ifExists) {
        if (found.isEmpty() || ifExists == IfExists.RECREATE) {
            return false;
        }
        String state = found.get().state();
        return !"ERROR".equals(state) && !"STOPPING".equals(state);
    }

    private CompletableFuture<PersistentResourceResult> cleanUpFailedOpen(PersistentResourceName name, boolean ours, EnsureOptions options,
                                                                          ProgressListener listener, Throwable failure) {
        boolean refused = failure instanceof VertexException v && "ALREADY_EXISTS".equals(v.code());
        if (failure instanceof CancellationException || refused || !ours || !keep.deletes(true, false)) {
            return Futures.failed(failure);
        }
        ProgressReporter r = new ProgressReporter(listener, "persistent resource " + name.id());
        r.warning("it could not be made ready; deleting it so that nothing is left running (keep: " + keep.spelling() + ")");
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
     *
     * @param reused whether the resource existed before the block, as {@link #open} found
     */
    public CompletableFuture<PersistentResourceResult> close(PersistentResourceName name, boolean blockFailed, boolean reused,
                                                             EnsureOptions options, ProgressListener listener) {
        ProgressReporter r = new ProgressReporter(listener, "persistent resource " + name.id());
        if (!keep.deletes(blockFailed, reused)) {
            if (reused && keep != KeepPolicy.ALWAYS && keep.deletes(blockFailed, false)) {
                r.info("kept: it existed before this block, and only keep: 'never' deletes such a resource (keep: "
                        + keep.spelling() + ")");
            } else {
                r.info("kept (keep: " + keep.spelling() + (blockFailed ? ", the block failed" : "")
                        + "); delete it when done: it costs money while it runs");
            }
            return manager.describe(name);
        }
        if (reused) {
            r.warning("it existed before this block and is deleted now, as keep: 'never' asks");
        }
        return manager.delete(name, options.withWait(true), listener);
    }
}
