package io.jenkins.plugins.vertexai.core.job;

import com.google.cloud.aiplatform.v1beta1.CustomJob;
import com.google.cloud.aiplatform.v1beta1.GetCustomJobRequest;
import com.google.cloud.aiplatform.v1beta1.JobServiceClient;
import io.jenkins.plugins.vertexai.core.async.AsyncRetry;
import io.jenkins.plugins.vertexai.core.async.Futures;
import java.util.concurrent.CompletableFuture;
import java.util.function.Supplier;

/** Reads the CustomJob a pipeline task ran in, asynchronously, with a deadline and the caller's retries. */
final class CustomJobRpc {
    private final Supplier<JobServiceClient> client;
    private final AsyncRetry retry;
    /** The pipeline job's parent as the caller named it: the budget these reads count against (names may carry the number). */
    private final String budgetParent;

    CustomJobRpc(Supplier<JobServiceClient> client, AsyncRetry retry, String budgetParent) {
        this.client = client;
        this.retry = retry;
        this.budgetParent = budgetParent;
    }

    CompletableFuture<CustomJob> get(String name) {
        GetCustomJobRequest req = GetCustomJobRequest.newBuilder().setName(name).build();
        return retry.call(budgetParent, "get " + name, n -> Futures.toCompletable(client.get().getCustomJobCallable()
                .futureCall(req, retry.callContext())));
    }
}
