package io.jenkins.plugins.vertexai.core.logs;

import com.google.cloud.logging.v2.LoggingClient;
import com.google.logging.v2.ListLogEntriesRequest;
import com.google.logging.v2.ListLogEntriesResponse;
import io.jenkins.plugins.vertexai.core.async.AsyncRetry;
import io.jenkins.plugins.vertexai.core.async.Futures;
import java.util.concurrent.CompletableFuture;
import java.util.function.Supplier;

/** Cloud Logging's ListLogEntries, one page per call, asynchronous, with a deadline and the caller's retries. */
final class LogEntryRpc {
    private final Supplier<LoggingClient> client;
    private final AsyncRetry retry;
    /** {@code projects/P/locations/L} of the run, the key of the request budget its calls count against. */
    private final String budgetKey;
    /** The project's read quota: every attempt waits for its turn. */
    private final LogReadBudget budget;

    LogEntryRpc(Supplier<LoggingClient> client, AsyncRetry retry, String budgetKey, LogReadBudget budget) {
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
     * The one place these calls go through: each attempt (a retry too) first takes its turn in the project's read
     * budget. Where the engine's request budget exists, it takes the turn instead.
     */
    private <T> CompletableFuture<T> call(String what, Supplier<CompletableFuture<T>> attempt) {
        return retry.call(what, n -> budget.turn().thenCompose(v -> attempt.get()));
    }

    String budgetKey() {
        return budgetKey;
    }
}
