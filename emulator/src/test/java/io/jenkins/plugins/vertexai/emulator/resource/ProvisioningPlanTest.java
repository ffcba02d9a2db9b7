package io.jenkins.plugins.vertexai.emulator.resource;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.google.cloud.aiplatform.v1.MachineSpec;
import com.google.cloud.aiplatform.v1.PersistentResource;
import com.google.cloud.aiplatform.v1.ResourcePool;
import io.jenkins.plugins.vertexai.emulator.catalog.MachineCatalog;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

/** The worker steps are counted, not stored: a huge replica count costs no memory (issue 10). */
class ProvisioningPlanTest {
    @Test
    void aHugeReplicaCountIsCountedNotListed() {
        long replicas = 99_999_999_999_999L; // one string per worker would need petabytes
        PersistentResource r = PersistentResource.newBuilder().addResourcePools(ResourcePool.newBuilder().setId("p")
                .setReplicaCount(replicas).setMachineSpec(MachineSpec.newBuilder().setMachineType("n1-standard-4"))).build();
        Instant start = Instant.parse("2026-01-01T00:00:00Z");
        ProvisioningPlan plan = new ProvisioningPlan(r, MachineCatalog.standard(), start, Duration.ofMinutes(10));
        assertEquals("Creating resource pool p (" + replicas + " × n1-standard-4)", plan.messageAt(start));
        assertEquals("Starting workers " + replicas + "/" + replicas, plan.messageAt(start.plus(Duration.ofMinutes(10))));
        String middle = plan.messageAt(start.plus(Duration.ofMinutes(5)));
        assertEquals(true, middle.startsWith("Starting workers ") && middle.endsWith("/" + replicas), middle);
    }
}
