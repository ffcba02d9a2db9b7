package io.jenkins.plugins.vertexai.emulator;

import io.jenkins.plugins.vertexai.emulator.fault.FaultKind;
import java.util.Map;

/**
 * A snapshot of what the emulator has seen.
 *
 * @param rpcCounts                  calls received per gRPC full method name (e.g.
 *                                   {@code google.cloud.aiplatform.v1.PersistentResourceService/GetPersistentResource}),
 *                                   faulted calls included
 * @param faultsInjected             faults injected per method and kind
 * @param persistentResourcesCreated persistent resources ever created (accepted CreatePersistentResource calls)
 * @param pipelineJobsCreated        pipeline jobs ever created (accepted CreatePipelineJob calls)
 */
public record EmulatorStats(Map<String, Long> rpcCounts, Map<String, Map<FaultKind, Long>> faultsInjected,
                            long persistentResourcesCreated, long pipelineJobsCreated) {

    public EmulatorStats {
        rpcCounts = Map.copyOf(rpcCounts);
        faultsInjected = Map.copyOf(faultsInjected);
    }

    /** Calls received for one full method name. */
    public long rpcCount(String fullMethodName) {
        return rpcCounts.getOrDefault(fullMethodName, 0L);
    }

    /** Calls received in total. */
    public long totalRpcs() {
        return rpcCounts.values().stream().mapToLong(Long::longValue).sum();
    }

    /** Faults injected in total. */
    public long totalFaults() {
        return faultsInjected.values().stream().flatMap(m -> m.values().stream()).mapToLong(Long::longValue).sum();
    }

    /** Faults of one kind injected, over all methods. */
    public long faults(FaultKind kind) {
        return faultsInjected.values().stream().mapToLong(m -> m.getOrDefault(kind, 0L)).sum();
    }

    /** Faults injected into one method. */
    public long faults(String fullMethodName) {
        return faultsInjected.getOrDefault(fullMethodName, Map.of()).values().stream().mapToLong(Long::longValue).sum();
    }
}
