package io.jenkins.plugins.vertexai.emulator.catalog;

import com.google.cloud.aiplatform.v1.AcceleratorType;

/**
 * One Compute Engine machine type: its family (the name's prefix, e.g. {@code n1}), vCPUs, memory and the GPUs
 * built into it ({@link AcceleratorType#ACCELERATOR_TYPE_UNSPECIFIED} and 0 when GPUs are attached separately).
 */
public record MachineType(String name, String family, int vcpus, double memoryGib,
                          AcceleratorType builtInAccelerator, int builtInAcceleratorCount) {

    public boolean hasBuiltInAccelerators() {
        return builtInAcceleratorCount > 0;
    }
}
