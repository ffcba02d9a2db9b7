package io.jenkins.plugins.vertexai;

import edu.umd.cs.findbugs.annotations.CheckForNull;
import io.jenkins.plugins.vertexai.core.resource.PersistentResourceConfigFile;
import io.jenkins.plugins.vertexai.core.resource.PersistentResourceSpec;
import io.jenkins.plugins.vertexai.core.resource.PersistentResourceSpecs;
import io.jenkins.plugins.vertexai.core.resource.ResourcePoolSpec;
import io.jenkins.plugins.vertexai.core.resource.ResourcePoolSpecParser;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * A persistent resource as one step or build step asks for it, in plain values (build variables already
 * expanded). {@link #spec} turns it into core's spec: explicit values over the YAML {@code config} file's, as
 * gcloud merges them. Validation is core's, when the spec is used.
 */
record ResourceRequest(String persistentResourceId, String displayName, List<ResourcePoolSpec> pools, List<String> poolSpecs,
                       Boolean enableCustomServiceAccount, String serviceAccount, String network, Map<String, String> labels,
                       String kmsKeyName, List<String> reservedIpRanges) {

    /**
     * @param configText the YAML config file's content, or null when there is none
     * @param configName the file's name for messages
     */
    PersistentResourceSpec spec(String project, String region, @CheckForNull String configText, @CheckForNull String configName) {
        List<ResourcePoolSpec> allPools = new ArrayList<>(pools == null ? List.of() : pools);
        if (poolSpecs != null && !poolSpecs.isEmpty()) {
            allPools.addAll(ResourcePoolSpecParser.parseAll(poolSpecs));
        }
        PersistentResourceSpec explicit = PersistentResourceSpec.builder()
                .persistentResourceId(persistentResourceId).displayName(displayName).resourcePools(allPools)
                .enableCustomServiceAccount(enableCustomServiceAccount).serviceAccount(serviceAccount).network(network)
                .labels(labels).kmsKeyName(kmsKeyName).reservedIpRanges(reservedIpRanges)
                .build();
        PersistentResourceSpec fromFile = configText == null ? null : PersistentResourceConfigFile.parse(configText, configName);
        PersistentResourceSpec merged = PersistentResourceSpecs.merge(fromFile, explicit);
        // A full name in persistentResourceId carries its own project and region.
        boolean fullName = persistentResourceId != null && persistentResourceId.startsWith("projects/");
        return merged.toBuilder().project(fullName ? null : project).region(fullName ? null : region).build();
    }
}
