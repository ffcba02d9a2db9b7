package io.jenkins.plugins.vertexai.emulator.pipeline;

import com.google.cloud.aiplatform.v1beta1.PipelineJob.RuntimeConfig;
import com.google.protobuf.Value;
import io.jenkins.plugins.vertexai.emulator.grpc.FieldViolations;
import io.jenkins.plugins.vertexai.emulator.pipeline.spec.ParameterSpec;
import io.jenkins.plugins.vertexai.emulator.pipeline.spec.PipelineSpec;
import io.jenkins.plugins.vertexai.emulator.pipeline.spec.Structs;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Checks a job's runtime parameters against the pipeline's root inputs and returns the effective values (given ones
 * over defaults). Schema 2.1.0 and later take typed {@code parameter_values}; older schemas the deprecated
 * {@code parameters} of INT/DOUBLE/STRING.
 */
final class RuntimeParameters {
    private RuntimeParameters() {
    }

    @SuppressWarnings("deprecation") // runtime_config.parameters is deprecated, yet schema <= 2.0.0 needs it
    static Map<String, Value> resolve(PipelineSpec spec, RuntimeConfig config, FieldViolations v) {
        Map<String, ParameterSpec> declared = spec.root().inputs();
        boolean modern = spec.schemaVersion().supportsParameterValues();
        if (modern && config.getParametersCount() > 0) {
            v.add("pipeline_job.runtime_config.parameters", "deprecated and not accepted with schemaVersion " + spec.schemaVersion()
                    + "; use runtime_config.parameter_values");
        }
        if (!modern && config.getParameterValuesCount() > 0) {
            v.add("pipeline_job.runtime_config.parameter_values", "needs a schemaVersion above 2.0.0, the pipeline has "
                    + spec.schemaVersion() + "; use runtime_config.parameters");
        }
        Map<String, Value> values = new LinkedHashMap<>();
        declared.forEach((name, p) -> p.defaultValue().ifPresent(d -> values.put(name, d)));
        if (modern) {
            config.getParameterValuesMap().forEach((name, value) -> {
                String field = "pipeline_job.runtime_config.parameter_values['" + name + "']";
                ParameterSpec p = declared.get(name);
                if (p == null) {
                    v.add(field, unknown(spec, declared));
                } else if (!matches(p.type(), value)) {
                    v.add(field, "expected " + p.type() + ", got " + Structs.describe(value));
                } else {
                    values.put(name, value);
                }
            });
            declared.values().stream()
                    .filter(p -> p.required() && known(p.type()) && !config.getParameterValuesMap().containsKey(p.name()))
                    .forEach(p -> v.add("pipeline_job.runtime_config.parameter_values['" + p.name() + "']",
                            "required parameter (" + p.type() + ") is missing: it has no default and is not optional"));
        } else {
            config.getParametersMap().forEach((name, value) -> {
                String field = "pipeline_job.runtime_config.parameters['" + name + "']";
                ParameterSpec p = declared.get(name);
                if (p == null) {
                    v.add(field, unknown(spec, declared));
                    return;
                }
                Value converted = legacy(p.type(), value);
                if (converted == null) {
                    v.add(field, "expected " + p.type() + ", got " + value.getValueCase());
                } else {
                    values.put(name, converted);
                }
            });
        }
        return values;
    }

    private static String unknown(PipelineSpec spec, Map<String, ParameterSpec> declared) {
        return "unknown parameter; pipeline '" + spec.pipelineName() + "' "
                + (declared.isEmpty() ? "takes no parameters" : "takes: " + String.join(", ", declared.keySet()));
    }

    /**
     * A parameterType the emulator checks. Others (e.g. TASK_FINAL_STATUS, which the service fills in for exit
     * handlers) are never reported missing: what the service does with them is not documented.
     */
    static boolean known(String type) {
        return switch (type) {
            case "STRING", "NUMBER_INTEGER", "NUMBER_DOUBLE", "BOOLEAN", "LIST", "STRUCT" -> true;
            default -> false;
        };
    }

    /** Whether {@code value} fits a schema 2.1.0 parameterType. */
    static boolean matches(String type, Value value) {
        return switch (type) {
            case "STRING" -> value.getKindCase() == Value.KindCase.STRING_VALUE;
            case "NUMBER_INTEGER" -> value.getKindCase() == Value.KindCase.NUMBER_VALUE
                    && value.getNumberValue() == Math.rint(value.getNumberValue())
                    && !Double.isInfinite(value.getNumberValue());
            case "NUMBER_DOUBLE" -> value.getKindCase() == Value.KindCase.NUMBER_VALUE;
            case "BOOLEAN" -> value.getKindCase() == Value.KindCase.BOOL_VALUE;
            case "LIST" -> value.getKindCase() == Value.KindCase.LIST_VALUE;
            case "STRUCT" -> value.getKindCase() == Value.KindCase.STRUCT_VALUE;
            default -> true; // a type the emulator does not know: let the service's runtime decide
        };
    }

    /** A legacy v1beta1 Value for an INT/DOUBLE/STRING parameter as a protobuf Value, or null on a mismatch. */
    private static Value legacy(String type, com.google.cloud.aiplatform.v1beta1.Value value) {
        return switch (type) {
            case "INT" -> value.hasIntValue() ? number(value.getIntValue()) : null;
            case "DOUBLE" -> value.hasDoubleValue() ? number(value.getDoubleValue())
                    : value.hasIntValue() ? number(value.getIntValue()) : null;
            case "STRING" -> value.hasStringValue() ? Value.newBuilder().setStringValue(value.getStringValue()).build() : null;
            default -> value.hasStringValue() ? Value.newBuilder().setStringValue(value.getStringValue()).build()
                    : number(value.hasIntValue() ? value.getIntValue() : value.getDoubleValue());
        };
    }

    private static Value number(double d) {
        return Value.newBuilder().setNumberValue(d).build();
    }
}
