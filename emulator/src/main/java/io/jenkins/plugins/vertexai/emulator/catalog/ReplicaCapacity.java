package io.jenkins.plugins.vertexai.emulator.catalog;

/**
 * What one replica (machine) of a resource pool offers to the tasks placed on it. {@code acceleratorType} is the
 * {@code AcceleratorType} enum name, or null without accelerators.
 */
public record ReplicaCapacity(double cpus, double memoryGib, String acceleratorType, int acceleratorCount) {

    @Override
    public String toString() {
        return cpus + " vCPU, " + memoryGib + " GiB" + (acceleratorCount > 0 ? ", " + acceleratorCount + " × " + acceleratorType : "");
    }
}
