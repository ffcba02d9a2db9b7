package io.jenkins.plugins.vertexai.emulator.resource;

import com.google.cloud.aiplatform.v1.CreatePersistentResourceOperationMetadata;
import com.google.cloud.aiplatform.v1.GenericOperationMetadata;
import com.google.longrunning.Operation;
import io.grpc.Status;
import io.jenkins.plugins.vertexai.emulator.grpc.RpcErrors;
import io.jenkins.plugins.vertexai.emulator.grpc.Timestamps;
import io.jenkins.plugins.vertexai.emulator.operation.OperationResults;
import io.jenkins.plugins.vertexai.emulator.operation.SimulatedOperation;
import io.grpc.StatusRuntimeException;
import java.time.Instant;
import java.util.Optional;

/**
 * CreatePersistentResource's operation: shows the provisioning step under way, then ends with the RUNNING resource
 * or the provisioning error. Cancelling it deletes the resource.
 */
final class CreateResourceOperation implements SimulatedOperation {
    private final String name;
    private final SimulatedResource resource;
    private Instant cancelledAt; // guarded by this

    CreateResourceOperation(String name, SimulatedResource resource) {
        this.name = name;
        this.resource = resource;
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public synchronized Optional<Instant> doneAt() {
        Instant done = resource.settleAt();
        Optional<Instant> deleted = resource.deleteStart();
        if (deleted.isPresent() && deleted.get().isBefore(done)) {
            done = deleted.get();
        }
        return Optional.of(done);
    }

    @Override
    public synchronized Operation snapshot(Instant now) {
        Instant done = doneAt().orElseThrow();
        if (now.isBefore(done)) {
            return OperationResults.running(name, metadata(resource.provisioningProgressAt(now),
                    resource.provisioningStepStartAt(now)));
        }
        if (done.isBefore(resource.settleAt())) {
            String why = cancelledAt != null
                    ? "Operation cancelled; the persistent resource is being deleted"
                    : "PersistentResource " + resource.name() + " was deleted before provisioning finished";
            Status.Code code = cancelledAt != null ? Status.Code.CANCELLED : Status.Code.ABORTED;
            return OperationResults.failed(name, metadata(why, done), RpcErrors.status(code, why));
        }
        Optional<com.google.rpc.Status> error = resource.provisioningError();
        if (error.isPresent()) {
            return OperationResults.failed(name, metadata("Provisioning failed: " + error.get().getMessage(), done),
                    error.get());
        }
        return OperationResults.succeeded(name, metadata("Persistent resource is running", done),
                resource.snapshot(done));
    }

    @Override
    public synchronized void cancel(Instant now) {
        if (!now.isBefore(doneAt().orElseThrow())) {
            return; // already done: nothing to cancel
        }
        try {
            resource.startDelete(now);
            cancelledAt = now;
        } catch (StatusRuntimeException alreadyDeleting) {
            // the deletion under way ends this operation anyway
        }
    }

    private CreatePersistentResourceOperationMetadata metadata(String progress, Instant updated) {
        return CreatePersistentResourceOperationMetadata.newBuilder()
                .setGenericMetadata(GenericOperationMetadata.newBuilder()
                        .setCreateTime(Timestamps.of(resource.createTime()))
                        .setUpdateTime(Timestamps.of(updated)))
                .setProgressMessage(progress)
                .build();
    }
}
