package io.jenkins.plugins.vertexai.emulator.resource;

import com.google.cloud.aiplatform.v1.AcceleratorType;
import com.google.cloud.aiplatform.v1.CreatePersistentResourceRequest;
import com.google.cloud.aiplatform.v1.MachineSpec;
import com.google.cloud.aiplatform.v1.PersistentResource;
import com.google.cloud.aiplatform.v1.ResourcePool;
import com.google.cloud.aiplatform.v1.ServiceAccountSpec;
import io.jenkins.plugins.vertexai.emulator.catalog.MachineCatalog;
import io.jenkins.plugins.vertexai.emulator.catalog.MachineType;
import io.jenkins.plugins.vertexai.emulator.grpc.FieldViolations;
import io.jenkins.plugins.vertexai.emulator.grpc.LabelRules;
import io.jenkins.plugins.vertexai.emulator.grpc.LocationName;
import java.util.HashSet;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/** Checks a CreatePersistentResourceRequest the way the service does, reporting every bad field at once. */
final class PersistentResourceValidator {
    static final Pattern ID = Pattern.compile("^[a-z]([a-z0-9-]{0,61}[a-z0-9])?$");
    static final long MAX_REPLICAS = 1000;
    private static final int MAX_DISPLAY_NAME = 128;
    /** DiskSpec.boot_disk_type: "Valid values: pd-ssd, pd-standard or hyperdisk-balanced" (v1 and v1beta1 protos). */
    static final Set<String> DISK_TYPES = Set.of("pd-ssd", "pd-standard", "hyperdisk-balanced");

    private final MachineCatalog catalog;

    PersistentResourceValidator(MachineCatalog catalog) {
        this.catalog = catalog;
    }

    /** Throws INVALID_ARGUMENT naming every bad field. */
    void validate(CreatePersistentResourceRequest request) {
        FieldViolations v = new FieldViolations();
        try {
            LocationName.parse("parent", request.getParent());
        } catch (RuntimeException e) {
            v.add("parent", "'" + request.getParent() + "' is not of the form projects/{project}/locations/{location}");
        }
        String id = request.getPersistentResourceId();
        if (id.isEmpty()) {
            v.add("persistent_resource_id", "required");
        } else if (!ID.matcher(id).matches()) {
            v.add("persistent_resource_id", "'" + id + "' must be 1 to 63 characters: lowercase letters, digits and"
                    + " '-', starting with a letter and not ending with '-' (" + ID.pattern() + ")");
        }
        if (!request.hasPersistentResource()) {
            v.add("persistent_resource", "required");
            v.throwIfAny();
        }
        PersistentResource resource = request.getPersistentResource();
        if (resource.getDisplayName().length() > MAX_DISPLAY_NAME) {
            v.add("persistent_resource.display_name", "at most " + MAX_DISPLAY_NAME + " characters");
        }
        if (resource.getResourcePoolsCount() == 0) {
            v.add("persistent_resource.resource_pools", "at least one resource pool is required");
        }
        Set<String> poolIds = new HashSet<>();
        for (int i = 0; i < resource.getResourcePoolsCount(); i++) {
            ResourcePool pool = resource.getResourcePools(i);
            String field = "persistent_resource.resource_pools[" + i + "]";
            if (!pool.getId().isEmpty() && !poolIds.add(pool.getId())) {
                v.add(field + ".id", "duplicate resource pool id '" + pool.getId() + "'");
            }
            checkMachine(field + ".machine_spec", pool.getMachineSpec(), v);
            checkReplicas(field, pool, v);
            String disk = pool.getDiskSpec().getBootDiskType();
            if (!disk.isEmpty() && !DISK_TYPES.contains(disk)) {
                v.add(field + ".disk_spec.boot_disk_type", "unknown disk type '" + disk + "'; valid: "
                        + String.join(", ", new java.util.TreeSet<>(DISK_TYPES)) + " (default pd-ssd; hyperdisk-balanced on A3 Ultra)");
            }
        }
        ServiceAccountSpec account = resource.getResourceRuntimeSpec().getServiceAccountSpec();
        if (!account.getServiceAccount().isEmpty() && !account.getEnableCustomServiceAccount()) {
            v.add("persistent_resource.resource_runtime_spec.service_account_spec.service_account",
                    "only allowed when enable_custom_service_account is true");
        }
        LabelRules.check("persistent_resource.labels", resource.getLabelsMap(), v);
        v.throwIfAny();
    }

    private void checkMachine(String field, MachineSpec spec, FieldViolations v) {
        if (spec.getMachineType().isEmpty()) {
            v.add(field + ".machine_type", "required");
            return;
        }
        Optional<MachineType> found = catalog.find(spec.getMachineType());
        if (found.isEmpty()) {
            v.add(field + ".machine_type", "unknown machine type '" + spec.getMachineType() + "'; known: "
                    + String.join(", ", catalog.names()));
            return;
        }
        MachineType type = found.get();
        AcceleratorType accelerator = spec.getAcceleratorType();
        if (accelerator == AcceleratorType.UNRECOGNIZED) {
            v.add(field + ".accelerator_type", "unknown accelerator type " + spec.getAcceleratorTypeValue());
            return;
        }
        boolean typed = accelerator != AcceleratorType.ACCELERATOR_TYPE_UNSPECIFIED;
        Set<AcceleratorType> allowed = catalog.acceleratorsFor(type);
        if (typed && !allowed.contains(accelerator)) {
            v.add(field + ".accelerator_type", allowed.isEmpty()
                    ? type.family() + " machine types take no accelerators, got " + accelerator
                    : accelerator + " is not available for " + type.family() + " machine types; " + type.family()
                    + " takes " + allowed.stream().map(Enum::name).collect(Collectors.joining(", ")));
        }
        int count = spec.getAcceleratorCount();
        if (count < 0) {
            v.add(field + ".accelerator_count", "must not be negative, got " + count);
        } else if (typed && count == 0) {
            v.add(field + ".accelerator_count", "must be at least 1 with accelerator_type " + accelerator);
        } else if (!typed && count > 0 && !type.hasBuiltInAccelerators()) {
            v.add(field + ".accelerator_type", "required with accelerator_count " + count);
        } else if (type.hasBuiltInAccelerators() && count > 0 && count != type.builtInAcceleratorCount()) {
            v.add(field + ".accelerator_count", type.name() + " has " + type.builtInAcceleratorCount() + " "
                    + type.builtInAccelerator() + " built in; accelerator_count must be "
                    + type.builtInAcceleratorCount() + ", got " + count);
        }
    }

    /**
     * AutoscalingSpec, as its proto comments say: min_replica_count "must be ≤ replica_count and < max_replica_count",
     * and for a persistent resource "must be > 0"; max_replica_count "must be ≥ replica_count and > min_replica_count".
     */
    private static void checkReplicas(String field, ResourcePool pool, FieldViolations v) {
        if (!pool.hasAutoscalingSpec()) {
            if (pool.getReplicaCount() < 1) {
                v.add(field + ".replica_count", "must be at least 1 (or set autoscaling_spec), got "
                        + pool.getReplicaCount());
            } else if (pool.getReplicaCount() > MAX_REPLICAS) {
                // The same bound as an autoscaling pool's maximum; the real service's limit is a quota (unknown here).
                v.add(field + ".replica_count", "must be at most " + MAX_REPLICAS + ", got " + pool.getReplicaCount());
            }
            return;
        }
        ResourcePool.AutoscalingSpec scaling = pool.getAutoscalingSpec();
        long min = scaling.getMinReplicaCount();
        long max = scaling.getMaxReplicaCount();
        String scalingField = field + ".autoscaling_spec";
        if (!scaling.hasMinReplicaCount() || min < 1) {
            v.add(scalingField + ".min_replica_count", "must be at least 1, got " + (scaling.hasMinReplicaCount() ? min : "none"));
        }
        if (!scaling.hasMaxReplicaCount() || max <= min || max > MAX_REPLICAS) {
            v.add(scalingField + ".max_replica_count", "must be greater than min_replica_count and at most " + MAX_REPLICAS
                    + " (min_replica_count " + min + "), got " + (scaling.hasMaxReplicaCount() ? max : "none"));
        }
        if (pool.hasReplicaCount() && (pool.getReplicaCount() < min || pool.getReplicaCount() > max)) {
            v.add(field + ".replica_count", "must be within the autoscaling bounds [" + min + ", " + max + "], got "
                    + pool.getReplicaCount());
        }
    }
}
