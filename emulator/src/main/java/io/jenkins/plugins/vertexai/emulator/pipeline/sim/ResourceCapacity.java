package io.jenkins.plugins.vertexai.emulator.pipeline.sim;

import com.google.cloud.aiplatform.v1.PersistentResource;
import com.google.cloud.aiplatform.v1.ResourcePool;
import io.jenkins.plugins.vertexai.emulator.catalog.MachineCatalog;
import io.jenkins.plugins.vertexai.emulator.catalog.ReplicaCapacity;
import io.jenkins.plugins.vertexai.emulator.resource.PoolSizes;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The free capacity of one persistent resource: per replica of each pool, CPUs, memory and accelerators left. A task
 * goes to the first replica it fits on; tasks without accelerators try CPU-only pools first so GPUs stay free. Not
 * thread-safe: used under its {@link SimulationDomain}'s lock.
 */
final class ResourceCapacity {
    private final String resourceName;
    private final List<Pool> pools = new ArrayList<>();

    /** One pool's replicas, in milli-CPUs and MiB so that sums stay exact. */
    private static final class Pool {
        final String id;
        final ReplicaCapacity offer;
        final long[] freeMilliCpus;
        final long[] freeMib;
        final int[] freeAccelerators;

        Pool(String id, ReplicaCapacity offer, int replicas) {
            this.id = id;
            this.offer = offer;
            freeMilliCpus = new long[replicas];
            freeMib = new long[replicas];
            freeAccelerators = new int[replicas];
            for (int r = 0; r < replicas; r++) {
                freeMilliCpus[r] = milliCpus(offer.cpus());
                freeMib[r] = mib(offer.memoryGib());
                freeAccelerators[r] = offer.acceleratorCount();
            }
        }
    }

    ResourceCapacity(PersistentResource resource, MachineCatalog catalog) {
        this.resourceName = resource.getName();
        for (ResourcePool pool : resource.getResourcePoolsList()) {
            pools.add(new Pool(pool.getId(), catalog.capacityOf(pool.getMachineSpec()),
                    (int) Math.min(Integer.MAX_VALUE, PoolSizes.initialReplicas(pool))));
        }
    }

    String resourceName() {
        return resourceName;
    }

    /** Takes the capacity for {@code request} on the first replica with room, if any. */
    Optional<Placement> tryPlace(ResourceRequest request) {
        long cpu = milliCpus(request.cpus());
        long memory = mib(request.memoryGib());
        for (boolean acceleratedPools : request.needsAccelerators() ? new boolean[] {true} : new boolean[] {false, true}) {
            for (Pool pool : pools) {
                if ((pool.offer.acceleratorCount() > 0) != acceleratedPools || !request.acceleratorMatches(pool.offer)) {
                    continue;
                }
                for (int r = 0; r < pool.freeMilliCpus.length; r++) {
                    if (pool.freeMilliCpus[r] >= cpu && pool.freeMib[r] >= memory
                            && pool.freeAccelerators[r] >= request.acceleratorCount()) {
                        pool.freeMilliCpus[r] -= cpu;
                        pool.freeMib[r] -= memory;
                        pool.freeAccelerators[r] -= request.acceleratorCount();
                        return Optional.of(new Placement(Placement.Kind.PERSISTENT_RESOURCE, resourceName, pool.id, r,
                                request, "Ran on persistent resource " + resourceName + ", resource pool " + pool.id
                                + ", replica " + r));
                    }
                }
            }
        }
        return Optional.empty();
    }

    /** Gives back what {@link #tryPlace} took. */
    void release(Placement placement) {
        for (Pool pool : pools) {
            if (pool.id.equals(placement.poolId())) {
                int r = placement.replica();
                pool.freeMilliCpus[r] += milliCpus(placement.request().cpus());
                pool.freeMib[r] += mib(placement.request().memoryGib());
                pool.freeAccelerators[r] += placement.request().acceleratorCount();
                return;
            }
        }
    }

    /** Whether an idle resource could run the task at all (for the message when it cannot). */
    boolean couldEverFit(ResourceRequest request) {
        return pools.stream().anyMatch(p -> p.freeMilliCpus.length > 0 && request.fitsOn(p.offer));
    }

    private static long milliCpus(double cpus) {
        return (long) Math.ceil(cpus * 1000 - 1e-6);
    }

    private static long mib(double gib) {
        return (long) Math.ceil(gib * 1024 - 1e-6);
    }
}
