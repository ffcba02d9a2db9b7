package io.jenkins.plugins.vertexai.core.resource;

import com.google.cloud.aiplatform.v1.AcceleratorType;
import com.google.cloud.aiplatform.v1.DiskSpec;
import com.google.cloud.aiplatform.v1.EncryptionSpec;
import com.google.cloud.aiplatform.v1.MachineSpec;
import com.google.cloud.aiplatform.v1.PersistentResource;
import com.google.cloud.aiplatform.v1.ResourcePool;
import com.google.cloud.aiplatform.v1.ResourceRuntimeSpec;
import com.google.cloud.aiplatform.v1.ServiceAccountSpec;
import io.jenkins.plugins.vertexai.core.ValidationException;
import java.util.List;

/** Converts a {@link PersistentResourceSpec} to the v1 API message and compares it with an existing resource. */
public final class PersistentResourceProtos {
    /** gcloud's default when an accelerator type is given without a count. */
    static final int DEFAULT_ACCELERATOR_COUNT = 1;

    private PersistentResourceProtos() {
    }

    /**
     * The message for a create request. The name is left out (the request carries parent and id); the display
     * name defaults to the id; unset optional fields stay unset so that the server applies its defaults.
     * Expects a spec that passed {@link PersistentResourceSpecValidator}; an unknown accelerator still fails here
     * with a {@link ValidationException} rather than an enum error.
     */
    public static PersistentResource toProto(PersistentResourceSpec spec) {
        PersistentResource.Builder resource = PersistentResource.newBuilder().setDisplayName(displayName(spec));
        List<ResourcePoolSpec> pools = spec.resourcePools();
        for (int i = 0; i < pools.size(); i++) {
            resource.addResourcePools(pool("resourcePools[" + i + "]", pools.get(i)));
        }
        resource.putAllLabels(spec.labels());
        if (given(spec.network())) {
            resource.setNetwork(spec.network());
        }
        if (given(spec.kmsKeyName())) {
            resource.setEncryptionSpec(EncryptionSpec.newBuilder().setKmsKeyName(spec.kmsKeyName()));
        }
        ServiceAccountSpec.Builder account = ServiceAccountSpec.newBuilder()
                .setEnableCustomServiceAccount(spec.customServiceAccountEnabled());
        if (given(spec.serviceAccount())) {
            account.setServiceAccount(spec.serviceAccount());
        }
        resource.setResourceRuntimeSpec(ResourceRuntimeSpec.newBuilder().setServiceAccountSpec(account));
        resource.addAllReservedIpRanges(spec.reservedIpRanges());
        return resource.build();
    }

    /**
     * Human-readable differences between what {@code wanted} asks for and {@code existing}, such as
     * {@code resourcePools[0].replicaCount: wanted 2, found 1}; empty when the resource matches. Fields the
     * server fills or changes on its own (states, times, used replica counts, the replica count of an autoscaling
     * pool) and values the spec leaves to server defaults (disk type and size, display name) are not compared.
     * Wanted pools with an id are matched by id, the others by position.
     */
    public static List<String> drift(PersistentResourceSpec wanted, PersistentResource existing) {
        return new PersistentResourceDrift(wanted, existing).differences();
    }

    /** The display name to send: the given one, else the bare id. */
    static String displayName(PersistentResourceSpec spec) {
        if (given(spec.displayName())) {
            return spec.displayName();
        }
        String id = spec.persistentResourceId();
        if (id == null) {
            return "";
        }
        return PersistentResourceName.isFullName(id) ? PersistentResourceName.parse("persistentResourceId", id).id() : id;
    }

    static AcceleratorType acceleratorType(String field, ResourcePoolSpec pool) {
        if (pool.acceleratorType() == null) {
            return AcceleratorType.ACCELERATOR_TYPE_UNSPECIFIED;
        }
        return AcceleratorTypes.parse(pool.acceleratorType()).orElseThrow(() -> ValidationException.of(field,
                "'" + pool.acceleratorType() + "' is not an accelerator type; use one of "
                        + String.join(", ", AcceleratorTypes.names())));
    }

    /** The accelerator count the server will see: 0 without a type, gcloud's default 1 with a type but no count. */
    static int acceleratorCount(ResourcePoolSpec pool) {
        if (pool.acceleratorType() == null) {
            return 0;
        }
        return pool.acceleratorCount() == null ? DEFAULT_ACCELERATOR_COUNT : pool.acceleratorCount();
    }

    private static ResourcePool pool(String field, ResourcePoolSpec spec) {
        ResourcePool.Builder pool = ResourcePool.newBuilder();
        if (spec.id() != null) {
            pool.setId(spec.id());
        }
        MachineSpec.Builder machine = MachineSpec.newBuilder();
        if (spec.machineType() != null) {
            machine.setMachineType(spec.machineType());
        }
        if (spec.acceleratorType() != null) {
            machine.setAcceleratorType(acceleratorType(field + ".acceleratorType", spec))
                    .setAcceleratorCount(acceleratorCount(spec));
        }
        pool.setMachineSpec(machine);
        if (spec.replicaCount() != null) {
            pool.setReplicaCount(spec.replicaCount());
        }
        if (spec.autoscaling()) {
            ResourcePool.AutoscalingSpec.Builder autoscaling = ResourcePool.AutoscalingSpec.newBuilder();
            if (spec.minReplicaCount() != null) {
                autoscaling.setMinReplicaCount(spec.minReplicaCount());
            }
            if (spec.maxReplicaCount() != null) {
                autoscaling.setMaxReplicaCount(spec.maxReplicaCount());
            }
            pool.setAutoscalingSpec(autoscaling);
        }
        if (spec.diskType() != null || spec.diskSizeGb() != null) {
            DiskSpec.Builder disk = DiskSpec.newBuilder();
            if (spec.diskType() != null) {
                disk.setBootDiskType(spec.diskType());
            }
            if (spec.diskSizeGb() != null) {
                disk.setBootDiskSizeGb(spec.diskSizeGb());
            }
            pool.setDiskSpec(disk);
        }
        return pool.build();
    }

    static boolean given(String value) {
        return value != null && !value.isBlank();
    }
}
