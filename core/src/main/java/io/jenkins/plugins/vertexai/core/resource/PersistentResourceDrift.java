package io.jenkins.plugins.vertexai.core.resource;

import com.google.cloud.aiplatform.v1.AcceleratorType;
import com.google.cloud.aiplatform.v1.PersistentResource;
import com.google.cloud.aiplatform.v1.ResourcePool;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.TreeSet;

/** Lists how an existing persistent resource differs from a wanted spec; see {@link PersistentResourceProtos#drift}. */
final class PersistentResourceDrift {
    /** Keys Vertex manages itself; users cannot set them, so their presence is no drift. */
    private static final String SYSTEM_LABEL_PREFIX = "aiplatform.googleapis.com/";

    private final PersistentResourceSpec wanted;
    private final PersistentResource existing;
    private final List<String> differences = new ArrayList<>();

    PersistentResourceDrift(PersistentResourceSpec wanted, PersistentResource existing) {
        this.wanted = wanted;
        this.existing = existing;
    }

    List<String> differences() {
        if (PersistentResourceProtos.given(wanted.displayName())) {
            compare("displayName", text(wanted.displayName()), text(existing.getDisplayName()));
        }
        pools();
        var account = existing.getResourceRuntimeSpec().getServiceAccountSpec();
        compare("enableCustomServiceAccount", String.valueOf(wanted.customServiceAccountEnabled()),
                String.valueOf(account.getEnableCustomServiceAccount()));
        if (PersistentResourceProtos.given(wanted.serviceAccount())) {
            compare("serviceAccount", text(wanted.serviceAccount()), text(account.getServiceAccount()));
        }
        compare("network", text(wanted.network()), text(existing.getNetwork()));
        compare("kmsKeyName", text(wanted.kmsKeyName()), text(existing.getEncryptionSpec().getKmsKeyName()));
        labels();
        compare("reservedIpRanges", new TreeSet<>(wanted.reservedIpRanges()).toString(),
                new TreeSet<>(existing.getReservedIpRangesList()).toString());
        return List.copyOf(differences);
    }

    private void pools() {
        List<ResourcePoolSpec> wantedPools = wanted.resourcePools();
        List<ResourcePool> found = existing.getResourcePoolsList();
        if (wantedPools.size() != found.size()) {
            differences.add("resourcePools: wanted " + count(wantedPools.size()) + ", found " + count(found.size()));
        }
        for (int i = 0; i < wantedPools.size(); i++) {
            ResourcePoolSpec pool = wantedPools.get(i);
            String prefix = "resourcePools[" + i + "]";
            Optional<ResourcePool> match = match(pool, i, found);
            if (match.isPresent()) {
                pool(prefix + ".", pool, match.get());
            } else if (pool.id() != null) {
                differences.add(prefix + ": wanted a pool with id '" + pool.id() + "', found none");
            }
        }
    }

    private static Optional<ResourcePool> match(ResourcePoolSpec pool, int index, List<ResourcePool> found) {
        if (pool.id() != null) {
            return found.stream().filter(p -> p.getId().equals(pool.id())).findFirst();
        }
        return index < found.size() ? Optional.of(found.get(index)) : Optional.empty();
    }

    private void pool(String prefix, ResourcePoolSpec want, ResourcePool have) {
        if (want.machineType() != null) {
            compare(prefix + "machineType", text(want.machineType()), text(have.getMachineSpec().getMachineType()));
        }
        AcceleratorType type = AcceleratorTypes.parse(want.acceleratorType()).orElse(AcceleratorType.ACCELERATOR_TYPE_UNSPECIFIED);
        compare(prefix + "acceleratorType", accelerator(type), accelerator(have.getMachineSpec().getAcceleratorType()));
        compare(prefix + "acceleratorCount", String.valueOf(PersistentResourceProtos.acceleratorCount(want)),
                String.valueOf(have.getMachineSpec().getAcceleratorCount()));
        boolean autoscales = have.hasAutoscalingSpec()
                && (have.getAutoscalingSpec().getMinReplicaCount() != 0 || have.getAutoscalingSpec().getMaxReplicaCount() != 0);
        compare(prefix + "minReplicaCount", number(want.minReplicaCount()),
                autoscales ? number(have.getAutoscalingSpec().getMinReplicaCount()) : "none");
        compare(prefix + "maxReplicaCount", number(want.maxReplicaCount()),
                autoscales ? number(have.getAutoscalingSpec().getMaxReplicaCount()) : "none");
        if (!want.autoscaling() && want.replicaCount() != null) {
            compare(prefix + "replicaCount", number(want.replicaCount()), number(have.getReplicaCount()));
        }
        if (want.diskType() != null) {
            compare(prefix + "diskType", text(want.diskType()), text(have.getDiskSpec().getBootDiskType()));
        }
        if (want.diskSizeGb() != null) {
            compare(prefix + "diskSizeGb", number(want.diskSizeGb().longValue()),
                    number((long) have.getDiskSpec().getBootDiskSizeGb()));
        }
    }

    private void labels() {
        Map<String, String> want = wanted.labels();
        Map<String, String> have = existing.getLabelsMap();
        TreeSet<String> keys = new TreeSet<>(want.keySet());
        have.keySet().stream().filter(k -> !k.startsWith(SYSTEM_LABEL_PREFIX)).forEach(keys::add);
        for (String key : keys) {
            compare("labels." + key, text(want.get(key)), text(have.get(key)));
        }
    }

    private void compare(String field, String want, String have) {
        if (!Objects.equals(want, have)) {
            differences.add(field + ": wanted " + want + ", found " + have);
        }
    }

    private static String text(String value) {
        return value == null || value.isEmpty() ? "none" : "'" + value + "'";
    }

    private static String number(Long value) {
        return value == null ? "none" : value.toString();
    }

    private static String accelerator(AcceleratorType type) {
        return type == AcceleratorType.ACCELERATOR_TYPE_UNSPECIFIED ? "none" : type.name();
    }

    private static String count(int pools) {
        return pools == 1 ? "1 pool" : pools + " pools";
    }
}
