package io.jenkins.plugins.vertexai.emulator.resource;

import com.google.cloud.aiplatform.v1.PersistentResource;
import com.google.cloud.aiplatform.v1.PersistentResource.State;
import com.google.cloud.aiplatform.v1.ResourcePool;
import io.jenkins.plugins.vertexai.emulator.grpc.RpcErrors;
import io.jenkins.plugins.vertexai.emulator.grpc.Timestamps;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * One persistent resource as a timeline: created, provisioned (or failed) at a known instant, then any reboots and
 * a deletion. Its state at any instant is computed from that timeline, so nothing runs in the background.
 */
public final class SimulatedResource {
    private final String name;
    private final long sequence;
    private final PersistentResource spec;
    private final Instant createTime;
    private final ProvisioningPlan plan;
    private final Instant settleAt;
    private final com.google.rpc.Status provisioningError;
    private final ResourceTimings timings;

    /** Guarded by {@code this}. */
    private final List<Reboot> reboots = new ArrayList<>();
    private Instant deleteStart;
    /** Set once a pipeline job runs on it; read outside the lock (the simulation has its own). */
    private volatile ReplicaUsage usage;

    /** A reboot from {@code start} to {@code end}. */
    record Reboot(Instant start, Instant end) {
        boolean covers(Instant t) {
            return !t.isBefore(start) && t.isBefore(end);
        }
    }

    SimulatedResource(String name, long sequence, PersistentResource spec, Instant createTime, ProvisioningPlan plan,
                      Optional<ProvisioningFailure> failure, ResourceTimings timings) {
        this.name = name;
        this.sequence = sequence;
        this.spec = spec;
        this.createTime = createTime;
        this.plan = plan;
        this.settleAt = plan.settleAt(failure.map(ProvisioningFailure::duringAcceleratorAllocation).orElse(false));
        this.provisioningError = failure.map(ProvisioningFailure::error).orElse(null);
        this.timings = timings;
    }

    public String name() {
        return name;
    }

    long sequence() {
        return sequence;
    }

    /** The resource as requested (names and pool ids filled in), without output-only fields. */
    public PersistentResource spec() {
        return spec;
    }

    Instant createTime() {
        return createTime;
    }

    Instant settleAt() {
        return settleAt;
    }

    Optional<com.google.rpc.Status> provisioningError() {
        return Optional.ofNullable(provisioningError);
    }

    public synchronized boolean isGoneAt(Instant t) {
        return deleteStart != null && !t.isBefore(deletedAt());
    }

    public synchronized State stateAt(Instant t) {
        if (deleteStart != null && !t.isBefore(deleteStart)) {
            return State.STOPPING; // gone after deletedAt(); callers check isGoneAt first
        }
        if (t.isBefore(settleAt)) {
            return State.PROVISIONING;
        }
        if (reboots.stream().anyMatch(r -> r.covers(t))) {
            return State.REBOOTING;
        }
        return failedAt(t) ? State.ERROR : State.RUNNING;
    }

    /**
     * In ERROR at {@code t}: provisioning failed and no reboot has ended since. The emulator assumes that a reboot
     * of a resource in ERROR brings it back to RUNNING; what the service does then is not documented.
     */
    private boolean failedAt(Instant t) {
        return provisioningError != null && reboots.stream().noneMatch(r -> !r.end().isAfter(t));
    }

    /** When it first became RUNNING (after provisioning, or after a reboot that recovered it), if it has by {@code t}. */
    private Optional<Instant> firstRunningAt(Instant t) {
        if (t.isBefore(settleAt)) {
            return Optional.empty();
        }
        if (provisioningError == null) {
            return Optional.of(settleAt);
        }
        return reboots.stream().map(Reboot::end).filter(end -> !end.isAfter(t)).findFirst();
    }

    /**
     * The resource as the service would return it at {@code t}. used_replica_count ("the number of machines currently
     * in use by training jobs") comes from the pipeline simulation, read outside this resource's lock.
     */
    public PersistentResource snapshot(Instant t) {
        PersistentResource base = stateSnapshot(t);
        ReplicaUsage u = usage;
        if (u == null || !base.hasStartTime()) {
            return base;
        }
        PersistentResource.Builder b = base.toBuilder();
        for (int i = 0; i < b.getResourcePoolsCount(); i++) {
            ResourcePool pool = b.getResourcePools(i);
            b.setResourcePools(i, pool.toBuilder().setUsedReplicaCount(u.usedReplicas(pool.getId(), t)));
        }
        return b.build();
    }

    private synchronized PersistentResource stateSnapshot(Instant t) {
        State state = stateAt(t);
        Optional<Instant> started = firstRunningAt(t);
        PersistentResource.Builder b = spec.toBuilder()
                .setState(state)
                .setCreateTime(Timestamps.of(createTime))
                .setUpdateTime(Timestamps.of(lastChangeAt(t)));
        started.ifPresent(at -> b.setStartTime(Timestamps.of(at)));
        if (state == State.ERROR) {
            b.setError(provisioningError);
        }
        for (int i = 0; i < b.getResourcePoolsCount(); i++) {
            b.setResourcePools(i, b.getResourcePools(i).toBuilder().setUsedReplicaCount(0)); // no job: none in use
        }
        return b.build();
    }

    /** When the reboot under way at {@code t} ends, if one is. */
    public synchronized Optional<Instant> rebootEndAt(Instant t) {
        return reboots.stream().filter(r -> r.covers(t)).map(Reboot::end).findFirst();
    }

    /** The end of the latest reboot that ended by {@code t}, if any. */
    public synchronized Optional<Instant> lastRebootEndBy(Instant t) {
        return reboots.stream().map(Reboot::end).filter(end -> !end.isAfter(t)).max(Instant::compareTo);
    }

    /**
     * The pipeline simulation of this resource (which also says how many machines of each pool its tasks use), made
     * by {@code create} for the first job that runs on it. Held here, so that it goes when the resource goes.
     */
    public synchronized ReplicaUsage simulation(Supplier<ReplicaUsage> create) {
        if (usage == null) {
            usage = create.get();
        }
        return usage;
    }

    /** Starts a reboot at {@code now}; the service reboots a resource that is RUNNING or in ERROR. */
    synchronized Reboot startReboot(Instant now) {
        State state = stateAt(now);
        if (state != State.RUNNING && state != State.ERROR) {
            throw RpcErrors.failedPrecondition("PersistentResource " + name + " is " + state
                    + "; only a persistent resource that is RUNNING or in ERROR can be rebooted");
        }
        Reboot reboot = new Reboot(now, now.plus(timings.reboot()));
        reboots.add(reboot);
        return reboot;
    }

    /** Starts deletion at {@code now}: STOPPING until {@link #deletedAt()}, then gone. */
    synchronized Instant startDelete(Instant now) {
        if (deleteStart != null) {
            throw RpcErrors.failedPrecondition("PersistentResource " + name + " is already being deleted");
        }
        deleteStart = now;
        return deletedAt();
    }

    synchronized Optional<Instant> deleteStart() {
        return Optional.ofNullable(deleteStart);
    }

    synchronized Instant deletedAt() {
        return deleteStart.plus(timings.delete());
    }

    /** The provisioning step under way at {@code t}, for the create operation. */
    String provisioningProgressAt(Instant t) {
        return plan.messageAt(t);
    }

    Instant provisioningStepStartAt(Instant t) {
        return plan.stepStartAt(t);
    }

    static String rebootProgress(Reboot reboot, Instant t) {
        Duration half = Duration.between(reboot.start(), reboot.end()).dividedBy(2);
        return t.isBefore(reboot.start().plus(half)) ? "Stopping workers" : "Starting workers";
    }

    private Instant lastChangeAt(Instant t) {
        Instant last = createTime;
        for (Instant change : changes()) {
            if (!change.isAfter(t) && change.isAfter(last)) {
                last = change;
            }
        }
        return last;
    }

    private List<Instant> changes() {
        List<Instant> changes = new ArrayList<>();
        changes.add(settleAt);
        reboots.forEach(r -> {
            changes.add(r.start());
            changes.add(r.end());
        });
        if (deleteStart != null) {
            changes.add(deleteStart);
        }
        return changes;
    }
}
