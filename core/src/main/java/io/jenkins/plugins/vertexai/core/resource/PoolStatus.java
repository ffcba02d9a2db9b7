package io.jenkins.plugins.vertexai.core.resource;

import com.google.cloud.aiplatform.v1.ResourcePool;
import io.jenkins.plugins.vertexai.core.PlainMap;
import java.util.Map;

/** A resource pool as the server reports it, including how many replicas are in use. */
public record PoolStatus(String id, String machineType, String acceleratorType, int acceleratorCount,
                         long replicaCount, long usedReplicaCount, Long minReplicaCount, Long maxReplicaCount) {

    static PoolStatus of(ResourcePool p) {
        boolean gpu = p.getMachineSpec().getAcceleratorCount() > 0;
        return new PoolStatus(p.getId(), p.getMachineSpec().getMachineType(),
                gpu ? p.getMachineSpec().getAcceleratorType().name() : null, p.getMachineSpec().getAcceleratorCount(),
                p.getReplicaCount(), p.getUsedReplicaCount(),
                p.hasAutoscalingSpec() ? p.getAutoscalingSpec().getMinReplicaCount() : null,
                p.hasAutoscalingSpec() ? p.getAutoscalingSpec().getMaxReplicaCount() : null);
    }

    /** e.g. {@code pool-0: 2 × n1-standard-4 + 1 × NVIDIA_TESLA_T4, 2 in use (autoscaling 1..4)}. */
    public String describe() {
        StringBuilder s = new StringBuilder().append(id).append(": ").append(replicaCount).append(" × ").append(machineType);
        if (acceleratorType != null) {
            s.append(" + ").append(acceleratorCount).append(" × ").append(acceleratorType);
        }
        s.append(", ").append(usedReplicaCount).append(" in use");
        if (minReplicaCount != null) {
            s.append(" (autoscaling ").append(minReplicaCount).append("..").append(maxReplicaCount).append(')');
        }
        return s.toString();
    }

    public Map<String, Object> toMap() {
        boolean gpu = acceleratorType != null;
        return new PlainMap().put("id", id).put("machineType", machineType).put("acceleratorType", acceleratorType)
                .put("acceleratorCount", gpu ? acceleratorCount : null).put("replicaCount", replicaCount)
                .put("usedReplicaCount", usedReplicaCount).put("minReplicaCount", minReplicaCount)
                .put("maxReplicaCount", minReplicaCount == null ? null : maxReplicaCount).build();
    }
}
