package io.jenkins.plugins.vertexai.emulator.pipeline;

import com.google.cloud.aiplatform.v1beta1.DeleteOperationMetadata;
import com.google.cloud.aiplatform.v1beta1.GenericOperationMetadata;
import com.google.longrunning.Operation;
import com.google.protobuf.Empty;
import io.jenkins.plugins.vertexai.emulator.grpc.Timestamps;
import io.jenkins.plugins.vertexai.emulator.operation.OperationResults;
import io.jenkins.plugins.vertexai.emulator.operation.SimulatedOperation;
import java.time.Instant;
import java.util.Optional;

/** DeletePipelineJob's operation: a finished job's record goes at once, so it is done when returned. */
final class DeletePipelineJobOperation implements SimulatedOperation {
    private final String name;
    private final Instant doneAt;
    private final Operation done;

    DeletePipelineJobOperation(String name, Instant at) {
        this.name = name;
        DeleteOperationMetadata metadata = DeleteOperationMetadata.newBuilder()
                .setGenericMetadata(GenericOperationMetadata.newBuilder()
                        .setCreateTime(Timestamps.of(at)).setUpdateTime(Timestamps.of(at)))
                .build();
        this.done = OperationResults.succeeded(name, metadata, Empty.getDefaultInstance());
        this.doneAt = at;
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public Operation snapshot(Instant now) {
        return done;
    }

    @Override
    public Optional<Instant> doneAt() {
        return Optional.of(doneAt);
    }
}
