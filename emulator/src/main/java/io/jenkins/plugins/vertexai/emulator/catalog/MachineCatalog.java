package io.jenkins.plugins.vertexai.emulator.catalog;

import static com.google.cloud.aiplatform.v1.AcceleratorType.ACCELERATOR_TYPE_UNSPECIFIED;
import static com.google.cloud.aiplatform.v1.AcceleratorType.NVIDIA_A100_80GB;
import static com.google.cloud.aiplatform.v1.AcceleratorType.NVIDIA_H100_80GB;
import static com.google.cloud.aiplatform.v1.AcceleratorType.NVIDIA_L4;
import static com.google.cloud.aiplatform.v1.AcceleratorType.NVIDIA_TESLA_A100;
import static com.google.cloud.aiplatform.v1.AcceleratorType.NVIDIA_TESLA_K80;
import static com.google.cloud.aiplatform.v1.AcceleratorType.NVIDIA_TESLA_P100;
import static com.google.cloud.aiplatform.v1.AcceleratorType.NVIDIA_TESLA_P4;
import static com.google.cloud.aiplatform.v1.AcceleratorType.NVIDIA_TESLA_T4;
import static com.google.cloud.aiplatform.v1.AcceleratorType.NVIDIA_TESLA_V100;

import com.google.cloud.aiplatform.v1.AcceleratorType;
import com.google.cloud.aiplatform.v1.MachineSpec;
import java.util.Collections;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The machine types the emulator accepts for resource pools, and which accelerators each family takes. It also turns
 * a pool's machine spec into per-replica capacity for placing pipeline tasks.
 */
public final class MachineCatalog {
    private static final MachineCatalog STANDARD = new MachineCatalog();

    private final Map<String, MachineType> types = new LinkedHashMap<>();
    private final Map<String, Set<AcceleratorType>> acceleratorsByFamily = new LinkedHashMap<>();

    @SuppressWarnings("deprecation") // NVIDIA_TESLA_K80 is deprecated but still accepted by the service
    private MachineCatalog() {
        for (int cpus : new int[] {1, 2, 4, 8, 16, 32, 64, 96}) {
            add("n1-standard-" + cpus, cpus, 3.75 * cpus, ACCELERATOR_TYPE_UNSPECIFIED, 0);
        }
        for (int cpus : new int[] {2, 4, 8, 16, 32, 64, 96}) {
            add("n1-highmem-" + cpus, cpus, 6.5 * cpus, ACCELERATOR_TYPE_UNSPECIFIED, 0);
        }
        for (int cpus : new int[] {2, 4, 8, 16, 32}) {
            add("e2-standard-" + cpus, cpus, 4.0 * cpus, ACCELERATOR_TYPE_UNSPECIFIED, 0);
        }
        int[] g2Cpus = {4, 8, 12, 16, 24, 32, 48, 96};
        int[] g2Gpus = {1, 1, 1, 1, 2, 4, 4, 8};
        for (int i = 0; i < g2Cpus.length; i++) {
            add("g2-standard-" + g2Cpus[i], g2Cpus[i], 4.0 * g2Cpus[i], NVIDIA_L4, g2Gpus[i]);
        }
        for (int gpus : new int[] {1, 2, 4, 8}) {
            add("a2-highgpu-" + gpus + "g", 12 * gpus, 85.0 * gpus, NVIDIA_TESLA_A100, gpus);
        }
        add("a3-highgpu-8g", 208, 1872, NVIDIA_H100_80GB, 8);

        acceleratorsByFamily.put("n1", EnumSet.of(NVIDIA_TESLA_T4, NVIDIA_TESLA_V100, NVIDIA_TESLA_P100, NVIDIA_TESLA_P4,
                NVIDIA_TESLA_K80));
        acceleratorsByFamily.put("e2", EnumSet.noneOf(AcceleratorType.class));
        acceleratorsByFamily.put("g2", EnumSet.of(NVIDIA_L4));
        acceleratorsByFamily.put("a2", EnumSet.of(NVIDIA_TESLA_A100, NVIDIA_A100_80GB));
        acceleratorsByFamily.put("a3", EnumSet.of(NVIDIA_H100_80GB));
    }

    public static MachineCatalog standard() {
        return STANDARD;
    }

    public Optional<MachineType> find(String machineType) {
        return Optional.ofNullable(types.get(machineType));
    }

    /** Every known machine type name, in catalog order. */
    public Set<String> names() {
        return Collections.unmodifiableSet(types.keySet());
    }

    /** The accelerator types a family accepts (empty for CPU-only families). */
    public Set<AcceleratorType> acceleratorsFor(MachineType type) {
        return Collections.unmodifiableSet(acceleratorsByFamily.getOrDefault(type.family(), Set.of()));
    }

    /**
     * What one replica of a pool with this (valid) machine spec offers: the catalog's vCPUs and memory, and the
     * spec's accelerators, or the built-in ones when the spec names none.
     */
    public ReplicaCapacity capacityOf(MachineSpec spec) {
        MachineType type = find(spec.getMachineType())
                .orElseThrow(() -> new IllegalArgumentException("unknown machine type " + spec.getMachineType()));
        AcceleratorType accelerator = spec.getAcceleratorType() != ACCELERATOR_TYPE_UNSPECIFIED
                ? spec.getAcceleratorType() : type.builtInAccelerator();
        int count = spec.getAcceleratorCount() > 0 ? spec.getAcceleratorCount() : type.builtInAcceleratorCount();
        boolean none = accelerator == ACCELERATOR_TYPE_UNSPECIFIED || count == 0;
        return new ReplicaCapacity(type.vcpus(), type.memoryGib(), none ? null : accelerator.name(), none ? 0 : count);
    }

    private void add(String name, int vcpus, double memoryGib, AcceleratorType accelerator, int count) {
        types.put(name, new MachineType(name, name.substring(0, name.indexOf('-')), vcpus, memoryGib, accelerator, count));
    }
}
