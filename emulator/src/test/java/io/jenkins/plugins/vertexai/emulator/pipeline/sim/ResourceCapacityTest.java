package io.jenkins.plugins.vertexai.emulator.pipeline.sim;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.cloud.aiplatform.v1.MachineSpec;
import com.google.cloud.aiplatform.v1.PersistentResource;
import com.google.cloud.aiplatform.v1.ResourcePool;
import io.jenkins.plugins.vertexai.emulator.catalog.MachineCatalog;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The pool bookkeeping behind autoscaling: growth, shrinking after the idle delay, and what a reboot resets. */
class ResourceCapacityTest {
    private static final ResourceRequest WHOLE_MACHINE = new ResourceRequest(4, 8, null, 0);
    private static final Instant T0 = Instant.parse("2030-01-01T00:00:00Z");

    private static ResourceCapacity capacity(long min, long max) {
        ResourcePool pool = ResourcePool.newBuilder().setId("workers")
                .setMachineSpec(MachineSpec.newBuilder().setMachineType("n1-standard-4")).setReplicaCount(min)
                .setAutoscalingSpec(ResourcePool.AutoscalingSpec.newBuilder().setMinReplicaCount(min).setMaxReplicaCount(max)).build();
        return new ResourceCapacity(PersistentResource.newBuilder().setName("r").addResourcePools(pool).build(), MachineCatalog.standard());
    }

    private static List<Placement> place(ResourceCapacity c, int tasks) {
        List<Placement> placed = new ArrayList<>();
        for (int i = 0; i < tasks; i++) {
            placed.add(c.tryPlace(WHOLE_MACHINE).orElseThrow());
        }
        return placed;
    }

    @Test
    void growsUpToTheMaximumThenRefuses() {
        ResourceCapacity c = capacity(1, 3);
        List<Placement> placed = place(c, 3);
        assertEquals(List.of(0, 1, 2), placed.stream().map(Placement::replica).toList());
        assertEquals(3, c.size("workers"));
        assertTrue(c.tryPlace(WHOLE_MACHINE).isEmpty());
        assertTrue(placed.get(2).message().contains("scaled up to 3 of at most 3 replicas"), placed.get(2).message());
    }

    @Test
    void shrinksToTheMinimumOnlyAfterTheIdleDelay() {
        ResourceCapacity c = capacity(1, 3);
        List<Placement> placed = place(c, 3);
        placed.forEach(p -> assertTrue(c.release(p, T0)));
        assertEquals(0, c.usedReplicas("workers"));
        c.shrinkIdle(T0.plus(ResourceCapacity.SCALE_DOWN_AFTER).minusSeconds(1));
        assertEquals(3, c.size("workers"), "still within the idle delay");
        c.shrinkIdle(T0.plus(ResourceCapacity.SCALE_DOWN_AFTER));
        assertEquals(1, c.size("workers"));
    }

    @Test
    void neverShrinksUnderARunningTask() {
        ResourceCapacity c = capacity(1, 3);
        List<Placement> placed = place(c, 3);
        c.release(placed.get(0), T0);
        c.release(placed.get(1), T0);
        c.shrinkIdle(T0.plus(ResourceCapacity.SCALE_DOWN_AFTER));
        assertEquals(3, c.size("workers"), "replica 2 still runs a task");
        assertEquals(1, c.usedReplicas("workers"));
        c.release(placed.get(2), T0.plusSeconds(60));
        c.shrinkIdle(T0.plus(ResourceCapacity.SCALE_DOWN_AFTER).plusSeconds(60));
        assertEquals(1, c.size("workers"));
    }

    @Test
    void aRebootGoesBackToTheMinimum() {
        ResourceCapacity c = capacity(2, 5);
        place(c, 4).forEach(p -> c.release(p, T0));
        assertEquals(4, c.size("workers"));
        c.shrinkToMinimum();
        assertEquals(2, c.size("workers"));
    }
}
