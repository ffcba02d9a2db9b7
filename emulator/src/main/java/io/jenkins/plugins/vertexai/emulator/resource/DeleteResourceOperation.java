package io.jenkins.plugins.vertexai.emulator.resource;

import com.google.cloud.aiplatform.v1.DeleteOperationMetadata;
import com.google.cloud.aiplatform.v1.GenericOperationMetadata;
import com.google.longrunning.Operation;
import com.google.protobuf.Empty;
import io.jenkins.plugins.vertexai.emulator.grpc.Timestamps;
import io.jenkins.plugins.vertexai.emulator.operation.OperationResults;
import io.jenkins.plugins.vertexai.emulator.operation.SimulatedOperation;
import java.time.Instant;
import java.util.Optional;

/** DeletePersistentResource's operation: done (with Empty) once the resource is gone. */
final class DeleteResourceOperation implements SimulatedOperation {
    private final String name;
    private final Instant start;
    private final Instant goneAt;

    DeleteResourceOperation(String name, Instant start, Instant goneAt) {
        this.name = name;
        this.start = start;
        this.goneAt = goneAt;
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public Optional<Instant> doneAt() {
        return Optional.of(goneAt);
    }

    @Override
    public Operation snapshot(Instant now) {
        boolean done = !now.isBefore(goneAt);
        DeleteOperationMetadata metadata = DeleteOperationMetadata.newBuilder()
                .setGenericMetadata(GenericOperationMetadata.newBuilder()
                        .setCreateTime(Timestamps.of(start))
                        .setUpdateTime(Timestamps.of(done ? goneAt : start)))
                .build();
        return done ? OperationResults.succeeded(name, metadata, Empty.getDefaultInstance())
                : OperationResults.running(name, metadata);
    }
}
