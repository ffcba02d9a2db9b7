package io.jenkins.plugins.vertexai.emulator.catalog;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.cloud.aiplatform.v1.AcceleratorType;
import com.google.cloud.aiplatform.v1.MachineSpec;
import org.junit.jupiter.api.Test;

class MachineCatalogTest {
    private final MachineCatalog catalog = MachineCatalog.standard();

    @Test
    void knowsTheListedMachineTypes() {
        assertEquals(8 + 7 + 5 + 8 + 4 + 1, catalog.names().size());
        MachineType g2 = catalog.find("g2-standard-24").orElseThrow();
        assertEquals(24, g2.vcpus());
        assertEquals(AcceleratorType.NVIDIA_L4, g2.builtInAccelerator());
        assertEquals(2, g2.builtInAcceleratorCount());
        assertEquals(8, catalog.find("a3-highgpu-8g").orElseThrow().builtInAcceleratorCount());
        assertTrue(catalog.find("n1-foo").isEmpty());
    }

    @Test
    void givesPerReplicaCapacity() {
        assertEquals(new ReplicaCapacity(4, 15, null, 0), catalog.capacityOf(spec("n1-standard-4", AcceleratorType.ACCELERATOR_TYPE_UNSPECIFIED, 0)));
        assertEquals(new ReplicaCapacity(8, 30, "NVIDIA_TESLA_T4", 2), catalog.capacityOf(spec("n1-standard-8", AcceleratorType.NVIDIA_TESLA_T4, 2)));
        assertEquals(new ReplicaCapacity(48, 192, "NVIDIA_L4", 4), catalog.capacityOf(spec("g2-standard-48", AcceleratorType.ACCELERATOR_TYPE_UNSPECIFIED, 0)));
        assertEquals(new ReplicaCapacity(12, 85, "NVIDIA_A100_80GB", 1), catalog.capacityOf(spec("a2-highgpu-1g", AcceleratorType.NVIDIA_A100_80GB, 1)));
    }

    private static MachineSpec spec(String type, AcceleratorType accelerator, int count) {
        return MachineSpec.newBuilder().setMachineType(type).setAcceleratorType(accelerator).setAcceleratorCount(count).build();
    }
}
