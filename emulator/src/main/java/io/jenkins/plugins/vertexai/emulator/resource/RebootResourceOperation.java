package io.jenkins.plugins.vertexai.emulator.resource;

import com.google.cloud.aiplatform.v1.GenericOperationMetadata;
import com.google.cloud.aiplatform.v1.RebootPersistentResourceOperationMetadata;
import com.google.longrunning.Operation;
import io.jenkins.plugins.vertexai.emulator.grpc.Timestamps;
import io.jenkins.plugins.vertexai.emulator.operation.OperationResults;
import io.jenkins.plugins.vertexai.emulator.operation.SimulatedOperation;
import java.time.Instant;
import java.util.Optional;

/** RebootPersistentResource's operation: done with the resource when the reboot ends. */
final class RebootResourceOperation implements SimulatedOperation {
    private final String name;
    private final SimulatedResource resource;
    private final SimulatedResource.Reboot reboot;

    RebootResourceOperation(String name, SimulatedResource resource, SimulatedResource.Reboot reboot) {
        this.name = name;
        this.resource = resource;
        this.reboot = reboot;
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public Optional<Instant> doneAt() {
        return Optional.of(reboot.end());
    }

    @Override
    public Operation snapshot(Instant now) {
        if (now.isBefore(reboot.end())) {
            return OperationResults.running(name, metadata(SimulatedResource.rebootProgress(reboot, now), now));
        }
        return OperationResults.succeeded(name, metadata("Reboot finished", reboot.end()), resource.snapshot(reboot.end()));
    }

    private RebootPersistentResourceOperationMetadata metadata(String progress, Instant updated) {
        return RebootPersistentResourceOperationMetadata.newBuilder()
                .setGenericMetadata(GenericOperationMetadata.newBuilder()
                        .setCreateTime(Timestamps.of(reboot.start()))
                        .setUpdateTime(Timestamps.of(updated)))
                .setProgressMessage(progress)
                .build();
    }
}
