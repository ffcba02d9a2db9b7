package io.jenkins.plugins.vertexai.core.resource;

import io.jenkins.plugins.vertexai.core.ProgressListener;
import io.jenkins.plugins.vertexai.core.ProgressReporter;
import java.util.concurrent.CompletableFuture;

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

    public CompletableFuture<PersistentResourceResult> open(PersistentResourceSpec spec, EnsureOptions options, ProgressListener listener) {
        return manager.ensure(spec, options, listener);
    }

    /**
     * Ends the block. Deletes (and waits until gone) unless the policy keeps the resource; the future's result
     * says what happened ({@code DELETED}, {@code ABSENT}, or the described resource when kept).
     */
    public CompletableFuture<PersistentResourceResult> close(PersistentResourceName name, boolean blockFailed,
                                                             EnsureOptions options, ProgressListener listener) {
        if (!keep.deletes(blockFailed)) {
            new ProgressReporter(listener, "persistent resource " + name.id()).info("kept (keep: " + keep.name().toLowerCase(java.util.Locale.ROOT)
                    + (blockFailed ? ", the block failed" : "") + "); delete it when done: it costs money while it runs");
            return manager.describe(name);
        }
        return manager.delete(name, options.withWait(true), listener);
    }
}
