package io.jenkins.plugins.vertexai.core.resource;

import io.jenkins.plugins.vertexai.core.ProgressReporter;
import io.jenkins.plugins.vertexai.core.VertexException;
import io.jenkins.plugins.vertexai.core.async.Futures;
import java.util.concurrent.CompletableFuture;
import java.util.function.Supplier;

/**
 * Provisioning that ended in ERROR (a stock-out, a quota) leaves a resource behind: the failure says so and what
 * the next call will do, and {@code create} can delete what it created.
 */
final class FailedProvisioning {
    static final String LEFT_AFTER_ENSURE = "The resource is left in ERROR: the next ensure deletes it and creates it again"
            + " (with ifExists 'fail' it fails instead); delete it to free the id now";
    static final String LEFT_AFTER_CREATE = "The resource is left in ERROR (keepFailed): delete it, or the next ensure"
            + " deletes it and creates it again";

    private FailedProvisioning() {
    }

    /** Whether {@code t} is the wait's "is in ERROR" failure. */
    static boolean endedInError(Throwable t) {
        return Futures.unwrap(t) instanceof VertexException v && "ERROR".equals(v.code());
    }

    /** The same failure, saying what is left. */
    static VertexException left(Throwable t, String what) {
        VertexException v = (VertexException) Futures.unwrap(t);
        return new VertexException(v.getMessage() + ". " + what, v.code(), v.getCause());
    }

    /** Deletes the failed resource, then fails with the original failure saying it was deleted (or why not). */
    static <T> CompletableFuture<T> cleanUp(Throwable t, ProgressReporter r, Supplier<CompletableFuture<PersistentResourceResult>> delete) {
        VertexException v = (VertexException) Futures.unwrap(t);
        r.warning("provisioning ended in ERROR: deleting the resource this call created (keepFailed keeps it)");
        return delete.get().handle((gone, failure) -> {
            String what = failure == null ? "The resource this call created was deleted again"
                    : "Deleting the resource this call created failed too (" + Futures.unwrap(failure).getMessage()
                    + "): it is left in ERROR; delete it, or the next ensure deletes it and creates it again";
            throw new VertexException(v.getMessage() + ". " + what, v.code(), v.getCause());
        });
    }
}
