package io.jenkins.plugins.vertexai.core.resource;

/**
 * One resource pool of a persistent resource, as the user describes it. Every field is nullable: null means
 * "not given", which matters when a {@code --config} file and explicit values are merged.
 *
 * <p>{@code replicaCount} alone is a fixed size; {@code minReplicaCount}/{@code maxReplicaCount} autoscale, and
 * with both the replica count is the starting size within the bounds.
 */
public record ResourcePoolSpec(
        String id,
        String machineType,
        Long replicaCount,
        Long minReplicaCount,
        Long maxReplicaCount,
        String acceleratorType,
        Integer acceleratorCount,
        String diskType,
        Integer diskSizeGb) {

    public boolean autoscaling() {
        return minReplicaCount != null || maxReplicaCount != null;
    }

    public static Builder builder() {
        return new Builder();
    }

    public Builder toBuilder() {
        return new Builder().id(id).machineType(machineType).replicaCount(replicaCount)
                .minReplicaCount(minReplicaCount).maxReplicaCount(maxReplicaCount)
                .acceleratorType(acceleratorType).acceleratorCount(acceleratorCount)
                .diskType(diskType).diskSizeGb(diskSizeGb);
    }

    /** Mutable builder; {@link #build()} does not validate (see {@code PersistentResourceSpecValidator}). */
    public static final class Builder {
        private String id;
        private String machineType;
        private Long replicaCount;
        private Long minReplicaCount;
        private Long maxReplicaCount;
        private String acceleratorType;
        private Integer acceleratorCount;
        private String diskType;
        private Integer diskSizeGb;

        public Builder id(String v) { id = v; return this; }
        public Builder machineType(String v) { machineType = v; return this; }
        public Builder replicaCount(Long v) { replicaCount = v; return this; }
        public Builder minReplicaCount(Long v) { minReplicaCount = v; return this; }
        public Builder maxReplicaCount(Long v) { maxReplicaCount = v; return this; }
        public Builder acceleratorType(String v) { acceleratorType = v; return this; }
        public Builder acceleratorCount(Integer v) { acceleratorCount = v; return this; }
        public Builder diskType(String v) { diskType = v; return this; }
        public Builder diskSizeGb(Integer v) { diskSizeGb = v; return this; }

        public ResourcePoolSpec build() {
            return new ResourcePoolSpec(id, machineType, replicaCount, minReplicaCount, maxReplicaCount,
                    acceleratorType, acceleratorCount, diskType, diskSizeGb);
        }
    }
}
