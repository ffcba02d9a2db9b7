package io.jenkins.plugins.vertexai.core.pipeline;

import com.google.cloud.aiplatform.v1beta1.PipelineJob.RuntimeConfig;
import com.google.protobuf.Value;
import io.jenkins.plugins.vertexai.core.Problems;
import io.jenkins.plugins.vertexai.core.pipeline.template.ParameterType;
import io.jenkins.plugins.vertexai.core.pipeline.template.PipelineParameter;
import io.jenkins.plugins.vertexai.core.pipeline.template.PipelineTemplate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * Checks a run's parameter values against the pipeline's root input definitions and puts them, typed, into the
 * runtime config: {@code parameter_values} for every schema above 2.0.0, the deprecated {@code parameters} for 2.0.0.
 * A parameter of a type this tool does not know is left to the service when the run does not set it.
 * A PipelineJob JSON's own runtimeConfig values are defaults that the run's values override. A null value
 * counts as not given. Parameters left out fall back to the spec's {@code defaultValue} on the server.
 */
final class RuntimeParameterBinder {
    static final String FIELD = "parameterValues";

    private RuntimeParameterBinder() {
    }

    static void bind(PipelineTemplate template, Map<String, Object> explicit, Problems problems, RuntimeConfig.Builder config) {
        Map<String, PipelineParameter> defs = template.inputParameters();
        Map<String, Object> values = new LinkedHashMap<>();
        List<String> unknownInTemplate = new ArrayList<>();
        template.runtimeParameters().forEach((name, v) -> put(values, defs, unknownInTemplate, name, v));
        template.runtimeParameterValues().forEach((name, v) -> put(values, defs, unknownInTemplate, name, v.hasNullValue() ? null : v));
        List<String> unknown = new ArrayList<>();
        explicit.forEach((name, v) -> put(values, defs, unknown, name, v));

        if (!unknown.isEmpty()) {
            problems.add(FIELD, "unknown parameter" + plural(unknown) + " " + String.join(", ", unknown) + "; " + known(defs));
        }
        if (!unknownInTemplate.isEmpty()) {
            problems.add("template", template.source() + ": runtimeConfig sets unknown parameter" + plural(unknownInTemplate)
                    + " " + String.join(", ", unknownInTemplate) + "; " + known(defs));
        }
        boolean legacy = template.legacyParameters();
        values.forEach((name, v) -> {
            PipelineParameter def = defs.get(name);
            if (def.type() == ParameterType.OTHER) {
                problems.add(FIELD, "parameter '" + name + "' has type " + def.typeName() + ", which this tool does not"
                        + " check or convert; leave it out (a type such as TASK_FINAL_STATUS is filled in by the service)");
                return;
            }
            try {
                if (legacy) {
                    config.putParameters(name, ParameterCoercer.toLegacyValue(def.type(), v));
                } else {
                    config.putParameterValues(name, ParameterCoercer.toValue(def.type(), v));
                }
            } catch (IllegalArgumentException e) {
                problems.add(FIELD, "parameter '" + name + "' expects " + ParameterCoercer.expected(def.type(), legacy)
                        + ", but " + shown(v) + " " + e.getMessage());
            }
        });
        List<String> missing = defs.values().stream()
                .filter(p -> p.required() && !values.containsKey(p.name()))
                .map(p -> p.name() + " (" + ParameterCoercer.expected(p.type(), legacy) + ")")
                .collect(Collectors.toList());
        if (!missing.isEmpty()) {
            problems.add(FIELD, "missing required parameter" + plural(missing) + ": " + String.join(", ", missing));
        }
    }

    private static void put(Map<String, Object> values, Map<String, PipelineParameter> defs, List<String> unknown, String name, Object v) {
        if (v == null) {
            return;
        }
        if (!defs.containsKey(name)) {
            unknown.add(name);
            return;
        }
        values.put(name, v);
    }

    private static String known(Map<String, PipelineParameter> defs) {
        return defs.isEmpty() ? "the pipeline has no input parameters"
                : "the pipeline's parameters are " + String.join(", ", defs.keySet());
    }

    private static String plural(List<?> items) {
        return items.size() == 1 ? "" : "s";
    }

    /** The value as the user gave it, cut short: enough to spot a typo, not a whole document. */
    private static String shown(Object v) {
        String s = v instanceof Value value ? String.valueOf(ProtoValues.toJava(value)) : String.valueOf(v);
        s = s.replaceAll("\\s+", " ");
        return "'" + (s.length() > 60 ? s.substring(0, 57) + "..." : s) + "'";
    }
}
