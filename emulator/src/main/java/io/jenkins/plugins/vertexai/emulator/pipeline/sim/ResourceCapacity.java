package io.jenkins.plugins.vertexai.emulator.pipeline.sim;

import com.google.cloud.aiplatform.v1.PersistentResource;
import com.google.cloud.aiplatform.v1.ResourcePool;
import io.jenkins.plugins.vertexai.emulator.catalog.MachineCatalog;
import io.jenkins.plugins.vertexai.emulator.catalog.ReplicaCapacity;
import io.jenkins.plugins.vertexai.emulator.resource.PoolSizes;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * The capacity of one persistent resource: per pool, how many replicas (machines) it has now, and what the tasks
 * running on its busy replicas take. A task goes to the first replica it fits on; tasks without accelerators try
 * CPU-only pools first so GPUs stay free. An autoscaling pool grows by a replica (up to its maximum) when a task
 * fits nowhere, before the task waits or falls back, and gives back replicas above its minimum once they have been
 * idle for {@link #SCALE_DOWN_AFTER}. Only busy replicas are held in memory, so a pool of a thousand replicas costs
 * what its running tasks cost. Not thread-safe: used under its {@link SimulationDomain}'s lock.
 */
final class ResourceCapacity {
    /** How long a replica above the autoscaling minimum stays idle before the pool shrinks (the service's is unknown). */
    static final Duration SCALE_DOWN_AFTER = Duration.ofMinutes(10);

    private final String resourceName;
    private final List<Pool> pools = new ArrayList<>();

    /** What the tasks on one busy replica take, in milli-CPUs and MiB so that sums stay exact. */
    private static final class Usage {
        long milliCpus;
        long mib;
        int accelerators;
        int tasks;
    }

    private static final class Pool {
        final String id;
        final ReplicaCapacity offer;
        final int min;
        final int max;
        /** Replicas the pool has now: {@code min} (or replica_count) at first, up to {@code max}. */
        int size;
        final TreeMap<Integer, Usage> busy = new TreeMap<>();
        Instant lastRelease = Instant.MIN;

        Pool(String id, ReplicaCapacity offer, int initial, int min, int max) {
            this.id = id;
            this.offer = offer;
            this.size = initial;
            this.min = min;
            this.max = max;
        }

        boolean fits(Usage used, long cpu, long memory, int accelerators) {
            long freeCpu = milliCpus(offer.cpus()) - (used == null ? 0 : used.milliCpus);
            long freeMib = mib(offer.memoryGib()) - (used == null ? 0 : used.mib);
            int freeAccelerators = offer.acceleratorCount() - (used == null ? 0 : used.accelerators);
            return freeCpu >= cpu && freeMib >= memory && freeAccelerators >= accelerators;
        }

        /** The lowest replica below {@code size} that runs nothing, or -1. */
        int firstIdleReplica() {
            int r = 0;
            for (Integer b : busy.keySet()) {
                if (b != r) {
                    break;
                }
                r++;
            }
            return r < size ? r : -1;
        }
    }

    ResourceCapacity(PersistentResource resource, MachineCatalog catalog) {
        this.resourceName = resource.getName();
        for (ResourcePool pool : resource.getResourcePoolsList()) {
            int initial = clamp(PoolSizes.initialReplicas(pool));
            int min = pool.hasAutoscalingSpec() ? clamp(pool.getAutoscalingSpec().getMinReplicaCount()) : initial;
            pools.add(new Pool(pool.getId(), catalog.capacityOf(pool.getMachineSpec()), initial, Math.min(min, initial),
                    Math.max(initial, clamp(PoolSizes.maxReplicas(pool)))));
        }
    }

    String resourceName() {
        return resourceName;
    }

    /** Takes the capacity for {@code request}: on a busy replica with room, an idle one, or one the pool grows by. */
    Optional<Placement> tryPlace(ResourceRequest request) {
        long cpu = milliCpus(request.cpus());
        long memory = mib(request.memoryGib());
        int accelerators = request.acceleratorCount();
        for (boolean acceleratedPools : request.needsAccelerators() ? new boolean[] {true} : new boolean[] {false, true}) {
            for (boolean growing : new boolean[] {false, true}) {
                for (Pool pool : pools) {
                    if ((pool.offer.acceleratorCount() > 0) != acceleratedPools || !request.acceleratorMatches(pool.offer)
                            || !pool.fits(null, cpu, memory, accelerators)) {
                        continue;
                    }
                    int replica = growing ? grow(pool) : existingReplica(pool, cpu, memory, accelerators);
                    if (replica >= 0) {
                        return Optional.of(take(pool, replica, request, cpu, memory, growing));
                    }
                }
            }
        }
        return Optional.empty();
    }

    private static int existingReplica(Pool pool, long cpu, long memory, int accelerators) {
        for (Map.Entry<Integer, Usage> e : pool.busy.entrySet()) {
            if (pool.fits(e.getValue(), cpu, memory, accelerators)) {
                return e.getKey();
            }
        }
        return pool.firstIdleReplica();
    }

    /** Adds a replica to an autoscaling pool below its maximum; -1 when it cannot grow. */
    private static int grow(Pool pool) {
        if (pool.size >= pool.max) {
            return -1;
        }
        pool.size++;
        return pool.firstIdleReplica();
    }

    private Placement take(Pool pool, int replica, ResourceRequest request, long cpu, long memory, boolean grown) {
        Usage used = pool.busy.computeIfAbsent(replica, r -> new Usage());
        used.milliCpus += cpu;
        used.mib += memory;
        used.accelerators += request.acceleratorCount();
        used.tasks++;
        return new Placement(Placement.Kind.PERSISTENT_RESOURCE, resourceName, pool.id, replica, request,
                "Ran on persistent resource " + resourceName + ", resource pool " + pool.id + ", replica " + replica
                        + (grown ? " (the pool scaled up to " + pool.size + " of at most " + pool.max + " replicas)" : ""));
    }

    /** Gives back what {@link #tryPlace} took; true when the pool may now shrink (after {@link #SCALE_DOWN_AFTER}). */
    boolean release(Placement placement, Instant now) {
        for (Pool pool : pools) {
            if (pool.id.equals(placement.poolId())) {
                Usage used = pool.busy.get(placement.replica());
                if (used == null) {
                    return false;
                }
                used.milliCpus -= milliCpus(placement.request().cpus());
                used.mib -= mib(placement.request().memoryGib());
                used.accelerators -= placement.request().acceleratorCount();
                if (--used.tasks == 0) {
                    pool.busy.remove(placement.replica());
                    pool.lastRelease = now;
                }
                return pool.size > pool.min;
            }
        }
        return false;
    }

    /**
     * Removes idle replicas above the minimum from pools that have had nothing released for
     * {@link #SCALE_DOWN_AFTER}; replicas are removed from the top, never under a running task.
     */
    void shrinkIdle(Instant now) {
        for (Pool pool : pools) {
            if (pool.size > pool.min && !now.isBefore(pool.lastRelease.plus(SCALE_DOWN_AFTER))) {
                int highestBusy = pool.busy.isEmpty() ? -1 : pool.busy.lastKey();
                pool.size = Math.max(pool.min, highestBusy + 1);
            }
        }
    }

    /** After a reboot: pools go back to their minimum, keeping the replicas that still run tasks. */
    void shrinkToMinimum() {
        for (Pool pool : pools) {
            int highestBusy = pool.busy.isEmpty() ? -1 : pool.busy.lastKey();
            pool.size = Math.max(pool.min, Math.min(pool.size, highestBusy + 1));
        }
    }

    /** Machines of the pool used by running tasks: PersistentResource's used_replica_count. */
    long usedReplicas(String poolId) {
        return pools.stream().filter(p -> p.id.equals(poolId)).mapToLong(p -> p.busy.size()).sum();
    }

    /** Replicas the pool has now (grown or shrunk), for tests and messages. */
    int size(String poolId) {
        return pools.stream().filter(p -> p.id.equals(poolId)).mapToInt(p -> p.size).findFirst().orElse(0);
    }

    /** Whether an idle resource could run the task at all (for the message when it cannot). */
    boolean couldEverFit(ResourceRequest request) {
        return pools.stream().anyMatch(p -> p.max > 0 && request.fitsOn(p.offer));
    }

    private static int clamp(long replicas) {
        return (int) Math.max(0, Math.min(Integer.MAX_VALUE, replicas));
    }

    private static long milliCpus(double cpus) {
        return (long) Math.ceil(cpus * 1000 - 1e-6);
    }

    private static long mib(double gib) {
        return (long) Math.ceil(gib * 1024 - 1e-6);
    }
}
