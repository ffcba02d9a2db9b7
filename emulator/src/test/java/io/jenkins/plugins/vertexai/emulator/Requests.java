package io.jenkins.plugins.vertexai.emulator;

import com.google.cloud.aiplatform.v1.AcceleratorType;
import com.google.cloud.aiplatform.v1.CreatePersistentResourceRequest;
import com.google.cloud.aiplatform.v1.MachineSpec;
import com.google.cloud.aiplatform.v1.PersistentResource;
import com.google.cloud.aiplatform.v1.ResourcePool;
import com.google.cloud.aiplatform.v1.ResourceRuntimeSpec;
import com.google.cloud.aiplatform.v1.ServiceAccountSpec;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import org.junit.jupiter.api.function.Executable;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

/** Request builders and assertions shared by the tests. */
final class Requests {
    private Requests() {
    }

    static ResourcePool pool(String machineType, long replicas) {
        return ResourcePool.newBuilder()
                .setMachineSpec(MachineSpec.newBuilder().setMachineType(machineType))
                .setReplicaCount(replicas)
                .build();
    }

    static ResourcePool gpuPool(String machineType, long replicas, AcceleratorType type, int count) {
        return ResourcePool.newBuilder()
                .setMachineSpec(MachineSpec.newBuilder().setMachineType(machineType).setAcceleratorType(type)
                        .setAcceleratorCount(count))
                .setReplicaCount(replicas)
                .build();
    }

    static PersistentResource resource(ResourcePool... pools) {
        return PersistentResource.newBuilder()
                .addAllResourcePools(java.util.List.of(pools))
                .setResourceRuntimeSpec(ResourceRuntimeSpec.newBuilder()
                        .setServiceAccountSpec(ServiceAccountSpec.newBuilder().setEnableCustomServiceAccount(true)))
                .build();
    }

    static CreatePersistentResourceRequest create(String id, PersistentResource resource) {
        return CreatePersistentResourceRequest.newBuilder()
                .setParent(Loopback.PARENT)
                .setPersistentResourceId(id)
                .setPersistentResource(resource)
                .build();
    }

    static CreatePersistentResourceRequest create(String id) {
        return create(id, resource(pool("n1-standard-4", 2)));
    }

    static String resourceName(String id) {
        return Loopback.PARENT + "/persistentResources/" + id;
    }

    /** Asserts the call fails with {@code code}; returns the description. */
    static String assertStatus(Status.Code code, Executable call) {
        StatusRuntimeException e = assertThrows(StatusRuntimeException.class, call);
        assertEquals(code, e.getStatus().getCode(), () -> "status was " + e.getStatus());
        return e.getStatus().getDescription();
    }
}
