package io.jenkins.plugins.vertexai.core.resource;

import com.google.api.gax.rpc.StatusCode;
import com.google.cloud.aiplatform.v1.PersistentResource;
import com.google.longrunning.Operation;
import com.google.protobuf.Timestamp;
import io.jenkins.plugins.vertexai.core.ProgressReporter;
import io.jenkins.plugins.vertexai.core.VertexErrors;
import io.jenkins.plugins.vertexai.core.async.AsyncPoller;
import io.jenkins.plugins.vertexai.core.async.Futures;
import io.jenkins.plugins.vertexai.core.async.PollingPolicy;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ScheduledExecutorService;

/**
 * The delete half of a recreate that other callers may be doing at the same time (three builds running
 * {@code ensure --if-exists=recreate} of one id). It deletes only the incarnation it was asked to replace, known by
 * its create time, and stops waiting as soon as that one is gone or another caller has already created the next
 * one: every caller ends, and exactly one new resource exists.
 */
final class RecreateRace {
    private final ScheduledExecutorService scheduler;

    RecreateRace(ScheduledExecutorService scheduler) {
        this.scheduler = scheduler;
    }

    /**
     * Deletes {@code old} unless it is already being deleted or already replaced, then waits until it is gone.
     *
     * @return empty when the id is free to create again; the new incarnation when another caller created it
     */
    CompletableFuture<Optional<PersistentResource>> deleteUnlessReplaced(PersistentResourceRpc rpc, PersistentResourceName name,
                                                                         PersistentResource old, PollingPolicy polling, ProgressReporter r) {
        Timestamp incarnation = old.getCreateTime();
        return rpc.find(name.toString()).thenCompose(found -> {
            if (found.isEmpty()) {
                return CompletableFuture.completedFuture(Optional.<PersistentResource>empty());
            }
            if (replaced(found.get(), incarnation)) {
                return CompletableFuture.completedFuture(found);
            }
            CompletableFuture<Optional<Operation>> sent;
            if (found.get().getState() == PersistentResource.State.STOPPING) {
                r.info("already being deleted (by another caller?)");
                sent = CompletableFuture.completedFuture(Optional.empty());
            } else {
                r.info("deleting (state " + found.get().getState() + ")");
                // Another caller's delete may land between our read and ours: the service then refuses ours
                // (FAILED_PRECONDITION, already being deleted; or NOT_FOUND), which is what we wanted anyway.
                sent = rpc.delete(name.toString()).exceptionallyCompose(t -> VertexErrors.is(t, StatusCode.Code.FAILED_PRECONDITION)
                        || VertexErrors.is(t, StatusCode.Code.NOT_FOUND)
                        ? CompletableFuture.completedFuture(Optional.empty()) : Futures.failed(t));
            }
            return sent.thenCompose(op -> {
                op.ifPresent(o -> r.info("delete accepted (operation " + o.getName() + ")"));
                PersistentResourceRpc polls = rpc.forPolls(polling.backoff().max());
                return AsyncPoller.poll(scheduler, polling, "persistent resource " + name + " to be deleted",
                        () -> polls.find(name.toString()),
                        now -> now.isEmpty() ? Optional.<PersistentResource>empty()
                                : replaced(now.get(), incarnation) ? now : null,
                        rpc.cancellation());
            });
        });
    }

    /** A resource of the same name but another create time is a new incarnation: someone else recreated it. */
    private static boolean replaced(PersistentResource now, Timestamp incarnation) {
        return now.hasCreateTime() && !now.getCreateTime().equals(incarnation);
    }
}
