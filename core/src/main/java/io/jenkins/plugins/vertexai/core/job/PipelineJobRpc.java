package io.jenkins.plugins.vertexai.core.job;

import com.google.api.gax.rpc.StatusCode;
import com.google.cloud.aiplatform.v1beta1.CancelPipelineJobRequest;
import com.google.cloud.aiplatform.v1beta1.CreatePipelineJobRequest;
import com.google.cloud.aiplatform.v1beta1.GetPipelineJobRequest;
import com.google.cloud.aiplatform.v1beta1.ListPipelineJobsRequest;
import com.google.cloud.aiplatform.v1beta1.ListPipelineJobsResponse;
import com.google.cloud.aiplatform.v1beta1.PipelineJob;
import com.google.cloud.aiplatform.v1beta1.PipelineServiceClient;
import io.jenkins.plugins.vertexai.core.VertexErrors;
import io.jenkins.plugins.vertexai.core.async.AsyncRetry;
import io.jenkins.plugins.vertexai.core.async.Futures;
import io.jenkins.plugins.vertexai.core.async.RetryPolicy;
import java.util.concurrent.CompletableFuture;

/**
 * The pipeline-job RPCs, asynchronous, each bounded by a deadline and retried on transient errors (the official
 * client retries neither create nor get for pipeline jobs).
 */
final class PipelineJobRpc {
    /** A create's answer: the job, and whether this call created it or found it there already. */
    record Submitted(PipelineJob job, boolean attached) {
    }

    private final PipelineServiceClient client;
    private final AsyncRetry retry;

    PipelineJobRpc(PipelineServiceClient client, AsyncRetry retry) {
        this.client = client;
        this.retry = retry;
    }

    /** The same calls retried as a wait's polls should be: no later than the poll interval, through an outage. */
    PipelineJobRpc forPolls(java.time.Duration pollCap) {
        return new PipelineJobRpc(client, retry.withPolicy(retry.policy().forPolls(pollCap, RetryPolicy.POLL_OUTAGE)));
    }

    /** The retries of these calls, for other reads of the same operation (e.g. its tasks' CustomJobs). */
    AsyncRetry retry() {
        return retry;
    }

    /** Cancelling it stops this operation's RPC attempts and waits. */
    io.jenkins.plugins.vertexai.core.async.Cancellation cancellation() {
        return retry.cancellation();
    }


    /**
     * Creates the job under its id. ALREADY_EXISTS, on any attempt, means a job with our deterministic id is
     * there (an earlier attempt whose answer was lost, or this run before a restart): attach to it, never
     * submit a second one.
     */
    CompletableFuture<Submitted> create(String parent, String jobId, PipelineJob job) {
        CreatePipelineJobRequest req = CreatePipelineJobRequest.newBuilder().setParent(parent).setPipelineJobId(jobId)
                .setPipelineJob(job).build();
        String name = parent + "/pipelineJobs/" + jobId;
        return retry.call(name, "create " + name, n -> Futures.toCompletable(client.createPipelineJobCallable().futureCall(req, retry.callContext()))
                .thenApply(j -> new Submitted(j, false))
                .exceptionallyCompose(t -> VertexErrors.is(t, StatusCode.Code.ALREADY_EXISTS)
                        ? getOnce(name).thenApply(j -> new Submitted(j, true)) : Futures.failed(t)));
    }

    CompletableFuture<PipelineJob> get(String name) {
        return retry.call(name, "get " + name, n -> getOnce(name));
    }

    private CompletableFuture<PipelineJob> getOnce(String name) {
        GetPipelineJobRequest req = GetPipelineJobRequest.newBuilder().setName(name).build();
        return Futures.toCompletable(client.getPipelineJobCallable().futureCall(req, retry.callContext()));
    }

    /** Requests cancellation; FAILED_PRECONDITION (already ended) is not an error here. */
    CompletableFuture<Boolean> cancel(String name) {
        CancelPipelineJobRequest req = CancelPipelineJobRequest.newBuilder().setName(name).build();
        return retry.call(name, "cancel " + name, n -> Futures.toCompletable(client.cancelPipelineJobCallable().futureCall(req, retry.callContext()))
                .thenApply(e -> true)
                .exceptionallyCompose(t -> VertexErrors.is(t, StatusCode.Code.FAILED_PRECONDITION)
                        ? CompletableFuture.completedFuture(false) : Futures.failed(t)));
    }

    CompletableFuture<ListPipelineJobsResponse> listPage(String parent, String filter, String pageToken) {
        ListPipelineJobsRequest req = ListPipelineJobsRequest.newBuilder().setParent(parent).setPageSize(100)
                .setFilter(filter == null ? "" : filter).setPageToken(pageToken == null ? "" : pageToken).build();
        return list(req);
    }

    CompletableFuture<ListPipelineJobsResponse> list(ListPipelineJobsRequest req) {
        return retry.call(req.getParent(), "list " + req.getParent(),
                n -> Futures.toCompletable(client.listPipelineJobsCallable().futureCall(req, retry.callContext())));
    }
}
