package io.jenkins.plugins.vertexai.emulator.resource;

import com.google.cloud.aiplatform.v1.PersistentResource;
import com.google.cloud.aiplatform.v1.ResourcePool;
import io.jenkins.plugins.vertexai.emulator.catalog.MachineCatalog;
import io.jenkins.plugins.vertexai.emulator.catalog.ReplicaCapacity;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The steps provisioning goes through, each taking an equal share of the provisioning time, and so the progress
 * message the create operation shows at any instant. The "Starting workers i/N" steps are counted, not stored:
 * memory must not grow with a requested replica count.
 */
final class ProvisioningPlan {
    private final List<String> steps = new ArrayList<>();
    private final long workers;
    private final int allocationStep; // index of "Allocating accelerators", or -1
    private final Instant start;
    private final Duration total;

    ProvisioningPlan(PersistentResource resource, MachineCatalog catalog, Instant start, Duration total) {
        this.start = start;
        this.total = total;
        Map<String, Long> accelerators = new TreeMap<>();
        long workers = 0;
        for (ResourcePool pool : resource.getResourcePoolsList()) {
            long replicas = PoolSizes.initialReplicas(pool);
            workers = saturatedAdd(workers, replicas);
            steps.add("Creating resource pool " + pool.getId() + " (" + replicas + " × "
                    + pool.getMachineSpec().getMachineType() + ")");
            ReplicaCapacity capacity = catalog.capacityOf(pool.getMachineSpec());
            if (capacity.acceleratorCount() > 0) {
                accelerators.merge(capacity.acceleratorType(), saturatedMultiply(replicas, capacity.acceleratorCount()),
                        ProvisioningPlan::saturatedAdd);
            }
        }
        if (accelerators.isEmpty()) {
            allocationStep = -1;
        } else {
            allocationStep = steps.size();
            List<String> parts = new ArrayList<>();
            accelerators.forEach((type, count) -> parts.add(count + " × " + type));
            steps.add("Allocating accelerators (" + String.join(", ", parts) + ")");
        }
        this.workers = workers;
    }

    private long stepCount() {
        return saturatedAdd(steps.size(), workers);
    }

    private String step(long index) {
        return index < steps.size() ? steps.get((int) index) : "Starting workers " + (index - steps.size() + 1) + "/" + workers;
    }

    private static long saturatedAdd(long a, long b) {
        long r = a + b;
        return ((a ^ r) & (b ^ r)) < 0 ? Long.MAX_VALUE : r;
    }

    private static long saturatedMultiply(long a, long b) {
        long hi = Math.multiplyHigh(a, b);
        long lo = a * b;
        return (hi == 0 && lo >= 0) || (hi == -1 && lo < 0) ? lo : Long.MAX_VALUE;
    }

    /** When provisioning ends: after every step, or right after the allocation step for a stock-out. */
    Instant settleAt(boolean failsDuringAllocation) {
        if (failsDuringAllocation && allocationStep >= 0) {
            return stepStart(allocationStep + 1);
        }
        return start.plus(total);
    }

    /** The step under way at {@code at} (before the plan settles). */
    String messageAt(Instant at) {
        return step(stepIndex(at));
    }

    /** When the step under way at {@code at} began: the metadata's update time. */
    Instant stepStartAt(Instant at) {
        return stepStart(stepIndex(at));
    }

    private long stepIndex(Instant at) {
        long elapsed = Duration.between(start, at).toNanos();
        if (elapsed <= 0 || total.isZero()) {
            return 0;
        }
        long index = (long) ((double) elapsed / total.toNanos() * stepCount());
        return Math.min(index, stepCount() - 1);
    }

    private Instant stepStart(long index) {
        return start.plusNanos((long) ((double) total.toNanos() * index / stepCount()));
    }
}
