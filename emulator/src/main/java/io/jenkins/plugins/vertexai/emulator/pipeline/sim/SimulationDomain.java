package io.jenkins.plugins.vertexai.emulator.pipeline.sim;

import io.jenkins.plugins.vertexai.emulator.resource.ReplicaUsage;
import io.jenkins.plugins.vertexai.emulator.resource.SimulatedResource;
import java.time.Instant;
import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.PriorityQueue;
import java.util.Set;
import java.util.function.BiConsumer;
import java.util.function.Consumer;
import java.util.function.Supplier;

/**
 * A discrete-event simulation shared by the jobs that compete for the same capacity: one per persistent resource,
 * or one per job on on-demand capacity. Nothing runs in the background: reading a job first processes the events
 * due by the simulated now, in time order, so each event is processed once and a read costs only what happened
 * since the previous one.
 */
final class SimulationDomain implements ReplicaUsage {
    private final ResourceCapacity capacity; // null: on-demand, unlimited
    private final SimulatedResource resource; // null: on-demand
    /** The reboot end after which waiting tasks are retried, once scheduled. */
    private Instant retryAfterReboot;
    /** The last reboot whose end was applied to the pools (autoscaled pools restart at their minimum). */
    private Instant rebootApplied = Instant.MIN;
    private final PriorityQueue<Step> steps = new PriorityQueue<>(
            Comparator.comparing(Step::at).thenComparingLong(Step::sequence));
    /** Tasks waiting for capacity, first come first served (later small tasks may still fit in between). */
    private final Set<Waiting> waiting = new LinkedHashSet<>();
    private Instant time = Instant.MIN;
    private long sequence;

    private record Step(Instant at, long sequence, Consumer<Instant> action) {
    }

    /** A task waiting for capacity, and what to do once it gets some (identity matters, hence no record). */
    static final class Waiting {
        final ResourceRequest request;
        final BiConsumer<Placement, Instant> onPlaced;

        Waiting(ResourceRequest request, BiConsumer<Placement, Instant> onPlaced) {
            this.request = request;
            this.onPlaced = onPlaced;
        }
    }

    SimulationDomain(ResourceCapacity capacity, SimulatedResource resource) {
        this.capacity = capacity;
        this.resource = resource;
    }

    static SimulationDomain onDemand() {
        return new SimulationDomain(null, null);
    }

    /**
     * Processes everything due by the simulated now (read under the lock, so it never goes back in time for this
     * domain), then runs {@code body} at that instant.
     */
    synchronized <T> T at(Supplier<Instant> clock, java.util.function.Function<Instant, T> body) {
        Instant now = clock.get();
        if (now.isBefore(time)) {
            now = time;
        }
        while (!steps.isEmpty() && !steps.peek().at().isAfter(now)) {
            Step step = steps.poll();
            time = step.at();
            step.action().accept(step.at());
        }
        time = now;
        return body.apply(now);
    }

    /** Runs {@code action} when simulated time reaches {@code at}; only under {@link #at}. */
    void schedule(Instant at, Consumer<Instant> action) {
        steps.add(new Step(at, sequence++, action));
    }

    boolean onDemandOnly() {
        return capacity == null;
    }

    String resourceName() {
        return capacity == null ? null : capacity.resourceName();
    }

    /**
     * Capacity for {@code request} at {@code now}. A REBOOTING resource ("not available right now but is expected to
     * be ready again later") places nothing: tasks wait, and are retried when the reboot ends.
     */
    Optional<Placement> tryPlace(ResourceRequest request, Instant now) {
        if (capacity == null) {
            return Optional.of(Placement.onDemand(request));
        }
        Optional<Instant> rebootEnd = resource.rebootEndAt(now);
        if (rebootEnd.isPresent()) {
            if (!rebootEnd.get().equals(retryAfterReboot)) {
                retryAfterReboot = rebootEnd.get();
                schedule(rebootEnd.get(), this::placeWaiting);
            }
            return Optional.empty();
        }
        resource.lastRebootEndBy(now).filter(end -> end.isAfter(rebootApplied)).ifPresent(end -> {
            rebootApplied = end;
            capacity.shrinkToMinimum(); // "autoscaled worker pools reboot with the minimum replica count"
        });
        return capacity.tryPlace(request);
    }

    /** Machines of the pool that running tasks use at {@code at} (the resource's used_replica_count). */
    @Override
    public long usedReplicas(String poolId, Instant at) {
        return at(() -> at, now -> capacity == null ? 0L : capacity.usedReplicas(poolId));
    }

    boolean couldEverFit(ResourceRequest request) {
        return capacity == null || capacity.couldEverFit(request);
    }

    /** Frees a placement's capacity and hands it to waiting tasks in order; idle autoscaled replicas go later. */
    void release(Placement placement, Instant now) {
        if (capacity == null || !placement.onPersistentResource()) {
            return;
        }
        if (capacity.release(placement, now)) {
            schedule(now.plus(ResourceCapacity.SCALE_DOWN_AFTER), capacity::shrinkIdle);
        }
        placeWaiting(now);
    }

    private void placeWaiting(Instant now) {
        for (Waiting w : List.copyOf(waiting)) {
            if (!waiting.contains(w)) {
                continue;
            }
            Optional<Placement> placed = tryPlace(w.request, now);
            if (placed.isPresent()) {
                waiting.remove(w);
                w.onPlaced.accept(placed.get(), now);
            }
        }
    }

    Waiting enqueue(ResourceRequest request, BiConsumer<Placement, Instant> onPlaced) {
        Waiting w = new Waiting(request, onPlaced);
        waiting.add(w);
        return w;
    }

    /** Removes a waiting task; false if it got capacity (or was removed) already. */
    boolean dequeue(Waiting w) {
        return waiting.remove(w);
    }
}
