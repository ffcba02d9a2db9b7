package io.jenkins.plugins.vertexai.core.pipeline.template;

import com.google.protobuf.Struct;
import com.google.protobuf.Value;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Set;

/**
 * A parsed, checked pipeline template: a KFP PipelineSpec, possibly wrapped in a PipelineJob JSON whose
 * {@code runtimeConfig}, {@code labels} and {@code displayName} then serve as defaults for a run.
 *
 * @param source                 where it came from (path, gs:// URI or URL), for messages
 * @param pipelineSpec           the spec as it goes into {@code PipelineJob.pipeline_spec}
 * @param pipelineName           {@code pipelineInfo.name}
 * @param schemaVersion          2.0.0 or 2.1.0
 * @param defaultPipelineRoot    the spec's {@code defaultPipelineRoot}, or null
 * @param inputParameters        {@code root.inputDefinitions.parameters} by name, in spec order
 * @param inputArtifacts         names in {@code root.inputDefinitions.artifacts}
 * @param runtimeParameterValues a PipelineJob JSON's {@code runtimeConfig.parameterValues}
 * @param runtimeParameters      a PipelineJob JSON's deprecated {@code runtimeConfig.parameters}, as plain values
 *                               (String, Long or Double)
 * @param gcsOutputDirectory     a PipelineJob JSON's {@code runtimeConfig.gcsOutputDirectory}, or null
 * @param labels                 a PipelineJob JSON's {@code labels}
 * @param displayName            a PipelineJob JSON's {@code displayName}, or null
 * @param templateUri            the Artifact Registry URL ({@code https://REGION-kfp.pkg.dev/...}, without user info or
 *                               query) it was fetched from, sent as {@code template_uri}; null for any other source
 */
public record PipelineTemplate(
        String source,
        Struct pipelineSpec,
        String pipelineName,
        String schemaVersion,
        String defaultPipelineRoot,
        Map<String, PipelineParameter> inputParameters,
        Set<String> inputArtifacts,
        Map<String, Value> runtimeParameterValues,
        Map<String, Object> runtimeParameters,
        String gcsOutputDirectory,
        Map<String, String> labels,
        String displayName,
        String templateUri) {

    public static final String LEGACY_SCHEMA_VERSION = "2.0.0";
    public static final String SCHEMA_VERSION = "2.1.0";

    public PipelineTemplate {
        inputParameters = frozen(inputParameters);
        inputArtifacts = inputArtifacts == null ? Set.of() : Collections.unmodifiableSet(new LinkedHashSet<>(inputArtifacts));
        runtimeParameterValues = frozen(runtimeParameterValues);
        runtimeParameters = frozen(runtimeParameters);
        labels = frozen(labels);
    }

    /** Schema 2.0.0: parameters are typed by {@code type} and sent in the deprecated {@code runtime_config.parameters}. */
    public boolean legacyParameters() {
        return LEGACY_SCHEMA_VERSION.equals(schemaVersion);
    }

    public PipelineTemplate withTemplateUri(String uri) {
        return new PipelineTemplate(source, pipelineSpec, pipelineName, schemaVersion, defaultPipelineRoot,
                inputParameters, inputArtifacts, runtimeParameterValues, runtimeParameters, gcsOutputDirectory,
                labels, displayName, uri);
    }

    private static <K, V> Map<K, V> frozen(Map<K, V> map) {
        return map == null ? Map.of() : Collections.unmodifiableMap(new LinkedHashMap<>(map));
    }
}
