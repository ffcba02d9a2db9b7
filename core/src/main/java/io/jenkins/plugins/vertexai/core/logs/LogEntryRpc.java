package io.jenkins.plugins.vertexai.core.logs;

import com.google.cloud.logging.v2.LoggingClient;
import com.google.logging.v2.ListLogEntriesRequest;
import com.google.logging.v2.ListLogEntriesResponse;
import io.jenkins.plugins.vertexai.core.async.AsyncRetry;
import io.jenkins.plugins.vertexai.core.VertexErrors;
import io.jenkins.plugins.vertexai.core.async.Futures;
import io.jenkins.plugins.vertexai.core.async.RequestBudget;
import java.util.concurrent.CompletableFuture;
import java.util.function.Supplier;

/** Cloud Logging's ListLogEntries, one page per call, asynchronous, with a deadline and the caller's retries. */
final class LogEntryRpc {
    private final Supplier<LoggingClient> client;
    private final AsyncRetry retry;
    /** {@code projects/P/locations/L} of the run, the key of the request budget its calls count against. */
    private final String budgetKey;
    /** The project's Cloud Logging read budget: every attempt waits for its turn. */
    private final RequestBudget budget;

    LogEntryRpc(Supplier<LoggingClient> client, AsyncRetry retry, String budgetKey, RequestBudget budget) {
        this.client = client;
        this.retry = retry;
        this.budgetKey = budgetKey;
        this.budget = budget;
    }

    AsyncRetry retry() {
        return retry;
    }

    CompletableFuture<ListLogEntriesResponse> page(String project, String filter, boolean newestFirst, int pageSize, String token) {
        ListLogEntriesRequest req = ListLogEntriesRequest.newBuilder().addResourceNames("projects/" + project)
                .setFilter(filter).setOrderBy(newestFirst ? "timestamp desc" : "timestamp asc").setPageSize(pageSize)
                .setPageToken(token == null ? "" : token).build();
        return call("list log entries of " + project, () -> Futures.toCompletable(
                client.get().listLogEntriesCallable().futureCall(req, retry.callContext())));
    }

    /**
     * The one place these calls go through: each attempt (a retry too) first takes its turn in the project's Cloud
     * Logging read budget (the engine's {@link RequestBudget}, at Cloud Logging's rate); RESOURCE_EXHAUSTED slows it.
     */
    private <T> CompletableFuture<T> call(String what, Supplier<CompletableFuture<T>> attempt) {
        return retry.call(what, n -> budget.acquire().thenCompose(v -> attempt.get()).whenComplete((r, t) -> {
            if (t != null && VertexErrors.is(Futures.unwrap(t), com.google.api.gax.rpc.StatusCode.Code.RESOURCE_EXHAUSTED)) {
                budget.throttled();
            }
        }));
    }

    String budgetKey() {
        return budgetKey;
    }
}
