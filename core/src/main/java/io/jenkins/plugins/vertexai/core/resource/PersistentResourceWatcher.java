package io.jenkins.plugins.vertexai.core.resource;

import com.google.api.gax.rpc.StatusCode;
import com.google.cloud.aiplatform.v1.ListPersistentResourcesResponse;
import com.google.cloud.aiplatform.v1.PersistentResource;
import io.jenkins.plugins.vertexai.core.VertexErrors;
import io.jenkins.plugins.vertexai.core.async.Futures;
import io.jenkins.plugins.vertexai.core.async.WatchSettings;
import io.jenkins.plugins.vertexai.core.async.WatchStats;
import io.jenkins.plugins.vertexai.core.async.WatchStats.Reason;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.logging.Logger;

/**
 * Watches every waited persistent resource of one (connection, project, region) with one list per interval:
 * {@code ListPersistentResources} has no filter (v1 and v1beta1), so the watcher lists them all, following pages,
 * and hands each wait its resource as listed (a list carries the whole resource), or nothing when it is gone.
 * Runs on the engine's scheduler and callback threads only, and only while something waits.
 */
final class PersistentResourceWatcher {
    private static final Logger LOG = Logger.getLogger(PersistentResourceWatcher.class.getName());

    private final PersistentResourceRpc rpc;
    private final ScheduledExecutorService scheduler;
    private final String parent;
    private final WatchSettings settings;
    private final WatchStats stats;
    private final Set<Watch> watches = ConcurrentHashMap.newKeySet();
    private final Object lock = new Object();
    private boolean ticking; // guarded by lock
    private volatile boolean listRefused;

    PersistentResourceWatcher(PersistentResourceRpc rpc, ScheduledExecutorService scheduler, String parent,
                              WatchSettings settings, WatchStats stats) {
        this.rpc = rpc;
        this.scheduler = scheduler;
        this.parent = parent;
        this.settings = settings;
        this.stats = stats;
    }

    Watch watch(PersistentResourceName name) {
        Watch w = new Watch(name.toString(), name.id());
        watches.add(w);
        synchronized (lock) {
            if (ticking) {
                return w;
            }
            ticking = true;
        }
        schedule(0);
        return w;
    }

    private void schedule(long nanos) {
        try {
            scheduler.schedule(this::tick, nanos, TimeUnit.NANOSECONDS);
        } catch (RejectedExecutionException e) {
            watches.forEach(w -> w.fail(new IllegalStateException("the Vertex AI engine was shut down while waiting", e)));
        }
    }

    private void tick() {
        long started = System.nanoTime();
        synchronized (lock) {
            if (watches.isEmpty()) {
                ticking = false;
                return;
            }
        }
        CompletableFuture<Void> round = listRefused ? readEach() : listAll("", new HashMap<>()).handle((byId, t) -> {
            if (t != null) {
                listFailed(Futures.unwrap(t));
            } else {
                watches.forEach(w -> w.deliver(Optional.ofNullable(byId.get(w.id))));
            }
            return null;
        });
        round.whenComplete((v, t) -> schedule(Math.max(0, settings.interval().toNanos() - (System.nanoTime() - started))));
    }

    private CompletableFuture<Map<String, PersistentResource>> listAll(String token, Map<String, PersistentResource> byId) {
        stats.list();
        return rpc.listPage(parent, token).thenCompose((ListPersistentResourcesResponse page) -> {
            // Matched by id: the service may name the resource with the project number where the caller used the id.
            page.getPersistentResourcesList().forEach(r -> byId.put(r.getName().substring(r.getName().lastIndexOf('/') + 1), r));
            return page.getNextPageToken().isEmpty() ? CompletableFuture.completedFuture(byId) : listAll(page.getNextPageToken(), byId);
        });
    }

    private void listFailed(Throwable t) {
        StatusCode.Code code = VertexErrors.code(t);
        if (code == StatusCode.Code.PERMISSION_DENIED || code == StatusCode.Code.UNIMPLEMENTED || code == StatusCode.Code.INVALID_ARGUMENT) {
            listRefused = true;
            LOG.warning("cannot list persistent resources in " + parent + " (" + code + ": " + VertexErrors.serverMessage(t)
                    + "); reading each waited resource every interval instead");
        } else {
            watches.forEach(w -> w.fail(t)); // retried through an outage of 15 minutes already
        }
    }

    /** The fallback when listing is refused: each waited resource is read on its own. */
    private CompletableFuture<Void> readEach() {
        List<CompletableFuture<?>> reads = new ArrayList<>();
        for (Watch w : watches) {
            stats.read(Reason.CHANGE);
            reads.add(rpc.find(w.name).whenComplete((found, t) -> {
                if (t != null) {
                    w.fail(Futures.unwrap(t));
                } else {
                    w.deliver(found);
                }
            }));
        }
        return CompletableFuture.allOf(reads.toArray(CompletableFuture[]::new)).handle((v, t) -> null);
    }

    /** One waited resource; {@link #next} completes with its next listing (empty: not there). */
    final class Watch {
        final String name;
        final String id;
        private Optional<PersistentResource> pending;
        private Throwable failure;
        private CompletableFuture<Optional<PersistentResource>> waiting;

        Watch(String name, String id) {
            this.name = name;
            this.id = id;
        }

        synchronized CompletableFuture<Optional<PersistentResource>> next() {
            if (failure != null) {
                Throwable t = failure;
                failure = null; // a later wait on the same watch may try again
                return CompletableFuture.failedFuture(t);
            }
            if (pending != null) {
                Optional<PersistentResource> p = pending;
                pending = null;
                return CompletableFuture.completedFuture(p);
            }
            if (waiting == null || waiting.isDone()) {
                waiting = new CompletableFuture<>();
            }
            return waiting;
        }

        void close() {
            watches.remove(this);
        }

        void deliver(Optional<PersistentResource> r) {
            CompletableFuture<Optional<PersistentResource>> to;
            synchronized (this) {
                to = waiting != null && !waiting.isDone() ? waiting : null;
                waiting = null;
                if (to == null) {
                    pending = r;
                }
            }
            if (to != null) {
                to.complete(r);
            }
        }

        void fail(Throwable t) {
            CompletableFuture<Optional<PersistentResource>> to;
            synchronized (this) {
                to = waiting != null && !waiting.isDone() ? waiting : null;
                waiting = null;
                if (to == null) {
                    failure = t;
                }
            }
            if (to != null) {
                to.completeExceptionally(t);
            }
        }
    }
}
