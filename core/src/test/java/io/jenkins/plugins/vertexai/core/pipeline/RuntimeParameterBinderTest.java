package io.jenkins.plugins.vertexai.core.pipeline;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.cloud.aiplatform.v1beta1.PipelineJob.RuntimeConfig;
import com.google.protobuf.Value;
import io.jenkins.plugins.vertexai.core.ValidationException;
import io.jenkins.plugins.vertexai.core.pipeline.template.PipelineTemplate;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class RuntimeParameterBinderTest {
    private static final PipelineTemplate TYPED = TestFiles.template("typed-params.yaml");
    private static final PipelineTemplate LEGACY = TestFiles.template("legacy-job.json");
    private static final PipelineJobRequestFactory FACTORY = new PipelineJobRequestFactory("gs://default-bucket/root");

    private static PipelineRunSpec.Builder run() {
        return PipelineRunSpec.builder().project("my-project").region("us-central1").runKey("job#1");
    }

    private static RuntimeConfig config(PipelineTemplate t, Map<String, Object> params) {
        return FACTORY.create(t, run().parameterValues(params).build()).pipelineJob().getRuntimeConfig();
    }

    private static ValidationException rejected(PipelineTemplate t, Map<String, Object> params) {
        return assertThrows(ValidationException.class, () -> FACTORY.create(t, run().parameterValues(params).build()));
    }

    @Test
    void textValuesAreConvertedToTheDeclaredTypes() {
        RuntimeConfig c = config(TYPED, Map.of("name", "run-1", "epochs", "10", "rate", "0.25", "verbose", "TRUE",
                "tags", "[\"x\", 2]", "config", "{\"depth\": 3, \"mode\": \"fast\"}"));
        Map<String, Value> v = c.getParameterValuesMap();
        assertEquals("run-1", v.get("name").getStringValue());
        assertEquals(10.0, v.get("epochs").getNumberValue());
        assertEquals(0.25, v.get("rate").getNumberValue());
        assertTrue(v.get("verbose").getBoolValue());
        assertEquals("x", v.get("tags").getListValue().getValues(0).getStringValue());
        assertEquals(2.0, v.get("tags").getListValue().getValues(1).getNumberValue());
        assertEquals(3.0, v.get("config").getStructValue().getFieldsOrThrow("depth").getNumberValue());
        assertEquals(0, c.getParametersCount(), "schema 2.1.0 uses parameter_values only");
    }

    @Test
    void typedValuesAreAccepted() {
        RuntimeConfig c = config(TYPED, Map.of("name", 42, "epochs", 3.0, "rate", 1, "verbose", false,
                "tags", List.of("a", Map.of("b", true)), "config", Map.of("k", List.of(1, 2))));
        Map<String, Value> v = c.getParameterValuesMap();
        assertEquals("42", v.get("name").getStringValue());
        assertEquals(3.0, v.get("epochs").getNumberValue());
        assertEquals(1.0, v.get("rate").getNumberValue());
        assertFalse(v.get("verbose").getBoolValue());
        assertTrue(v.get("tags").getListValue().getValues(1).getStructValue().getFieldsOrThrow("b").getBoolValue());
        assertEquals(2, v.get("config").getStructValue().getFieldsOrThrow("k").getListValue().getValuesCount());
    }

    @Test
    void optionalParametersLeftOutAreNotSent() {
        RuntimeConfig c = config(TYPED, Map.of("name", "n", "epochs", 1));
        assertEquals(java.util.Set.of("name", "epochs"), c.getParameterValuesMap().keySet());
    }

    @Test
    void uncoercibleValuesNameParameterAndType() {
        for (var bad : List.<Map<String, Object>>of(
                Map.of("epochs", "1.5"), Map.of("epochs", 1.5), Map.of("epochs", "ten"), Map.of("epochs", true),
                Map.of("epochs", String.valueOf((1L << 53) + 1)), Map.of("epochs", "1e999999999"))) {
            ValidationException e = rejected(TYPED, Map.of("name", "n", "epochs", bad.get("epochs")));
            assertTrue(e.getMessage().contains("parameter 'epochs' expects NUMBER_INTEGER (a whole number)"), e.getMessage());
        }
        for (Object bad : List.of("yes", "1", "on", 1)) {
            ValidationException e = rejected(TYPED, Map.of("name", "n", "epochs", 1, "verbose", bad));
            assertTrue(e.getMessage().contains("parameter 'verbose' expects BOOLEAN (true or false), but '" + bad + "' is not true or false"), e.getMessage());
        }
        for (Object bad : List.of("NaN", "Infinity", "1e400", "0x10", "1.5d", Double.NaN)) {
            ValidationException e = rejected(TYPED, Map.of("name", "n", "epochs", 1, "rate", bad));
            assertTrue(e.getMessage().contains("parameter 'rate' expects NUMBER_DOUBLE"), e.getMessage());
        }
        ValidationException list = rejected(TYPED, Map.of("name", "n", "epochs", 1, "tags", "{\"a\": 1}"));
        assertTrue(list.getMessage().contains("parameter 'tags' expects LIST"), list.getMessage());
        ValidationException struct = rejected(TYPED, Map.of("name", "n", "epochs", 1, "config", "[1, 2"));
        assertTrue(struct.getMessage().contains("parameter 'config' expects STRUCT"), struct.getMessage());
        assertTrue(struct.getMessage().contains("nor valid JSON"), struct.getMessage());
        ValidationException string = rejected(TYPED, Map.of("name", List.of("a"), "epochs", 1));
        assertTrue(string.getMessage().contains("parameter 'name' expects STRING (text)"), string.getMessage());
    }

    @Test
    void unknownNamesListTheValidOnesAndMissingRequiredAreNamed() {
        ValidationException e = rejected(TYPED, Map.of("epoch", "1", "lr", "0.1"));
        List<String> messages = e.problems().stream().map(ValidationException.Problem::toString).toList();
        assertEquals(2, messages.size(), messages.toString());
        assertTrue(messages.get(0).startsWith("parameterValues: unknown parameters "), messages.toString());
        assertTrue(messages.get(0).endsWith("the pipeline's parameters are name, epochs, rate, verbose, tags, config"), messages.toString());
        assertEquals("parameterValues: missing required parameters: name (STRING (text)), epochs (NUMBER_INTEGER (a whole number))", messages.get(1));
    }

    @Test
    void nullMeansNotGiven() {
        Map<String, Object> params = new java.util.HashMap<>(Map.of("name", "n", "epochs", 1));
        params.put("rate", null);
        assertFalse(config(TYPED, params).containsParameterValues("rate"));
    }

    @Test
    void jobJsonValuesAreDefaultsThatExplicitValuesOverride() {
        PipelineTemplate json = TestFiles.template("job-with-values.json");
        RuntimeConfig defaults = config(json, Map.of());
        assertEquals("from-json", defaults.getParameterValuesOrThrow("name").getStringValue());
        assertEquals(7.0, defaults.getParameterValuesOrThrow("epochs").getNumberValue());
        RuntimeConfig overridden = config(json, Map.of("epochs", "9"));
        assertEquals("from-json", overridden.getParameterValuesOrThrow("name").getStringValue());
        assertEquals(9.0, overridden.getParameterValuesOrThrow("epochs").getNumberValue());
    }

    @Test
    void schema200UsesTheDeprecatedParametersField() {
        RuntimeConfig c = config(LEGACY, Map.of("ratio", "0.5", "count", "12"));
        assertEquals(0, c.getParameterValuesCount());
        assertEquals("hello", c.getParametersOrThrow("message").getStringValue());
        assertEquals(12L, c.getParametersOrThrow("count").getIntValue());
        assertEquals(0.5, c.getParametersOrThrow("ratio").getDoubleValue());
    }

    @Test
    void schema200TypeErrorsUseItsTypeNames() {
        ValidationException e = rejected(LEGACY, Map.of("count", "1.5", "ratio", "x"));
        assertTrue(e.getMessage().contains("parameter 'count' expects INT (a whole number), but '1.5' is not a whole number"), e.getMessage());
        assertTrue(e.getMessage().contains("parameter 'ratio' expects DOUBLE (a number), but 'x' is not a number"), e.getMessage());
        ValidationException missing = rejected(LEGACY, Map.of());
        assertTrue(missing.getMessage().contains("missing required parameter: ratio (DOUBLE (a number))"), missing.getMessage());
        // int64 range, not the 2^53 of a JSON number
        assertEquals(Long.MAX_VALUE, config(LEGACY, Map.of("ratio", 1, "count", String.valueOf(Long.MAX_VALUE)))
                .getParametersOrThrow("count").getIntValue());
    }
}
