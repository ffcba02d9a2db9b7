package io.jenkins.plugins.vertexai.core.resource;

import com.google.api.gax.rpc.StatusCode;
import com.google.cloud.aiplatform.v1.PersistentResource;
import io.jenkins.plugins.vertexai.core.ProgressReporter;
import io.jenkins.plugins.vertexai.core.VertexErrors;
import io.jenkins.plugins.vertexai.core.VertexException;
import io.jenkins.plugins.vertexai.core.async.AsyncPoller;
import io.jenkins.plugins.vertexai.core.async.Futures;
import io.jenkins.plugins.vertexai.core.async.PollTimeoutException;
import io.jenkins.plugins.vertexai.core.async.PollingPolicy;
import io.jenkins.plugins.vertexai.core.resource.PersistentResourceResult.Outcome;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.atomic.AtomicReference;

/** The two long waits on a persistent resource, polled on the shared scheduler: until RUNNING, and until gone. */
final class PersistentResourceWaits {
    private final ScheduledExecutorService scheduler;

    /**
     * One poll: the resource, its operation's latest progress message (empty when unknown) and whether the
     * operation is done (null when unknown).
     */
    private record Snapshot(PersistentResource resource, String progress, Boolean operationDone) {
    }

    PersistentResourceWaits(ScheduledExecutorService scheduler) {
        this.scheduler = scheduler;
    }

    /** Polls the resource (and, when known, its operation for progress messages) until RUNNING. */
    CompletableFuture<PersistentResource> running(PersistentResourceRpc rpc, PersistentResourceName name,
                                                              String operationName, PollingPolicy polling, ProgressReporter r) {
        PersistentResourceRpc polls = rpc.forPolls(polling.backoff().max());
        PersistentResourceRpc once = rpc.once();
        AtomicReference<PersistentResource.State> lastState = new AtomicReference<>();
        AtomicReference<String> lastProgress = new AtomicReference<>("");
        return AsyncPoller.poll(scheduler, polling, "persistent resource " + name + " to be RUNNING",
                () -> polls.get(name.toString()).thenCompose(res -> operationName == null
                        ? CompletableFuture.completedFuture(new Snapshot(res, "", null))
                        // One attempt: a failed operation read only costs a progress message, never the wait.
                        : once.operation(operationName).handle((op, t) -> op == null ? new Snapshot(res, "", null)
                                : new Snapshot(res, PersistentResourceRpc.progressMessage(op), op.getDone()))),
                snapshot -> {
                    PersistentResource res = snapshot.resource();
                    PersistentResource.State s = res.getState();
                    if (s != lastState.getAndSet(s)) {
                        r.state(s.name());
                    }
                    String m = snapshot.progress();
                    if (!m.isEmpty() && !m.equals(lastProgress.getAndSet(m))) {
                        r.progress(m);
                    }
                    switch (s) {
                        case RUNNING:
                            // Right after a reboot request the resource may still read RUNNING: the operation says when it is over.
                            return Boolean.FALSE.equals(snapshot.operationDone()) ? null : res;
                        case ERROR:
                            // A reboot recovers a resource in ERROR ("RUNNING or ERROR" can be rebooted): until its
                            // operation is over the resource may still read ERROR.
                            if (Boolean.FALSE.equals(snapshot.operationDone())) {
                                return null;
                            }
                            throw new VertexException("persistent resource " + name + " is in ERROR: "
                                    + (res.hasError() ? res.getError().getMessage() : "no error message from the service"),
                                    "ERROR", null);
                        case STOPPING:
                            throw new VertexException("persistent resource " + name + " is being deleted (STOPPING) while waiting for it to run");
                        default:
                            return null;
                    }
                }, rpc.cancellation()).exceptionallyCompose(t -> {
                    Throwable c = Futures.unwrap(t);
                    if (VertexErrors.is(c, StatusCode.Code.NOT_FOUND)) {
                        return Futures.failed(new VertexException("persistent resource " + name
                                + " disappeared while waiting for it to run (deleted by someone else?)", "NOT_FOUND", c));
                    }
                    if (c instanceof PollTimeoutException) {
                        return Futures.failed(new VertexException(c.getMessage() + "; last state "
                                + lastState.get() + ", the resource was left as it is", "TIMEOUT", c));
                    }
                    return Futures.failed(c);
                });
    }

    CompletableFuture<PersistentResourceResult> gone(PersistentResourceRpc rpc, PersistentResourceName name,
                                                                 PollingPolicy polling, ProgressReporter r) {
        PersistentResourceRpc polls = rpc.forPolls(polling.backoff().max());
        AtomicReference<PersistentResource.State> lastState = new AtomicReference<>();
        return AsyncPoller.poll(scheduler, polling, "persistent resource " + name + " to be deleted",
                () -> polls.find(name.toString()),
                found -> {
                    if (found.isEmpty()) {
                        r.state("GONE");
                        return PersistentResourceResult.gone(name, Outcome.DELETED);
                    }
                    PersistentResource.State s = found.get().getState();
                    if (s != lastState.getAndSet(s)) {
                        r.state(s.name());
                    }
                    return null;
                }, rpc.cancellation());
    }
}
