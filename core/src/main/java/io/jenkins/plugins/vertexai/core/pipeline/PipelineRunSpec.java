package io.jenkins.plugins.vertexai.core.pipeline;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * One pipeline run as the user asks for it. Null means "not given"; nothing is checked until
 * {@link PipelineJobRequestFactory#create}.
 *
 * @param templateLocation          informational only: where the caller loaded the template from (file path, gs:// URI
 *                                  or https URL), for its own messages and logs. Core never reads it: the template
 *                                  itself is passed to {@link PipelineJobRequestFactory#create} already loaded, and
 *                                  what Vertex AI stores as {@code template_uri} comes from
 *                                  {@link io.jenkins.plugins.vertexai.core.pipeline.template.PipelineTemplate#templateUri()}
 * @param pipelineRoot              gs:// output root; see {@link PipelineRootResolver} for the fallbacks
 * @param displayName               defaults to the template's displayName, then {@code pipelineInfo.name}
 * @param jobId                     explicit job id; else one is derived from {@code runKey}
 * @param runKey                    identifies this run for a derived job id, e.g. job name + build number + step id
 * @param parameterValues           name to value; values may be text (as Jenkins build parameters are); null = not given
 * @param inputArtifacts            root input artifact name to Vertex ML Metadata artifact id (or full artifact name)
 * @param enableCaching             forces caching on or off for every task; null keeps the spec's own settings
 * @param failurePolicy             "fast" or "slow", any case; null = the service default (slow)
 * @param persistentResourceRuntime run the tasks on a persistent resource; null = none
 */
public record PipelineRunSpec(
        String templateLocation,
        String project,
        String region,
        String pipelineRoot,
        String displayName,
        String jobId,
        String runKey,
        Map<String, Object> parameterValues,
        Map<String, String> inputArtifacts,
        Boolean enableCaching,
        String failurePolicy,
        Map<String, String> labels,
        String serviceAccount,
        String network,
        List<String> reservedIpRanges,
        String kmsKeyName,
        PersistentResourceRuntime persistentResourceRuntime) {

    public PipelineRunSpec {
        parameterValues = copy(parameterValues); // keeps null values: "not given"
        inputArtifacts = copy(inputArtifacts);
        labels = copy(labels);
        reservedIpRanges = reservedIpRanges == null ? List.of() : Collections.unmodifiableList(new ArrayList<>(reservedIpRanges));
    }

    public static Builder builder() {
        return new Builder();
    }

    public Builder toBuilder() {
        return new Builder().templateLocation(templateLocation).project(project).region(region).pipelineRoot(pipelineRoot)
                .displayName(displayName).jobId(jobId).runKey(runKey).parameterValues(parameterValues)
                .inputArtifacts(inputArtifacts).enableCaching(enableCaching).failurePolicy(failurePolicy).labels(labels)
                .serviceAccount(serviceAccount).network(network).reservedIpRanges(reservedIpRanges).kmsKeyName(kmsKeyName)
                .persistentResourceRuntime(persistentResourceRuntime);
    }

    private static <K, V> Map<K, V> copy(Map<K, V> map) {
        return map == null ? Map.of() : Collections.unmodifiableMap(new LinkedHashMap<>(map));
    }

    /** Mutable builder; {@link #build()} does not validate. */
    public static final class Builder {
        private String templateLocation;
        private String project;
        private String region;
        private String pipelineRoot;
        private String displayName;
        private String jobId;
        private String runKey;
        private Map<String, Object> parameterValues = new LinkedHashMap<>();
        private Map<String, String> inputArtifacts = new LinkedHashMap<>();
        private Boolean enableCaching;
        private String failurePolicy;
        private Map<String, String> labels = new LinkedHashMap<>();
        private String serviceAccount;
        private String network;
        private List<String> reservedIpRanges = new ArrayList<>();
        private String kmsKeyName;
        private PersistentResourceRuntime persistentResourceRuntime;

        public Builder templateLocation(String v) { templateLocation = v; return this; }
        public Builder project(String v) { project = v; return this; }
        public Builder region(String v) { region = v; return this; }
        public Builder pipelineRoot(String v) { pipelineRoot = v; return this; }
        public Builder displayName(String v) { displayName = v; return this; }
        public Builder jobId(String v) { jobId = v; return this; }
        public Builder runKey(String v) { runKey = v; return this; }
        public Builder parameterValues(Map<String, ?> v) { parameterValues = new LinkedHashMap<>(v == null ? Map.of() : v); return this; }
        public Builder parameter(String name, Object value) { parameterValues.put(name, value); return this; }
        public Builder inputArtifacts(Map<String, String> v) { inputArtifacts = new LinkedHashMap<>(v == null ? Map.of() : v); return this; }
        public Builder inputArtifact(String name, String artifactId) { inputArtifacts.put(name, artifactId); return this; }
        public Builder enableCaching(Boolean v) { enableCaching = v; return this; }
        public Builder failurePolicy(String v) { failurePolicy = v; return this; }
        public Builder labels(Map<String, String> v) { labels = new LinkedHashMap<>(v == null ? Map.of() : v); return this; }
        public Builder label(String k, String v) { labels.put(k, v); return this; }
        public Builder serviceAccount(String v) { serviceAccount = v; return this; }
        public Builder network(String v) { network = v; return this; }
        public Builder reservedIpRanges(List<String> v) { reservedIpRanges = new ArrayList<>(v == null ? List.of() : v); return this; }
        public Builder kmsKeyName(String v) { kmsKeyName = v; return this; }
        public Builder persistentResourceRuntime(PersistentResourceRuntime v) { persistentResourceRuntime = v; return this; }

        public PipelineRunSpec build() {
            return new PipelineRunSpec(templateLocation, project, region, pipelineRoot, displayName, jobId, runKey,
                    parameterValues, inputArtifacts, enableCaching, failurePolicy, labels, serviceAccount, network,
                    reservedIpRanges, kmsKeyName, persistentResourceRuntime);
        }
    }
}
