package io.jenkins.plugins.vertexai.core.resource;

import io.jenkins.plugins.vertexai.core.GcpNames;
import io.jenkins.plugins.vertexai.core.Labels;
import io.jenkins.plugins.vertexai.core.Problems;
import io.jenkins.plugins.vertexai.core.RequestBounds;
import io.jenkins.plugins.vertexai.core.ValidationException;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * Checks a (merged) {@link PersistentResourceSpec} before any remote call and resolves its full name. Every
 * problem is collected and thrown as one {@link ValidationException}; each names the user-facing field (pools as
 * {@code resourcePools[0].machineType}, counted from 0) and the accepted form.
 *
 * <p>Only forms and documented bounds are checked here: which machine types, accelerators and regions go together
 * is the server's knowledge, not a catalog kept in this class.
 */
public final class PersistentResourceSpecValidator {
    /** Project ids, domain-scoped ids ({@code example.com:my-project}) and project numbers; {@link GcpNames#PROJECT}. */
    public static final Pattern PROJECT = GcpNames.PROJECT;
    /** {@link GcpNames#REGION}. */
    public static final Pattern REGION = GcpNames.REGION;
    /** {@code family-type-n}: n1-standard-4, a2-highgpu-1g, ct5lp-hightpu-4t, a3-megagpu-8g. */
    public static final Pattern MACHINE_TYPE = Pattern.compile("^[a-z][a-z0-9]*-[a-z][a-z0-9]*(-[a-z0-9]+)+$");
    /** Boot disk types of {@code DiskSpec}: "Valid values: pd-ssd, pd-standard or hyperdisk-balanced" (v1, v1beta1). */
    public static final List<String> DISK_TYPES = List.of("pd-ssd", "pd-standard", "hyperdisk-balanced");
    /** The service's default boot disk type, except on A3 Ultra machines (hyperdisk-balanced), per the same comment. */
    public static final String DEFAULT_DISK_TYPE = "pd-ssd";
    /** Vertex's boot disk bounds in GB (the Vertex AI SDK's documented range [100, 64000]). */
    public static final int MIN_DISK_GB = 100;
    public static final int MAX_DISK_GB = 64_000;
    public static final long MAX_REPLICAS = 1000;
    public static final int MAX_DISPLAY_NAME = 128;

    private static final String ID_FIELD = "persistentResourceId";

    private PersistentResourceSpecValidator() {
    }

    /** Validates {@code spec} and returns its resolved name; throws one exception listing every problem. */
    public static PersistentResourceName validate(PersistentResourceSpec spec) {
        Problems problems = new Problems();
        PersistentResourceName name = name(spec, problems);
        pools(spec.resourcePools(), problems);
        RequestBounds.checkPools(spec.resourcePools(), problems);
        Labels.validate("labels", spec.labels(), problems);
        displayName(spec.displayName(), problems);
        serviceAccount(spec, problems);
        GcpNames.check("kmsKeyName", spec.kmsKeyName(), GcpNames.KMS_KEY, GcpNames.KMS_KEY_FORM, problems);
        GcpNames.check("network", spec.network(), GcpNames.NETWORK, GcpNames.NETWORK_FORM, problems);
        reservedIpRanges(spec, problems);
        problems.throwIfAny();
        return name;
    }

    private static PersistentResourceName name(PersistentResourceSpec spec, Problems problems) {
        String id = spec.persistentResourceId();
        String project = blankToNull(spec.project());
        String region = blankToNull(spec.region());
        if (id == null || id.isBlank()) {
            problems.add(ID_FIELD, "is required: " + PersistentResourceName.ID_FORM
                    + "; or a full name projects/PROJECT/locations/REGION/persistentResources/ID");
            id = null; // one problem for one empty id
        } else if (PersistentResourceName.isFullName(id)) {
            try {
                PersistentResourceName full = PersistentResourceName.parse(ID_FIELD, id);
                id = full.id();
                // The service names resources with the project number: an id given beside it is no conflict.
                project = project != null && !PersistentResourceName.surelyDifferentProjects(project, full.project())
                        ? full.project() : agree("project", project, full.project(), spec.persistentResourceId(), problems);
                region = agree("region", region, full.region(), spec.persistentResourceId(), problems);
            } catch (ValidationException e) {
                problems.addAll(e);
                id = null;
            }
        }
        if (id != null && !PersistentResourceName.ID.matcher(id).matches()) {
            problems.add(ID_FIELD, "'" + id + "' is not a valid id: " + PersistentResourceName.ID_FORM);
        }
        GcpNames.requireLocation(project, region, problems);
        return new PersistentResourceName(project, region, id);
    }

    /** Resolves a bare id or a full name with project and region, as {@link #validate} does, for describe/delete. */
    public static PersistentResourceName resolveName(String idOrName, String project, String region) {
        Problems problems = new Problems();
        PersistentResourceName name = name(PersistentResourceSpec.builder().persistentResourceId(idOrName)
                .project(project).region(region).build(), problems);
        problems.throwIfAny();
        return name;
    }

    /** Checks a project and region pair (both required), e.g. before listing. */
    public static void validateLocation(String project, String region) {
        Problems problems = new Problems();
        GcpNames.requireLocation(project, region, problems);
        problems.throwIfAny();
    }

    /** A full name fixes project and region; a separately given value must say the same. */
    private static String agree(String field, String given, String fromName, String fullName, Problems problems) {
        if (given != null && !given.equals(fromName)) {
            problems.add(field, "'" + given + "' conflicts with '" + fromName + "' in " + ID_FIELD + " '" + fullName
                    + "'; give a bare id, or make them match");
        }
        return fromName;
    }

    private static void pools(List<ResourcePoolSpec> pools, Problems problems) {
        if (pools.isEmpty()) {
            problems.add("resourcePools", "at least one resource pool is required, e.g. "
                    + "machine-type=n1-standard-4,replica-count=1");
        }
        Map<String, Integer> ids = new HashMap<>();
        for (int i = 0; i < pools.size(); i++) {
            pool("resourcePools[" + i + "].", pools.get(i), problems);
            String id = pools.get(i).id();
            if (id != null) {
                Integer other = ids.putIfAbsent(id, i);
                if (other != null) {
                    problems.add("resourcePools[" + i + "].id", "'" + id + "' is already the id of resourcePools["
                            + other + "]; pool ids must be unique");
                }
            }
        }
    }

    private static void pool(String prefix, ResourcePoolSpec pool, Problems problems) {
        if (pool.id() != null && !PersistentResourceName.ID.matcher(pool.id()).matches()) {
            problems.add(prefix + "id", "'" + pool.id() + "' is not a valid pool id: " + PersistentResourceName.ID_FORM);
        }
        if (pool.machineType() == null || pool.machineType().isBlank()) {
            problems.add(prefix + "machineType", "is required, e.g. n1-standard-4");
        } else if (!MACHINE_TYPE.matcher(pool.machineType()).matches()) {
            problems.add(prefix + "machineType", "'" + pool.machineType()
                    + "' is not a machine type of the form FAMILY-TYPE-N, such as n1-standard-4 or a2-highgpu-1g");
        }
        replicas(prefix, pool, problems);
        accelerator(prefix, pool, problems);
        if (pool.diskType() != null && !DISK_TYPES.contains(pool.diskType())) {
            problems.add(prefix + "diskType", "'" + pool.diskType() + "' is not a boot disk type; use one of "
                    + String.join(", ", DISK_TYPES) + " (default " + DEFAULT_DISK_TYPE + "; hyperdisk-balanced on A3 Ultra)");
        }
        if (pool.diskSizeGb() != null && (pool.diskSizeGb() < MIN_DISK_GB || pool.diskSizeGb() > MAX_DISK_GB)) {
            problems.add(prefix + "diskSizeGb", "must be between " + MIN_DISK_GB + " and " + MAX_DISK_GB
                    + " GB, got " + pool.diskSizeGb());
        }
    }

    private static void replicas(String prefix, ResourcePoolSpec pool, Problems problems) {
        Long count = pool.replicaCount();
        Long min = pool.minReplicaCount();
        Long max = pool.maxReplicaCount();
        if (count != null && count < 1) {
            problems.add(prefix + "replicaCount", "must be at least 1, got " + count);
        }
        if (!pool.autoscaling()) {
            if (count == null) {
                problems.add(prefix + "replicaCount", "is required (at least 1) unless the pool autoscales "
                        + "with both minReplicaCount and maxReplicaCount");
            }
            return;
        }
        // ResourcePool.AutoscalingSpec: min "must be ≤ replica_count and < max_replica_count" (and > 0 for a
        // persistent resource); max "must be ≥ replica_count and > min_replica_count".
        String both = "autoscaling needs both minReplicaCount and maxReplicaCount, with 1 <= min < max <= " + MAX_REPLICAS;
        if (min == null) {
            problems.add(prefix + "minReplicaCount", "is missing: " + both);
        } else if (min < 1 || min > MAX_REPLICAS) {
            problems.add(prefix + "minReplicaCount", "must be between 1 and " + MAX_REPLICAS + ", got " + min);
        }
        if (max == null) {
            problems.add(prefix + "maxReplicaCount", "is missing: " + both);
        } else if (max < 1 || max > MAX_REPLICAS) {
            problems.add(prefix + "maxReplicaCount", "must be between 1 and " + MAX_REPLICAS + ", got " + max);
        }
        if (min != null && max != null && min >= max) {
            problems.add(prefix + "maxReplicaCount", "must be greater than minReplicaCount (" + min + "), got " + max
                    + "; for a fixed size give replicaCount without autoscaling");
        } else if (min != null && max != null && count != null && count >= 1 && (count < min || count > max)) {
            problems.add(prefix + "replicaCount", "must be between minReplicaCount (" + min + ") and maxReplicaCount ("
                    + max + ") when autoscaling, got " + count);
        }
    }

    private static void accelerator(String prefix, ResourcePoolSpec pool, Problems problems) {
        if (pool.acceleratorType() == null) {
            if (pool.acceleratorCount() != null) {
                problems.add(prefix + "acceleratorCount", "is given without acceleratorType; give both, e.g. "
                        + "accelerator-type=NVIDIA_TESLA_T4,accelerator-count=1");
            }
            return;
        }
        if (AcceleratorTypes.parse(pool.acceleratorType()).isEmpty()) {
            problems.add(prefix + "acceleratorType", "'" + pool.acceleratorType() + "' is not an accelerator type; use one of "
                    + String.join(", ", AcceleratorTypes.names()));
        }
        if (pool.acceleratorCount() != null && pool.acceleratorCount() < 1) {
            problems.add(prefix + "acceleratorCount", "must be at least 1 with an acceleratorType, got "
                    + pool.acceleratorCount());
        }
    }

    private static void displayName(String displayName, Problems problems) {
        if (displayName == null) {
            return;
        }
        if (displayName.isBlank()) {
            problems.add("displayName", "must not be blank; leave it out to use the id");
        } else if (displayName.codePointCount(0, displayName.length()) > MAX_DISPLAY_NAME) {
            problems.add("displayName", "must be at most " + MAX_DISPLAY_NAME + " characters, got "
                    + displayName.codePointCount(0, displayName.length()));
        }
    }

    private static void serviceAccount(PersistentResourceSpec spec, Problems problems) {
        String account = spec.serviceAccount();
        if (account == null) {
            return;
        }
        if (!spec.customServiceAccountEnabled()) {
            problems.add("serviceAccount", "is only allowed with enableCustomServiceAccount, which is false; "
                    + "drop one of them");
        }
        GcpNames.check("serviceAccount", account, GcpNames.SERVICE_ACCOUNT, GcpNames.SERVICE_ACCOUNT_FORM, problems);
    }

    private static void reservedIpRanges(PersistentResourceSpec spec, Problems problems) {
        List<String> ranges = spec.reservedIpRanges();
        for (int i = 0; i < ranges.size(); i++) {
            if (ranges.get(i) == null || ranges.get(i).isBlank()) {
                problems.add("reservedIpRanges[" + i + "]", "must not be blank; give the name of a reserved "
                        + "IP range in the network, e.g. vertex-ai-ip-range");
            }
        }
        if (!ranges.isEmpty() && blankToNull(spec.network()) == null) {
            problems.add("reservedIpRanges", "need a network: reserved IP ranges belong to the VPC network "
                    + "given as network");
        }
    }

    private static String blankToNull(String value) {
        return value == null || value.isBlank() ? null : value;
    }
}
