package io.jenkins.plugins.vertexai.emulator.resource;

import com.google.cloud.aiplatform.v1.ResourcePool;

/** Replica counts of a (validated) resource pool. */
public final class PoolSizes {
    private PoolSizes() {
    }

    /** Replicas started at provisioning: replica_count, or the autoscaling minimum without one. */
    public static long initialReplicas(ResourcePool pool) {
        if (pool.hasReplicaCount() && pool.getReplicaCount() > 0) {
            return pool.getReplicaCount();
        }
        return pool.hasAutoscalingSpec() ? pool.getAutoscalingSpec().getMinReplicaCount() : 1;
    }

    /** Replicas the pool can have: the autoscaling maximum, or its fixed size. */
    public static long maxReplicas(ResourcePool pool) {
        return pool.hasAutoscalingSpec() ? pool.getAutoscalingSpec().getMaxReplicaCount() : initialReplicas(pool);
    }
}
