package io.jenkins.plugins.vertexai.core.pipeline.template;

import com.google.protobuf.Struct;
import com.google.protobuf.Value;
import io.jenkins.plugins.vertexai.core.Problems;
import io.jenkins.plugins.vertexai.core.ValidationException;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Turns template text into a {@link PipelineTemplate}: a KFP PipelineSpec in YAML (the first document; a later
 * {@code platforms:} document is not part of it) or JSON, or a PipelineJob JSON with a top-level
 * {@code pipelineSpec}. Text starting with '{' is read as strict JSON, anything else as YAML.
 *
 * <p>Every rejection is a {@link ValidationException} on field {@code template} whose message starts with the
 * source. The checks are the ones KFP itself makes on load: a name, a root component, a known schema version and
 * no fields a PipelineSpec does not have (so a misspelt {@code components} is caught here, not at run time).
 */
public final class PipelineTemplateParser {
    public static final List<String> SCHEMA_VERSIONS = List.of(PipelineTemplate.LEGACY_SCHEMA_VERSION, PipelineTemplate.SCHEMA_VERSION);
    /** KFP IR 2.x: 2.0.0 takes the deprecated {@code parameters}, every later 2.x {@code parameterValues}. */
    private static final java.util.regex.Pattern SCHEMA_2X = java.util.regex.Pattern.compile("2\\.\\d{1,4}\\.\\d{1,4}");
    /** The fields of ml_pipelines.PipelineSpec, in their JSON names. */
    public static final List<String> SPEC_FIELDS = List.of("components", "defaultPipelineRoot", "deploymentSpec",
            "pipelineInfo", "root", "schemaVersion", "sdkVersion");
    private static final String FIELD = "template";

    private PipelineTemplateParser() {
    }

    /** Parses UTF-8 bytes (a leading byte order mark is ignored). */
    public static PipelineTemplate parse(byte[] content, String source) {
        String text;
        try {
            text = StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT).decode(ByteBuffer.wrap(content)).toString();
        } catch (CharacterCodingException e) {
            throw ValidationException.of(FIELD, source + ": not UTF-8 text");
        }
        return parse(text, source);
    }

    public static PipelineTemplate parse(String text, String source) {
        if (text.startsWith("\uFEFF")) {
            text = text.substring(1);
        }
        if (text.isBlank()) {
            throw ValidationException.of(FIELD, source + ": empty file");
        }
        Value document = read(text, source);
        if (!document.hasStructValue()) {
            throw ValidationException.of(FIELD, source + ": expected a mapping (a KFP PipelineSpec or a PipelineJob JSON), found " + kind(document));
        }
        return new Reading(source).template(document.getStructValue());
    }

    private static Value read(String text, String source) {
        if (text.stripLeading().startsWith("{")) {
            try {
                return JsonStructReader.read(text);
            } catch (IllegalArgumentException e) {
                throw ValidationException.of(FIELD, source + ": invalid JSON " + e.getMessage());
            }
        }
        return YamlStructReader.readFirstDocument(text, source)
                .orElseThrow(() -> ValidationException.of(FIELD, source + ": empty file: no YAML document, only comments"));
    }

    static String kind(Value v) {
        return switch (v.getKindCase()) {
            case NULL_VALUE, KIND_NOT_SET -> "nothing (an empty document)";
            case NUMBER_VALUE -> "a number";
            case STRING_VALUE -> "a string";
            case BOOL_VALUE -> "a boolean";
            case STRUCT_VALUE -> "a mapping";
            case LIST_VALUE -> "a list";
        };
    }

    /** One parse: collects every problem of the document before throwing them together. */
    private static final class Reading {
        private final String source;
        private final Problems problems = new Problems();

        Reading(String source) {
            this.source = source;
        }

        PipelineTemplate template(Struct top) {
            Struct spec = top;
            Struct job = null;
            if (top.containsFields("pipelineSpec")) {
                job = top;
                Value v = top.getFieldsOrThrow("pipelineSpec");
                if (!v.hasStructValue()) {
                    throw ValidationException.of(FIELD, source + ": pipelineSpec must be a mapping, found " + kind(v));
                }
                spec = v.getStructValue();
            }
            for (String key : spec.getFieldsMap().keySet()) {
                if (!SPEC_FIELDS.contains(key)) {
                    problem("unknown field '" + key + "' in the pipeline spec; a KFP PipelineSpec has only " + String.join(", ", SPEC_FIELDS));
                }
            }
            String schemaVersion = schemaVersion(spec);
            String name = string(struct(spec, "pipelineInfo"), "name", "pipelineInfo.name");
            if (name == null || name.isBlank()) {
                problem("missing pipelineInfo.name (the pipeline's name)");
            }
            Struct root = struct(spec, "root");
            if (root == null) {
                problem("missing root (the pipeline's main component)");
            }
            String defaultRoot = string(spec, "defaultPipelineRoot", "defaultPipelineRoot");
            Struct inputs = root == null ? null : struct(root, "inputDefinitions");
            Map<String, PipelineParameter> parameters = schemaVersion == null ? Map.of()
                    : parameters(struct(inputs, "parameters"), PipelineTemplate.LEGACY_SCHEMA_VERSION.equals(schemaVersion));
            Set<String> artifacts = new LinkedHashSet<>();
            Struct artifactDefs = struct(inputs, "artifacts");
            if (artifactDefs != null) {
                artifacts.addAll(artifactDefs.getFieldsMap().keySet());
            }

            Map<String, Value> parameterValues = Map.of();
            Map<String, Object> legacyValues = Map.of();
            String gcsOutputDirectory = null;
            Map<String, String> labels = Map.of();
            String displayName = null;
            if (job != null) {
                Struct runtimeConfig = struct(job, "runtimeConfig");
                Struct values = struct(runtimeConfig, "parameterValues");
                parameterValues = values == null ? Map.of() : values.getFieldsMap();
                legacyValues = legacyValues(struct(runtimeConfig, "parameters"));
                gcsOutputDirectory = string(runtimeConfig, "gcsOutputDirectory", "runtimeConfig.gcsOutputDirectory");
                labels = labels(struct(job, "labels"));
                displayName = string(job, "displayName", "displayName");
            }
            problems.throwIfAny();
            return new PipelineTemplate(source, spec, name, schemaVersion, blankToNull(defaultRoot), parameters, artifacts,
                    parameterValues, legacyValues, blankToNull(gcsOutputDirectory), labels, blankToNull(displayName), null);
        }

        private String schemaVersion(Struct spec) {
            Value v = spec.getFieldsOrDefault("schemaVersion", null);
            String supported = " (supported: 2.0.0 and later 2.x versions such as 2.1.0)";
            if (v == null) {
                problem("missing schemaVersion" + supported);
                return null;
            }
            if (!v.hasStringValue() || !SCHEMA_2X.matcher(v.getStringValue()).matches()) {
                problem("unsupported schemaVersion '" + text(v) + "'" + supported);
                return null;
            }
            return v.getStringValue();
        }

        private Map<String, PipelineParameter> parameters(Struct defs, boolean legacy) {
            Map<String, PipelineParameter> result = new LinkedHashMap<>();
            if (defs == null) {
                return result;
            }
            String typeField = legacy ? "type" : "parameterType";
            defs.getFieldsMap().forEach((name, v) -> {
                String where = "root.inputDefinitions.parameters." + name;
                if (!v.hasStructValue()) {
                    problem(where + " must be a mapping, found " + kind(v));
                    return;
                }
                Struct def = v.getStructValue();
                String typeName = string(def, typeField, where + "." + typeField);
                var type = legacy ? ParameterType.ofLegacyType(typeName) : ParameterType.ofParameterType(typeName);
                if (type.isEmpty() && !legacy && typeName != null && !typeName.isBlank()) {
                    type = java.util.Optional.of(ParameterType.OTHER); // e.g. TASK_FINAL_STATUS: the service's to fill in
                }
                if (type.isEmpty()) {
                    String expected = legacy ? "STRING, INT, DOUBLE" : "STRING, NUMBER_INTEGER, NUMBER_DOUBLE, BOOLEAN, LIST, STRUCT";
                    problem(where + ": " + (typeName == null ? "missing " + typeField : "unsupported " + typeField + " '" + typeName + "'")
                            + " (schema " + (legacy ? PipelineTemplate.LEGACY_SCHEMA_VERSION : PipelineTemplate.SCHEMA_VERSION)
                            + " expects one of " + expected + ")");
                    return;
                }
                Value isOptional = def.getFieldsOrDefault("isOptional", null);
                if (isOptional != null && !isOptional.hasBoolValue()) {
                    problem(where + ".isOptional must be true or false, found " + kind(isOptional));
                }
                Value defaultValue = def.getFieldsOrDefault("defaultValue", null);
                result.put(name, new PipelineParameter(name, type.get(), defaultValue,
                        isOptional != null && isOptional.getBoolValue(), string(def, "description", where + ".description"),
                        typeName));
            });
            return result;
        }

        /** Deprecated {@code runtimeConfig.parameters}: each a v1beta1 Value, {stringValue|intValue|doubleValue}. */
        private Map<String, Object> legacyValues(Struct parameters) {
            Map<String, Object> result = new LinkedHashMap<>();
            if (parameters == null) {
                return result;
            }
            parameters.getFieldsMap().forEach((name, v) -> {
                String where = "runtimeConfig.parameters." + name;
                Struct value = v.hasStructValue() ? v.getStructValue() : null;
                if (value == null || value.getFieldsCount() != 1) {
                    problem(where + " must be a mapping with one of stringValue, intValue, doubleValue");
                    return;
                }
                var entry = value.getFieldsMap().entrySet().iterator().next();
                Value x = entry.getValue();
                try {
                    switch (entry.getKey()) {
                        case "stringValue" -> result.put(name, requireString(x));
                        case "intValue" -> result.put(name, x.hasStringValue() ? Long.parseLong(x.getStringValue().trim()) : exactLong(x));
                        case "doubleValue" -> result.put(name, finite(x.hasStringValue() ? Double.parseDouble(x.getStringValue().trim()) : requireNumber(x)));
                        default -> problem(where + ": unknown field '" + entry.getKey() + "' (expected stringValue, intValue or doubleValue)");
                    }
                } catch (IllegalArgumentException e) {
                    problem(where + "." + entry.getKey() + ": '" + text(x) + "' is not a valid value");
                }
            });
            return result;
        }

        private Map<String, String> labels(Struct labels) {
            Map<String, String> result = new LinkedHashMap<>();
            if (labels != null) {
                labels.getFieldsMap().forEach((k, v) -> {
                    if (v.hasStringValue()) {
                        result.put(k, v.getStringValue());
                    } else {
                        problem("labels." + k + " must be a string, found " + kind(v));
                    }
                });
            }
            return result;
        }

        /** The mapping at {@code key}, or null when absent (a present non-mapping is a problem). */
        private Struct struct(Struct parent, String key) {
            Value v = parent == null ? null : parent.getFieldsOrDefault(key, null);
            if (v == null || v.hasNullValue()) {
                return null;
            }
            if (!v.hasStructValue()) {
                problem(key + " must be a mapping, found " + kind(v));
                return null;
            }
            return v.getStructValue();
        }

        private String string(Struct parent, String key, String path) {
            Value v = parent == null ? null : parent.getFieldsOrDefault(key, null);
            if (v == null || v.hasNullValue()) {
                return null;
            }
            if (!v.hasStringValue()) {
                problem(path + " must be a string, found " + kind(v));
                return null;
            }
            return v.getStringValue();
        }

        private void problem(String message) {
            problems.add(FIELD, source + ": " + message);
        }
    }

    private static String requireString(Value v) {
        if (!v.hasStringValue()) {
            throw new IllegalArgumentException();
        }
        return v.getStringValue();
    }

    private static double requireNumber(Value v) {
        if (!v.hasNumberValue()) {
            throw new IllegalArgumentException();
        }
        return v.getNumberValue();
    }

    private static double finite(double d) {
        if (!Double.isFinite(d)) {
            throw new IllegalArgumentException();
        }
        return d;
    }

    private static long exactLong(Value v) {
        double d = requireNumber(v);
        if (d != Math.rint(d) || Math.abs(d) > 0x1p53) {
            throw new IllegalArgumentException();
        }
        return (long) d;
    }

    private static String text(Value v) {
        return switch (v.getKindCase()) {
            case STRING_VALUE -> v.getStringValue();
            case NUMBER_VALUE -> Double.toString(v.getNumberValue());
            case BOOL_VALUE -> Boolean.toString(v.getBoolValue());
            default -> kind(v);
        };
    }

    private static String blankToNull(String s) {
        return s == null || s.isBlank() ? null : s;
    }
}
