package io.jenkins.plugins.vertexai.core.job;

import com.google.cloud.aiplatform.v1beta1.Artifact;
import com.google.cloud.aiplatform.v1beta1.PipelineTaskDetail;
import com.google.protobuf.Struct;
import com.google.protobuf.Value;
import io.jenkins.plugins.vertexai.core.PlainMap;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A task's outputs as plain values: output parameters from the {@code output:NAME} entries of its execution's
 * metadata (where Vertex AI Pipelines records them), artifacts from {@code PipelineTaskDetail.outputs} (uri, schema
 * title, metadata; the first artifact of each output), and the numbers its {@code system.Metrics} artifacts log.
 */
final class TaskOutputs {
    static final String METRICS_SCHEMA = "system.Metrics";
    private static final String OUTPUT_PREFIX = "output:";

    private TaskOutputs() {
    }

    /** {@code {parameters: {name: value}, artifacts: {name: {uri, schemaTitle, metadata}}}}, empty maps left out. */
    static Map<String, Object> of(PipelineTaskDetail t) {
        Map<String, Object> parameters = new LinkedHashMap<>();
        t.getExecution().getMetadata().getFieldsMap().forEach((key, value) -> {
            if (key.startsWith(OUTPUT_PREFIX)) {
                parameters.put(key.substring(OUTPUT_PREFIX.length()), plain(value));
            }
        });
        Map<String, Object> artifacts = new LinkedHashMap<>();
        t.getOutputsMap().forEach((name, list) -> {
            if (list.getArtifactsCount() > 0) {
                Artifact a = list.getArtifacts(0);
                artifacts.put(name, new PlainMap().put("uri", a.getUri()).put("schemaTitle", a.getSchemaTitle())
                        .put("metadata", plain(a.getMetadata())).build());
            }
        });
        PlainMap out = new PlainMap();
        if (!parameters.isEmpty()) {
            out.put("parameters", parameters);
        }
        if (!artifacts.isEmpty()) {
            out.put("artifacts", artifacts);
        }
        return out.build();
    }

    /** The numeric metadata of the task's {@code system.Metrics} artifacts: metric name → number. */
    static Map<String, Double> metrics(PipelineTaskDetail t) {
        Map<String, Double> metrics = new LinkedHashMap<>();
        t.getOutputsMap().values().forEach(list -> list.getArtifactsList().stream()
                .filter(a -> METRICS_SCHEMA.equals(a.getSchemaTitle()))
                .forEach(a -> a.getMetadata().getFieldsMap().forEach((name, v) -> {
                    if (v.getKindCase() == Value.KindCase.NUMBER_VALUE) {
                        metrics.put(name, v.getNumberValue());
                    }
                })));
        return metrics;
    }

    /** A protobuf value as String/Number/Boolean/List/Map (whole numbers as Long), null for null. */
    static Object plain(Value v) {
        return switch (v.getKindCase()) {
            case NUMBER_VALUE -> {
                double d = v.getNumberValue();
                yield d == Math.rint(d) && Math.abs(d) < 0x1p53 ? (Object) (long) d : (Object) d;
            }
            case STRING_VALUE -> v.getStringValue();
            case BOOL_VALUE -> v.getBoolValue();
            case STRUCT_VALUE -> plain(v.getStructValue());
            case LIST_VALUE -> {
                List<Object> list = new ArrayList<>();
                v.getListValue().getValuesList().forEach(e -> list.add(plain(e)));
                yield list;
            }
            default -> null;
        };
    }

    static Map<String, Object> plain(Struct s) {
        Map<String, Object> m = new LinkedHashMap<>();
        s.getFieldsMap().forEach((k, v) -> m.put(k, plain(v)));
        return m;
    }
}
