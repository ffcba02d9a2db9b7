package io.jenkins.plugins.vertexai.emulator.pipeline.sim;

import io.jenkins.plugins.vertexai.emulator.catalog.ReplicaCapacity;

/**
 * What one task needs on one machine. {@code acceleratorType} is an {@code AcceleratorType} name,
 * {@link #ANY_NVIDIA_GPU} for KFP's generic {@code nvidia.com/gpu}, or null without accelerators.
 */
public record ResourceRequest(double cpus, double memoryGib, String acceleratorType, int acceleratorCount) {
    public static final String ANY_NVIDIA_GPU = "nvidia.com/gpu";
    /** What a task gets when its executor asks for nothing (or for placeholders that cannot be resolved). */
    public static final ResourceRequest DEFAULT = new ResourceRequest(1, 4, null, 0);

    public boolean needsAccelerators() {
        return acceleratorCount > 0;
    }

    /** Whether a machine offering {@code offer} has the right kind of accelerator (amounts aside). */
    public boolean acceleratorMatches(ReplicaCapacity offer) {
        if (!needsAccelerators()) {
            return true;
        }
        if (offer.acceleratorType() == null) {
            return false;
        }
        return ANY_NVIDIA_GPU.equals(acceleratorType) ? offer.acceleratorType().startsWith("NVIDIA_")
                : acceleratorType.equals(offer.acceleratorType());
    }

    /** Whether an empty machine offering {@code offer} could run this task at all. */
    public boolean fitsOn(ReplicaCapacity offer) {
        return acceleratorMatches(offer) && cpus <= offer.cpus() && memoryGib <= offer.memoryGib()
                && acceleratorCount <= offer.acceleratorCount();
    }

    @Override
    public String toString() {
        return trim(cpus) + " vCPU, " + trim(memoryGib) + " GiB"
                + (needsAccelerators() ? ", " + acceleratorCount + " × " + acceleratorType : "");
    }

    private static String trim(double d) {
        return d == Math.rint(d) ? String.valueOf((long) d) : String.valueOf(Math.round(d * 100) / 100.0);
    }
}
