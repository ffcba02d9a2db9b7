package io.jenkins.plugins.vertexai.core.resource;

import com.google.api.gax.rpc.StatusCode;
import com.google.cloud.aiplatform.v1.CreatePersistentResourceOperationMetadata;
import com.google.cloud.aiplatform.v1.CreatePersistentResourceRequest;
import com.google.cloud.aiplatform.v1.DeletePersistentResourceRequest;
import com.google.cloud.aiplatform.v1.GetPersistentResourceRequest;
import com.google.cloud.aiplatform.v1.ListPersistentResourcesRequest;
import com.google.cloud.aiplatform.v1.ListPersistentResourcesResponse;
import com.google.cloud.aiplatform.v1.PersistentResource;
import com.google.cloud.aiplatform.v1.PersistentResourceServiceClient;
import com.google.cloud.aiplatform.v1.RebootPersistentResourceOperationMetadata;
import com.google.cloud.aiplatform.v1.RebootPersistentResourceRequest;
import com.google.cloud.aiplatform.v1.UpdatePersistentResourceOperationMetadata;
import com.google.longrunning.GetOperationRequest;
import com.google.longrunning.Operation;
import com.google.protobuf.Any;
import com.google.protobuf.InvalidProtocolBufferException;
import io.jenkins.plugins.vertexai.core.VertexErrors;
import io.jenkins.plugins.vertexai.core.async.AsyncRetry;
import io.jenkins.plugins.vertexai.core.async.Futures;
import io.jenkins.plugins.vertexai.core.async.RetryPolicy;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.function.IntFunction;

/**
 * The persistent-resource RPCs, each asynchronous, bounded by a deadline and retried on transient errors. The
 * official client retries none of these by default and sets no deadline.
 */
final class PersistentResourceRpc {
    private final PersistentResourceServiceClient client;
    private final AsyncRetry retry;

    PersistentResourceRpc(PersistentResourceServiceClient client, AsyncRetry retry) {
        this.client = client;
        this.retry = retry;
    }

    /** The same calls retried as a wait's polls should be: no later than the poll interval, through an outage. */
    PersistentResourceRpc forPolls(java.time.Duration pollCap) {
        return new PersistentResourceRpc(client, retry.withPolicy(retry.policy().forPolls(pollCap, RetryPolicy.POLL_OUTAGE)));
    }

    /** The same calls without retries, for reads whose failure costs nothing (progress messages). */
    PersistentResourceRpc once() {
        return new PersistentResourceRpc(client, retry.withPolicy(retry.policy().withMaxAttempts(1)));
    }

    /** Cancelling it stops this operation's RPC attempts and waits. */
    io.jenkins.plugins.vertexai.core.async.Cancellation cancellation() {
        return retry.cancellation();
    }


    private <T> CompletableFuture<T> call(String resource, String what, IntFunction<CompletableFuture<T>> attempt) {
        return retry.call(resource, what, attempt);
    }

    CompletableFuture<PersistentResource> get(String name) {
        GetPersistentResourceRequest req = GetPersistentResourceRequest.newBuilder().setName(name).build();
        return call(name, "get " + name, n -> Futures.toCompletable(client.getPersistentResourceCallable().futureCall(req, retry.callContext())));
    }

    /** Like {@link #get}, but NOT_FOUND is an empty answer rather than a failure. */
    CompletableFuture<Optional<PersistentResource>> find(String name) {
        return get(name).thenApply(Optional::of).exceptionallyCompose(t -> VertexErrors.is(t, StatusCode.Code.NOT_FOUND)
                ? CompletableFuture.completedFuture(Optional.empty()) : Futures.failed(t));
    }

    /**
     * Sends the create. An ALREADY_EXISTS on a retry means an earlier attempt reached the server (its answer was
     * lost): the result is then empty, and the caller attaches to the resource instead of failing.
     */
    CompletableFuture<Optional<Operation>> create(PersistentResourceName name, PersistentResource resource) {
        CreatePersistentResourceRequest req = CreatePersistentResourceRequest.newBuilder().setParent(name.parent())
                .setPersistentResourceId(name.id()).setPersistentResource(resource).build();
        return call(name.toString(), "create " + name, n -> Futures.toCompletable(client.createPersistentResourceCallable().futureCall(req, retry.callContext()))
                .thenApply(Optional::of)
                .exceptionallyCompose(t -> n > 1 && VertexErrors.is(t, StatusCode.Code.ALREADY_EXISTS)
                        ? CompletableFuture.completedFuture(Optional.empty()) : Futures.failed(t)));
    }

    /** Sends the delete; empty when there was nothing (left) to delete. */
    CompletableFuture<Optional<Operation>> delete(String name) {
        DeletePersistentResourceRequest req = DeletePersistentResourceRequest.newBuilder().setName(name).build();
        return call(name, "delete " + name, n -> Futures.toCompletable(client.deletePersistentResourceCallable().futureCall(req, retry.callContext()))
                .thenApply(Optional::of)
                .exceptionallyCompose(t -> VertexErrors.is(t, StatusCode.Code.NOT_FOUND)
                        ? CompletableFuture.completedFuture(Optional.empty()) : Futures.failed(t)));
    }

    /** Sends the reboot. A FAILED_PRECONDITION on a retry is read as "my earlier attempt started it" (empty). */
    CompletableFuture<Optional<Operation>> reboot(String name) {
        RebootPersistentResourceRequest req = RebootPersistentResourceRequest.newBuilder().setName(name).build();
        return call(name, "reboot " + name, n -> Futures.toCompletable(client.rebootPersistentResourceCallable().futureCall(req, retry.callContext()))
                .thenApply(Optional::of)
                .exceptionallyCompose(t -> n > 1 && VertexErrors.is(t, StatusCode.Code.FAILED_PRECONDITION)
                        ? CompletableFuture.completedFuture(Optional.empty()) : Futures.failed(t)));
    }

    CompletableFuture<ListPersistentResourcesResponse> listPage(String parent, String pageToken) {
        ListPersistentResourcesRequest req = ListPersistentResourcesRequest.newBuilder().setParent(parent)
                .setPageSize(100).setPageToken(pageToken == null ? "" : pageToken).build();
        return call(parent, "list " + parent, n -> Futures.toCompletable(client.listPersistentResourcesCallable().futureCall(req, retry.callContext())));
    }

    CompletableFuture<Operation> operation(String name) {
        GetOperationRequest req = GetOperationRequest.newBuilder().setName(name).build();
        return call(name, "get operation " + name, n -> Futures.toCompletable(
                client.getOperationsClient().getOperationCallable().futureCall(req, retry.callContext())));
    }

    /** The operation's {@code progress_message}, whichever of the persistent-resource metadata types it carries. */
    static String progressMessage(Operation op) {
        Any m = op.getMetadata();
        try {
            if (m.is(CreatePersistentResourceOperationMetadata.class)) {
                return m.unpack(CreatePersistentResourceOperationMetadata.class).getProgressMessage();
            }
            if (m.is(RebootPersistentResourceOperationMetadata.class)) {
                return m.unpack(RebootPersistentResourceOperationMetadata.class).getProgressMessage();
            }
            if (m.is(UpdatePersistentResourceOperationMetadata.class)) {
                return m.unpack(UpdatePersistentResourceOperationMetadata.class).getProgressMessage();
            }
        } catch (InvalidProtocolBufferException e) {
            return "";
        }
        return "";
    }
}
