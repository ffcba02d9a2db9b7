package io.jenkins.plugins.vertexai.emulator.resource;

import java.time.Instant;

/** How many machines of a resource pool running tasks use at an instant: the pipeline simulation knows. */
@FunctionalInterface
public interface ReplicaUsage {
    long usedReplicas(String poolId, Instant at);
}
