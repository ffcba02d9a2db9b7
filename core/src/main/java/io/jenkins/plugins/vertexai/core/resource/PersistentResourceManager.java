package io.jenkins.plugins.vertexai.core.resource;

import com.google.api.gax.rpc.StatusCode;
import com.google.cloud.aiplatform.v1.ListPersistentResourcesResponse;
import com.google.cloud.aiplatform.v1.PersistentResource;
import com.google.cloud.aiplatform.v1.PersistentResourceServiceClient;
import com.google.longrunning.Operation;
import io.jenkins.plugins.vertexai.core.ProgressListener;
import io.jenkins.plugins.vertexai.core.ProgressReporter;
import io.jenkins.plugins.vertexai.core.VertexErrors;
import io.jenkins.plugins.vertexai.core.VertexException;
import io.jenkins.plugins.vertexai.core.async.AsyncRetry;
import io.jenkins.plugins.vertexai.core.async.Chains;
import io.jenkins.plugins.vertexai.core.async.Durations;
import io.jenkins.plugins.vertexai.core.async.Futures;
import io.jenkins.plugins.vertexai.core.async.PollingPolicy;
import io.jenkins.plugins.vertexai.core.async.RequestBudgets;
import io.jenkins.plugins.vertexai.core.async.RetryPolicy;
import io.jenkins.plugins.vertexai.core.resource.PersistentResourceResult.Outcome;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ScheduledExecutorService;
import java.util.stream.Collectors;

/**
 * Creates, finds, waits on, reboots and deletes persistent resources. Every method validates its input before
 * any remote call (a {@link io.jenkins.plugins.vertexai.core.ValidationException} is thrown at once) and
 * returns a future that completes on the shared scheduler; cancelling it stops the waiting (the remote resource
 * is left as it is).
 */
public final class PersistentResourceManager {
    private final PersistentResourceServiceClient client;
    private final PersistentResourceRpc rpc;
    private final ScheduledExecutorService scheduler;
    private final RetryPolicy retryPolicy;
    private final Chains chains;
    private final PersistentResourceWaits waits;
    private final RequestBudgets budgets; // null: none
    private final RecreateRace recreateRace;

    public PersistentResourceManager(PersistentResourceServiceClient client, ScheduledExecutorService scheduler, RetryPolicy retryPolicy) {
        this(client, scheduler, retryPolicy, new Chains());
    }

    /** With the engine's {@link Chains}, so that shutting the engine down ends every operation of this one. */
    public PersistentResourceManager(PersistentResourceServiceClient client, ScheduledExecutorService scheduler, RetryPolicy retryPolicy, Chains chains) {
        this(client, scheduler, retryPolicy, chains, null, null);
    }

    /**
     * The engine's manager: every call within the (project, region)'s request budget, and every wait through the
     * region's watcher (one list per interval for all waits) rather than polling its own resource.
     */
    public PersistentResourceManager(PersistentResourceServiceClient client, ScheduledExecutorService scheduler, RetryPolicy retryPolicy,
                                     Chains chains, RequestBudgets budgets, PersistentResourceWatchers watchers) {
        this.chains = chains;
        this.client = client;
        this.scheduler = scheduler;
        this.retryPolicy = retryPolicy;
        this.budgets = budgets;
        this.waits = new PersistentResourceWaits(scheduler, client, watchers);
        this.recreateRace = new RecreateRace(scheduler);
        AsyncRetry plain = new AsyncRetry(scheduler, retryPolicy, null);
        this.rpc = new PersistentResourceRpc(client, budgets == null ? plain : plain.withBudgets(budgets));
    }

    private PersistentResourceRpc rpc(ProgressReporter r) {
        AsyncRetry retry = AsyncRetry.reporting(scheduler, retryPolicy, r, chains);
        return new PersistentResourceRpc(client, budgets == null ? retry : retry.withBudgets(budgets));
    }

    /**
     * Makes sure the resource exists and (with {@code options.waitForCompletion()}) is RUNNING: creates it when absent,
     * otherwise applies {@code options.ifExists()}. A resource in ERROR is deleted and created again unless the
     * policy is FAIL; one that is STOPPING is waited out, then created.
     */
    public CompletableFuture<PersistentResourceResult> ensure(PersistentResourceSpec spec, EnsureOptions options, ProgressListener listener) {
        PersistentResourceName name = PersistentResourceSpecValidator.validate(spec);
        PersistentResource wanted = PersistentResourceProtos.toProto(spec);
        ProgressReporter r = reporter(listener, name);
        PersistentResourceRpc rpc = rpc(r);
        r.link("ensuring persistent resource in " + name.region(), PersistentResourceResult.consoleUrl(name));
        return rpc.cancellation().boundTo(rpc.find(name.toString()).thenCompose(found -> {
            if (found.isEmpty()) {
                return create(rpc, name, wanted, options, r, Outcome.CREATED)
                        .exceptionallyCompose(t -> createdConcurrently(rpc, name, options, r, t));
            }
            PersistentResource existing = found.get();
            PersistentResource.State state = existing.getState();
            r.info("exists, state " + state);
            if (state == PersistentResource.State.STOPPING) {
                r.info("it is being deleted; waiting until it is gone, then creating it");
                return waits.gone(rpc, name, options.polling(), r)
                        .thenCompose(gone -> create(rpc, name, wanted, options, r, Outcome.CREATED));
            }
            switch (options.ifExists()) {
                case FAIL:
                    return Futures.failed(new VertexException("persistent resource " + name + " already exists (state "
                            + state + ") and ifExists is 'fail'", "ALREADY_EXISTS", null));
                case RECREATE:
                    r.info("ifExists is 'recreate': deleting it first");
                    return recreate(rpc, name, existing, wanted, options, r);
                default:
                    if (state == PersistentResource.State.ERROR) {
                        r.warning("it is in ERROR (" + existing.getError().getMessage() + "): deleting it and creating it again");
                        return recreate(rpc, name, existing, wanted, options, r);
                    }
                    List<String> drift = PersistentResourceProtos.drift(spec, existing);
                    if (!drift.isEmpty()) {
                        r.warning("reusing it although it differs from the requested spec (ifExists 'recreate' would replace it):\n  "
                                + String.join("\n  ", drift));
                    }
                    if (!options.waitForCompletion() || state == PersistentResource.State.RUNNING) {
                        return CompletableFuture.completedFuture(finish(r, existing, Outcome.REUSED));
                    }
                    return waits.running(rpc, name, null, options.polling(), r).thenApply(res -> finish(r, res, Outcome.REUSED));
            }
        }).exceptionallyCompose(t -> Futures.failed(VertexErrors.describe("ensure persistent resource " + name,
                FailedProvisioning.endedInError(t) ? FailedProvisioning.left(t, FailedProvisioning.LEFT_AFTER_ENSURE) : t))));
    }

    /**
     * Two builds ensuring the same resource at once: the one whose create lost the race finds it there now. That
     * is what ensure asked for, so it uses the resource (ifExists 'fail' still fails).
     */
    private CompletableFuture<PersistentResourceResult> createdConcurrently(PersistentResourceRpc rpc, PersistentResourceName name,
                                                                            EnsureOptions options, ProgressReporter r, Throwable t) {
        if (!VertexErrors.is(t, StatusCode.Code.ALREADY_EXISTS)) {
            return Futures.failed(t);
        }
        if (options.ifExists() == IfExists.FAIL) {
            return Futures.failed(new VertexException("persistent resource " + name
                    + " was created by someone else at the same time and ifExists is 'fail'", "ALREADY_EXISTS", Futures.unwrap(t)));
        }
        r.info("someone else created it at the same time: using it");
        if (!options.waitForCompletion()) {
            return rpc.get(name.toString()).thenApply(res -> finish(r, res, Outcome.REUSED));
        }
        return waits.running(rpc, name, null, options.polling(), r).thenApply(res -> finish(r, res, Outcome.REUSED));
    }

    /**
     * Creates the resource; fails if it already exists (as {@code gcloud ai persistent-resources create} does). A
     * resource that ends in ERROR is left there (see the other overload).
     */
    public CompletableFuture<PersistentResourceResult> create(PersistentResourceSpec spec, EnsureOptions options, ProgressListener listener) {
        return create(spec, options, listener, true);
    }

    /**
     * Creates the resource; fails if it already exists. When provisioning ends in ERROR (a stock-out, say), the
     * resource this call created is deleted again unless {@code keepFailed}; either way the failure says what is left.
     */
    public CompletableFuture<PersistentResourceResult> create(PersistentResourceSpec spec, EnsureOptions options, ProgressListener listener,
                                                              boolean keepFailed) {
        PersistentResourceName name = PersistentResourceSpecValidator.validate(spec);
        PersistentResource wanted = PersistentResourceProtos.toProto(spec);
        ProgressReporter r = reporter(listener, name);
        r.link("creating persistent resource in " + name.region(), PersistentResourceResult.consoleUrl(name));
        PersistentResourceRpc rpc = rpc(r);
        return rpc.cancellation().boundTo(create(rpc, name, wanted, options, r, Outcome.CREATED)
                .exceptionallyCompose(t -> !FailedProvisioning.endedInError(t) ? Futures.failed(t) : keepFailed
                        ? Futures.failed(FailedProvisioning.left(t, FailedProvisioning.LEFT_AFTER_CREATE))
                        : FailedProvisioning.cleanUp(t, r, () -> delete(rpc, name, options.withWait(true), r)))
                .exceptionallyCompose(t -> Futures.failed(VertexErrors.describe("create persistent resource " + name, t))));
    }

    public CompletableFuture<PersistentResourceResult> describe(PersistentResourceName name) {
        return rpc.get(name.toString()).thenApply(res -> PersistentResourceResult.of(res, Outcome.DESCRIBED))
                .exceptionallyCompose(t -> Futures.failed(VertexErrors.describe("describe persistent resource " + name, t)));
    }

    /** The resource, or empty when it does not exist. */
    public CompletableFuture<Optional<PersistentResourceResult>> find(PersistentResourceName name) {
        return rpc.find(name.toString()).thenApply(found -> found.map(res -> PersistentResourceResult.of(res, Outcome.DESCRIBED)))
                .exceptionallyCompose(t -> Futures.failed(VertexErrors.describe("describe persistent resource " + name, t)));
    }

    /** Every persistent resource of the project in the region, all pages. */
    public CompletableFuture<List<PersistentResourceResult>> list(String project, String region) {
        String parent = "projects/" + project + "/locations/" + region;
        List<PersistentResourceResult> all = new ArrayList<>();
        return listFrom(parent, null, all)
                .exceptionallyCompose(t -> Futures.failed(VertexErrors.describe("list persistent resources in " + parent, t)));
    }

    private CompletableFuture<List<PersistentResourceResult>> listFrom(String parent, String token, List<PersistentResourceResult> all) {
        return rpc.listPage(parent, token).thenCompose((ListPersistentResourcesResponse page) -> {
            page.getPersistentResourcesList().forEach(p -> all.add(PersistentResourceResult.of(p, Outcome.DESCRIBED)));
            return page.getNextPageToken().isEmpty() ? CompletableFuture.completedFuture(all)
                    : listFrom(parent, page.getNextPageToken(), all);
        });
    }

    /** Deletes the resource; an absent one is fine and said so. With {@code wait}, completes once it is gone. */
    public CompletableFuture<PersistentResourceResult> delete(PersistentResourceName name, EnsureOptions options, ProgressListener listener) {
        ProgressReporter r = reporter(listener, name);
        PersistentResourceRpc rpc = rpc(r);
        return rpc.cancellation().boundTo(delete(rpc, name, options, r)
                .exceptionallyCompose(t -> Futures.failed(VertexErrors.describe("delete persistent resource " + name, t))));
    }

    public CompletableFuture<PersistentResourceResult> reboot(PersistentResourceName name, EnsureOptions options, ProgressListener listener) {
        ProgressReporter r = reporter(listener, name);
        PersistentResourceRpc rpc = rpc(r);
        r.info("rebooting");
        return rpc.cancellation().boundTo(rpc.reboot(name.toString()).thenCompose(op -> {
            r.info("reboot accepted" + op.map(o -> " (operation " + o.getName() + ")").orElse(""));
            if (!options.waitForCompletion()) {
                return rpc.get(name.toString()).thenApply(res -> finish(r, res, Outcome.REBOOTED));
            }
            return waits.running(rpc, name, op.map(Operation::getName).orElse(null), options.polling(), r)
                    .thenApply(res -> finish(r, res, Outcome.REBOOTED));
        }).exceptionallyCompose(t -> Futures.failed(VertexErrors.describe("reboot persistent resource " + name, t))));
    }

    /** Waits until an existing resource is RUNNING (for a caller that created it without waiting). */
    public CompletableFuture<PersistentResourceResult> awaitRunning(PersistentResourceName name, PollingPolicy polling, ProgressListener listener) {
        ProgressReporter r = reporter(listener, name);
        PersistentResourceRpc rpc = rpc(r);
        return rpc.cancellation().boundTo(waits.running(rpc, name, null, polling, r).thenApply(res -> finish(r, res, Outcome.DESCRIBED))
                .exceptionallyCompose(t -> Futures.failed(VertexErrors.describe("wait for persistent resource " + name, t))));
    }

    private CompletableFuture<PersistentResourceResult> create(PersistentResourceRpc rpc, PersistentResourceName name,
                                                               PersistentResource wanted, EnsureOptions options,
                                                               ProgressReporter r, Outcome outcome) {
        r.info("creating " + describePools(wanted) + (wanted.getResourceRuntimeSpec().getServiceAccountSpec().getEnableCustomServiceAccount()
                ? ", custom service account enabled" : ", custom service account DISABLED (pipeline runs cannot use it)"));
        return rpc.create(name, wanted).thenCompose(op -> {
            if (op.isPresent()) {
                r.info("create accepted (operation " + op.get().getName() + ")");
            } else {
                r.info("an earlier attempt created it (its answer was lost): attaching to it");
            }
            if (!options.waitForCompletion()) {
                return rpc.get(name.toString()).thenApply(res -> finish(r, res, outcome));
            }
            return waits.running(rpc, name, op.map(Operation::getName).orElse(null), options.polling(), r)
                    .thenApply(res -> finish(r, res, outcome));
        });
    }

    /**
     * Deletes {@code existing} and creates the resource again. Other callers may recreate it at the same time:
     * whoever finds another's new incarnation (or loses the create race) uses that one instead.
     */
    private CompletableFuture<PersistentResourceResult> recreate(PersistentResourceRpc rpc, PersistentResourceName name,
                                                                 PersistentResource existing, PersistentResource wanted,
                                                                 EnsureOptions options, ProgressReporter r) {
        return recreateRace.deleteUnlessReplaced(rpc, name, existing, options.polling(), r).thenCompose(other -> {
            if (other.isPresent()) {
                r.info("someone else recreated it meanwhile: using theirs");
                return options.waitForCompletion()
                        ? waits.running(rpc, name, null, options.polling(), r).thenApply(res -> finish(r, res, Outcome.RECREATED))
                        : CompletableFuture.completedFuture(finish(r, other.get(), Outcome.RECREATED));
            }
            return create(rpc, name, wanted, options, r, Outcome.RECREATED)
                    .exceptionallyCompose(t -> createdConcurrently(rpc, name, options, r, t));
        });
    }

    private CompletableFuture<PersistentResourceResult> delete(PersistentResourceRpc rpc, PersistentResourceName name,
                                                               EnsureOptions options, ProgressReporter r) {
        return rpc.find(name.toString()).thenCompose(found -> {
            if (found.isEmpty()) {
                r.result("does not exist: nothing to delete");
                return CompletableFuture.completedFuture(PersistentResourceResult.gone(name, Outcome.ABSENT));
            }
            CompletableFuture<Optional<Operation>> sent;
            if (found.get().getState() == PersistentResource.State.STOPPING) {
                r.info("already being deleted");
                sent = CompletableFuture.completedFuture(Optional.empty());
            } else {
                r.info("deleting (state " + found.get().getState() + ")");
                sent = rpc.delete(name.toString());
            }
            return sent.thenCompose(op -> {
                op.ifPresent(o -> r.info("delete accepted (operation " + o.getName() + ")"));
                if (!options.waitForCompletion()) {
                    return rpc.find(name.toString()).thenApply(now -> now
                            .map(res -> PersistentResourceResult.of(res, Outcome.DELETED))
                            .orElseGet(() -> PersistentResourceResult.gone(name, Outcome.DELETED)));
                }
                return waits.gone(rpc, name, options.polling(), r).thenApply(gone -> {
                    r.result("deleted");
                    return gone;
                });
            });
        });
    }

    private static PersistentResourceResult finish(ProgressReporter r, PersistentResource res, Outcome outcome) {
        PersistentResourceResult result = PersistentResourceResult.of(res, outcome);
        r.result(outcome.name().toLowerCase(java.util.Locale.ROOT) + ", state " + result.state() + " after "
                + Durations.format(r.elapsed()) + "; pools: "
                + result.pools().stream().map(PoolStatus::describe).collect(Collectors.joining("; ")));
        return result;
    }

    private static String describePools(PersistentResource r) {
        return r.getResourcePoolsCount() + " pool(s): " + r.getResourcePoolsList().stream().map(p -> {
            String s = (p.hasAutoscalingSpec() ? p.getAutoscalingSpec().getMinReplicaCount() + ".." + p.getAutoscalingSpec().getMaxReplicaCount()
                    : String.valueOf(p.getReplicaCount())) + " × " + p.getMachineSpec().getMachineType();
            return p.getMachineSpec().getAcceleratorCount() > 0
                    ? s + " + " + p.getMachineSpec().getAcceleratorCount() + " × " + p.getMachineSpec().getAcceleratorType() : s;
        }).collect(Collectors.joining(", "));
    }

    private static ProgressReporter reporter(ProgressListener listener, PersistentResourceName name) {
        return new ProgressReporter(listener, "persistent resource " + name.id());
    }
}
