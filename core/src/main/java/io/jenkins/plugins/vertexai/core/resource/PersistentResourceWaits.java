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
import com.google.cloud.aiplatform.v1.PersistentResourceServiceClient;
import io.jenkins.plugins.vertexai.core.async.Backoff;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.atomic.AtomicReference;

/** The two long waits on a persistent resource, polled on the shared scheduler: until RUNNING, and until gone. */
final class PersistentResourceWaits {
    /** A watched wait's "poll": take the watcher's next listing, which itself comes once per interval. */
    private static final Backoff WATCHED = new Backoff(Duration.ofMillis(1), 1.0, Duration.ofMillis(1));
    /** With a watcher, the operation (progress messages) is read when the resource changed, or at least this often. */
    private static final long OPERATION_READ_NANOS = TimeUnit.SECONDS.toNanos(30);

    private final ScheduledExecutorService scheduler;
    private final PersistentResourceServiceClient client;
    private final PersistentResourceWatchers watchers; // null: each wait polls its own resource

    /**
     * One poll: the resource, its operation's latest progress message (empty when unknown) and whether the
     * operation is done (null when unknown).
     */
    private record Snapshot(PersistentResource resource, String progress, Boolean operationDone) {
    }

    PersistentResourceWaits(ScheduledExecutorService scheduler) {
        this(scheduler, null, null);
    }

    PersistentResourceWaits(ScheduledExecutorService scheduler, PersistentResourceServiceClient client, PersistentResourceWatchers watchers) {
        this.scheduler = scheduler;
        this.client = client;
        this.watchers = watchers;
    }

    /** Where a wait's reads of the resource come from: the region's watcher, or a get of its own per poll. */
    private record Source(Supplier<CompletableFuture<Optional<PersistentResource>>> fetch, PollingPolicy policy, Runnable close) {
    }

    private Source source(PersistentResourceRpc polls, PersistentResourceName name, PollingPolicy polling) {
        if (watchers == null) {
            return new Source(() -> polls.find(name.toString()), polling, () -> { });
        }
        PersistentResourceWatcher.Watch w = watchers.forParent(client, name.parent()).watch(name);
        return new Source(w::next, new PollingPolicy(WATCHED, polling.timeout()), w::close);
    }

    /** Polls the resource (and, when known, its operation for progress messages) until RUNNING. */
    CompletableFuture<PersistentResource> running(PersistentResourceRpc rpc, PersistentResourceName name,
                                                              String operationName, PollingPolicy polling, ProgressReporter r) {
        PersistentResourceRpc polls = rpc.forPolls(polling.backoff().max());
        PersistentResourceRpc once = rpc.once();
        AtomicReference<PersistentResource.State> lastState = new AtomicReference<>();
        AtomicReference<String> lastProgress = new AtomicReference<>("");
        Source source = source(polls, name, polling);
        OperationReads opReads = new OperationReads(watchers == null);
        CompletableFuture<PersistentResource> result = AsyncPoller.poll(scheduler, source.policy(), "persistent resource " + name + " to be RUNNING",
                // Not listed: confirm with a get (NOT_FOUND ends the wait below; a just-created one may list late).
                () -> source.fetch().get().thenCompose(found -> found.isPresent() ? CompletableFuture.completedFuture(found.get())
                        : polls.get(name.toString())).thenCompose(res -> operationName == null || !opReads.due(res)
                        ? CompletableFuture.completedFuture(new Snapshot(res, "", opReads.lastDone))
                        // One attempt: a failed operation read only costs a progress message, never the wait.
                        : once.operation(operationName).handle((op, t) -> op == null ? new Snapshot(res, "", null)
                                : new Snapshot(res, PersistentResourceRpc.progressMessage(op), opReads.done(op.getDone())))),
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
                }, rpc.cancellation());
        result.whenComplete((v, t) -> source.close().run());
        return result.exceptionallyCompose(t -> {
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
        Source source = source(polls, name, polling);
        CompletableFuture<PersistentResourceResult> result = AsyncPoller.poll(scheduler, source.policy(), "persistent resource " + name + " to be deleted",
                () -> source.fetch().get(),
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
        result.whenComplete((v, t) -> source.close().run());
        return result;
    }

    /**
     * When a wait reads the resource's operation for progress messages: at every poll when polling on its own; with a
     * watcher (one list for all waits) only when the resource changed, at least every 30 s, and at every interval
     * while a RUNNING resource's operation (a reboot) is not done yet.
     */
    private static final class OperationReads {
        private final boolean always;
        private com.google.protobuf.Timestamp lastUpdate;
        private long lastRead;
        volatile Boolean lastDone;

        OperationReads(boolean always) {
            this.always = always;
        }

        synchronized boolean due(PersistentResource res) {
            long now = System.nanoTime();
            boolean due = always || lastUpdate == null || !lastUpdate.equals(res.getUpdateTime())
                    || now - lastRead >= OPERATION_READ_NANOS
                    || (res.getState() == PersistentResource.State.RUNNING && !Boolean.TRUE.equals(lastDone));
            if (due) {
                lastUpdate = res.getUpdateTime();
                lastRead = now;
            }
            return due;
        }

        Boolean done(boolean done) {
            lastDone = done;
            return done;
        }
    }
}
