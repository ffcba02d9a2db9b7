package io.jenkins.plugins.vertexai.core.async;

import com.google.api.core.ApiFuture;
import com.google.api.core.ApiFutureCallback;
import com.google.api.core.ApiFutures;
import com.google.common.util.concurrent.MoreExecutors;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;

/** Bridges gax futures to {@link CompletableFuture} without a thread, and unwraps failures. */
public final class Futures {
    private Futures() {
    }

    /** Completes on the gRPC callback thread; cancelling the result cancels the call. */
    public static <T> CompletableFuture<T> toCompletable(ApiFuture<T> f) {
        CompletableFuture<T> out = new CompletableFuture<>();
        ApiFutures.addCallback(f, new ApiFutureCallback<>() {
            @Override
            public void onSuccess(T v) {
                out.complete(v);
            }

            @Override
            public void onFailure(Throwable t) {
                out.completeExceptionally(t);
            }
        }, MoreExecutors.directExecutor());
        out.whenComplete((v, t) -> {
            if (out.isCancelled()) {
                f.cancel(true);
            }
        });
        return out;
    }

    /** The real cause behind CompletionException / ExecutionException wrappers. */
    public static Throwable unwrap(Throwable t) {
        while ((t instanceof CompletionException || t instanceof ExecutionException) && t.getCause() != null) {
            t = t.getCause();
        }
        return t;
    }

    public static <T> CompletableFuture<T> failed(Throwable t) {
        return CompletableFuture.failedFuture(unwrap(t));
    }
}
