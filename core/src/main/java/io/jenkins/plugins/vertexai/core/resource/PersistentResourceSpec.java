package io.jenkins.plugins.vertexai.core.resource;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A persistent resource as the user asks for it. Nullable fields mean "not given" so that a {@code --config}
 * file and explicit values can be merged (explicit wins). {@code persistentResourceId} may be a bare id or a full
 * name {@code projects/P/locations/L/persistentResources/ID}.
 *
 * <p>{@code enableCustomServiceAccount} null means the default, {@code true}: pipeline runs need it.
 */
public record PersistentResourceSpec(
        String persistentResourceId,
        String project,
        String region,
        String displayName,
        List<ResourcePoolSpec> resourcePools,
        Boolean enableCustomServiceAccount,
        String serviceAccount,
        String network,
        Map<String, String> labels,
        String kmsKeyName,
        List<String> reservedIpRanges) {

    public PersistentResourceSpec {
        resourcePools = resourcePools == null ? List.of() : List.copyOf(resourcePools);
        labels = labels == null ? Map.of() : java.util.Collections.unmodifiableMap(new LinkedHashMap<>(labels));
        reservedIpRanges = reservedIpRanges == null ? List.of() : List.copyOf(reservedIpRanges);
    }

    /** The effective flag: true unless explicitly turned off. */
    public boolean customServiceAccountEnabled() {
        return enableCustomServiceAccount == null || enableCustomServiceAccount;
    }

    public static Builder builder() {
        return new Builder();
    }

    public Builder toBuilder() {
        return new Builder().persistentResourceId(persistentResourceId).project(project).region(region)
                .displayName(displayName).resourcePools(resourcePools)
                .enableCustomServiceAccount(enableCustomServiceAccount).serviceAccount(serviceAccount)
                .network(network).labels(labels).kmsKeyName(kmsKeyName).reservedIpRanges(reservedIpRanges);
    }

    /** Mutable builder; {@link #build()} does not validate (see {@code PersistentResourceSpecValidator}). */
    public static final class Builder {
        private String persistentResourceId;
        private String project;
        private String region;
        private String displayName;
        private List<ResourcePoolSpec> resourcePools = new ArrayList<>();
        private Boolean enableCustomServiceAccount;
        private String serviceAccount;
        private String network;
        private Map<String, String> labels = new LinkedHashMap<>();
        private String kmsKeyName;
        private List<String> reservedIpRanges = new ArrayList<>();

        public Builder persistentResourceId(String v) { persistentResourceId = v; return this; }
        public Builder project(String v) { project = v; return this; }
        public Builder region(String v) { region = v; return this; }
        public Builder displayName(String v) { displayName = v; return this; }
        public Builder resourcePools(List<ResourcePoolSpec> v) { resourcePools = new ArrayList<>(v == null ? List.of() : v); return this; }
        public Builder addResourcePool(ResourcePoolSpec v) { resourcePools.add(v); return this; }
        public Builder enableCustomServiceAccount(Boolean v) { enableCustomServiceAccount = v; return this; }
        public Builder serviceAccount(String v) { serviceAccount = v; return this; }
        public Builder network(String v) { network = v; return this; }
        public Builder labels(Map<String, String> v) { labels = new LinkedHashMap<>(v == null ? Map.of() : v); return this; }
        public Builder label(String k, String v) { labels.put(k, v); return this; }
        public Builder kmsKeyName(String v) { kmsKeyName = v; return this; }
        public Builder reservedIpRanges(List<String> v) { reservedIpRanges = new ArrayList<>(v == null ? List.of() : v); return this; }

        public PersistentResourceSpec build() {
            return new PersistentResourceSpec(persistentResourceId, project, region, displayName, resourcePools,
                    enableCustomServiceAccount, serviceAccount, network, labels, kmsKeyName, reservedIpRanges);
        }
    }
}
