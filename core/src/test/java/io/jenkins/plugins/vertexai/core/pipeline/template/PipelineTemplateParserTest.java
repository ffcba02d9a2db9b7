package io.jenkins.plugins.vertexai.core.pipeline.template;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.protobuf.Struct;
import com.google.protobuf.Value;
import io.jenkins.plugins.vertexai.core.ValidationException;
import io.jenkins.plugins.vertexai.core.pipeline.TestFiles;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

class PipelineTemplateParserTest {
    private static final String MINIMAL = "pipelineInfo:\n  name: p\nroot:\n  dag:\n    tasks: {}\nschemaVersion: 2.1.0\n";

    private static Struct field(Struct s, String... path) {
        Struct cur = s;
        for (String p : path) {
            cur = cur.getFieldsOrThrow(p).getStructValue();
        }
        return cur;
    }

    private static ValidationException rejected(String text) {
        return assertThrows(ValidationException.class, () -> PipelineTemplateParser.parse(text, "my.yaml"));
    }

    @Test
    void yamlScalarsAreTypedAsYaml11ButTimestampsStayText() {
        PipelineTemplate t = TestFiles.template("scalars.yaml");
        Struct d = t.pipelineSpec().getFieldsOrThrow("deploymentSpec").getStructValue();

        Struct ints = field(d, "ints");
        assertEquals(3.0, ints.getFieldsOrThrow("plain").getNumberValue());
        assertEquals(-7.0, ints.getFieldsOrThrow("negative").getNumberValue());
        assertEquals(31.0, ints.getFieldsOrThrow("hex").getNumberValue());
        assertEquals(15.0, ints.getFieldsOrThrow("octal").getNumberValue()); // YAML 1.1, as PyYAML
        assertEquals(1000.0, ints.getFieldsOrThrow("underscored").getNumberValue());
        assertEquals(12345678901234567890.0, ints.getFieldsOrThrow("big").getNumberValue());

        Struct floats = field(d, "floats");
        assertEquals(2.5, floats.getFieldsOrThrow("plain").getNumberValue());
        assertEquals(1500.0, floats.getFieldsOrThrow("exponent").getNumberValue());
        assertEquals(0.5, floats.getFieldsOrThrow("leading_dot").getNumberValue());

        field(d, "nulls").getFieldsMap().forEach((k, v) -> assertTrue(v.hasNullValue(), k));

        Struct bools = field(d, "bools");
        assertTrue(bools.getFieldsOrThrow("yes_word").getBoolValue());
        assertTrue(bools.getFieldsOrThrow("on_word").getBoolValue());
        assertFalse(bools.getFieldsOrThrow("off_word").getBoolValue());
        assertTrue(bools.getFieldsOrThrow("true_word").getBoolValue());

        Struct ts = field(d, "timestamps");
        assertEquals("2024-01-01", ts.getFieldsOrThrow("date").getStringValue());
        assertEquals("2024-01-01T10:00:00Z", ts.getFieldsOrThrow("datetime").getStringValue());
        assertEquals("2001-12-14", ts.getFieldsOrThrow("tagged").getStringValue());

        Struct strings = field(d, "strings");
        assertEquals("3", strings.getFieldsOrThrow("quoted_number").getStringValue());
        assertEquals("yes", strings.getFieldsOrThrow("quoted_bool").getStringValue());
        assertEquals("2.1.0", strings.getFieldsOrThrow("version").getStringValue());

        List<Value> nested = d.getFieldsOrThrow("nested").getListValue().getValuesList();
        Value inner = nested.get(0).getListValue().getValues(1).getListValue().getValues(1);
        assertEquals(3.0, inner.getListValue().getValues(0).getNumberValue());
        Struct a = nested.get(1).getStructValue();
        assertTrue(a.getFieldsOrThrow("a").getListValue().getValues(0).hasNullValue());
        assertTrue(a.getFieldsOrThrow("a").getListValue().getValues(1).getStructValue().getFieldsOrThrow("b").getBoolValue());
    }

    @Test
    void nanAndInfinityAreRejectedWithTheirLine() {
        for (String bad : List.of(".nan", ".inf", "-.Inf", "1.0e+999")) {
            ValidationException e = rejected(MINIMAL + "deploymentSpec:\n  x: " + bad + "\n");
            assertEquals("template", e.problems().get(0).field());
            assertTrue(e.getMessage().contains("my.yaml: invalid YAML at line 8"), e.getMessage());
            assertTrue(e.getMessage().contains("not a finite number"), e.getMessage());
        }
    }

    @Test
    void syntaxErrorsNameSourceAndLine() {
        ValidationException e = rejected("pipelineInfo:\n  name: p\nroot: [unclosed\nschemaVersion: 2.1.0\n");
        assertTrue(e.getMessage().startsWith("template: my.yaml: invalid YAML at line "), e.getMessage());
    }

    @Test
    void duplicateKeysAreRejected() {
        ValidationException e = rejected(MINIMAL + "schemaVersion: 2.0.0\n");
        assertTrue(e.getMessage().contains("duplicate key 'schemaVersion'"), e.getMessage());
        assertTrue(e.getMessage().contains("line 7"), e.getMessage());
    }

    @Test
    void mergeKeysAndAliasesAreExpanded() {
        PipelineTemplate t = PipelineTemplateParser.parse(MINIMAL
                + "deploymentSpec:\n  base: &b {image: alpine, tag: 1}\n  child: {<<: *b, tag: 2}\n  copy: *b\n", "m.yaml");
        Struct d = t.pipelineSpec().getFieldsOrThrow("deploymentSpec").getStructValue();
        assertEquals("alpine", field(d, "child").getFieldsOrThrow("image").getStringValue());
        assertEquals(2.0, field(d, "child").getFieldsOrThrow("tag").getNumberValue());
        assertEquals(field(d, "base"), field(d, "copy"));
    }

    @Test
    void recursiveAliasesAreRejected() {
        ValidationException e = rejected(MINIMAL + "deploymentSpec:\n  loop: &l [1, *l]\n");
        assertTrue(e.getMessage().contains("contains it"), e.getMessage());
    }

    @Test
    void documentsAboveSnakeYamlsDefaultSizeLimitParse() {
        // 3.4 MB in many lines, above SnakeYAML's 3 MB default (one huge scalar would be slow to scan, not realistic)
        StringBuilder yaml = new StringBuilder(MINIMAL).append("deploymentSpec:\n");
        for (int i = 0; i < 32_000; i++) {
            yaml.append("  key").append(i).append(": ").append("x".repeat(96)).append('\n');
        }
        assertTrue(yaml.length() > 3 << 20);
        PipelineTemplate t = PipelineTemplateParser.parse(yaml.toString(), "big.yaml");
        assertEquals(32_000, t.pipelineSpec().getFieldsOrThrow("deploymentSpec").getStructValue().getFieldsCount());
    }

    @Test
    void onlyTheFirstDocumentIsTheSpec() {
        PipelineTemplate t = TestFiles.template("multi-doc.yaml");
        assertEquals("multi-doc", t.pipelineName());
        assertFalse(t.pipelineSpec().containsFields("platforms"));
        ValidationException e = rejected(MINIMAL + "---\nplatforms: [broken\n");
        assertTrue(e.getMessage().contains("invalid YAML at line"), e.getMessage());
    }

    @Test
    void pipelineSpecAsJson() {
        PipelineTemplate t = PipelineTemplateParser.parse(
                "{\"pipelineInfo\": {\"name\": \"j\"}, \"root\": {\"dag\": {\"tasks\": {}}}, \"schemaVersion\": \"2.1.0\","
                        + " \"deploymentSpec\": {\"n\": 3, \"z\": null, \"l\": [1, [true]], \"d\": \"2024-01-01\"}}", "p.json");
        Struct d = t.pipelineSpec().getFieldsOrThrow("deploymentSpec").getStructValue();
        assertEquals(3.0, d.getFieldsOrThrow("n").getNumberValue());
        assertTrue(d.getFieldsOrThrow("z").hasNullValue());
        assertTrue(d.getFieldsOrThrow("l").getListValue().getValues(1).getListValue().getValues(0).getBoolValue());
        assertEquals("2024-01-01", d.getFieldsOrThrow("d").getStringValue());
        assertNull(t.templateUri());
    }

    @Test
    void pipelineJobJsonKeepsItsRuntimeConfigAsDefaults() {
        PipelineTemplate t = TestFiles.template("job-with-values.json");
        assertEquals("json-job", t.pipelineName());
        assertEquals("from json", t.displayName());
        assertEquals("gs://json-bucket/out", t.gcsOutputDirectory());
        assertEquals("from-json", t.runtimeParameterValues().get("name").getStringValue());
        assertEquals(7.0, t.runtimeParameterValues().get("epochs").getNumberValue());
        assertFalse(t.pipelineSpec().containsFields("runtimeConfig"));

        PipelineTemplate legacy = TestFiles.template("legacy-job.json");
        assertTrue(legacy.legacyParameters());
        assertEquals("hello", legacy.runtimeParameters().get("message"));
        assertEquals(3L, legacy.runtimeParameters().get("count"));
        assertEquals(ParameterType.NUMBER_INTEGER, legacy.inputParameters().get("count").type());
        assertEquals(ParameterType.NUMBER_DOUBLE, legacy.inputParameters().get("ratio").type());
        assertEquals("ml", legacy.labels().get("team"));
    }

    @Test
    void invalidJsonNamesTheLine() {
        ValidationException e = assertThrows(ValidationException.class,
                () -> PipelineTemplateParser.parse("{\n  \"pipelineSpec\": {\n    \"root\": }\n}", "job.json"));
        assertTrue(e.getMessage().startsWith("template: job.json: invalid JSON at line 3"), e.getMessage());
    }

    @Test
    void jsonNanDuplicatesAndTrailingDataAreRejected() {
        for (String bad : List.of("{\"a\": NaN}", "{\"a\": 1e999}", "{\"a\": 1, \"a\": 2}", "{\"a\": 1} x", "{\"a\": 1 // c\n}")) {
            ValidationException e = assertThrows(ValidationException.class, () -> PipelineTemplateParser.parse(bad, "j.json"), bad);
            assertTrue(e.getMessage().contains("j.json: invalid JSON at line 1"), bad + " -> " + e.getMessage());
        }
    }

    @Test
    void emptyInputsAreRejected() {
        for (String empty : List.of("", "  \n\t\n", "# only\n# comments\n")) {
            assertTrue(rejected(empty).getMessage().contains("my.yaml: empty file"), empty);
        }
        assertTrue(rejected("---\n").getMessage().contains("found nothing (an empty document)"));
        assertTrue(rejected("- a\n- b\n").getMessage().contains("found a list"));
    }

    @Test
    void missingNameRootAndSchemaAreAllReportedTogether() {
        ValidationException e = rejected("pipelineInfo:\n  name:\ndeploymentSpec: {}\n");
        List<String> messages = e.problems().stream().map(ValidationException.Problem::message).toList();
        assertEquals(3, messages.size(), messages.toString());
        assertTrue(messages.contains("my.yaml: missing pipelineInfo.name (the pipeline's name)"), messages.toString());
        assertTrue(messages.contains("my.yaml: missing root (the pipeline's main component)"), messages.toString());
        assertTrue(messages.contains("my.yaml: missing schemaVersion (supported: 2.0.0 and later 2.x versions such as 2.1.0)"), messages.toString());
    }

    @Test
    void unknownSchemaVersionAndFieldsAreRejected() {
        assertTrue(rejected(MINIMAL.replace("2.1.0", "3.0.0")).getMessage()
                .contains("unsupported schemaVersion '3.0.0' (supported: 2.0.0 and later 2.x versions such as 2.1.0)"));
        assertFalse(PipelineTemplateParser.parse(MINIMAL.replace("2.1.0", "2.3.1").getBytes(StandardCharsets.UTF_8), "v.yaml")
                .legacyParameters(), "a schema above 2.0.0 takes parameterValues");
        assertTrue(rejected(MINIMAL.replace("2.1.0", "2.1")).getMessage().contains("unsupported schemaVersion '2.1'"));
        assertTrue(rejected(MINIMAL + "components_1: {}\n").getMessage().contains("unknown field 'components_1'"));
    }

    @Test
    void nonUtf8IsRejected() {
        byte[] latin1 = (MINIMAL + "deploymentSpec: {x: caf\u00e9}\n").getBytes(StandardCharsets.ISO_8859_1);
        ValidationException e = assertThrows(ValidationException.class, () -> PipelineTemplateParser.parse(latin1, "l.yaml"));
        assertEquals("template: l.yaml: not UTF-8 text", e.getMessage());
        PipelineTemplate withBom = PipelineTemplateParser.parse(("\uFEFF" + MINIMAL).getBytes(StandardCharsets.UTF_8), "bom.yaml");
        assertEquals("p", withBom.pipelineName());
    }

    @Test
    void rootInputDefinitionsAreRead() {
        PipelineTemplate t = TestFiles.template("typed-params.yaml");
        assertEquals(List.of("name", "epochs", "rate", "verbose", "tags", "config"), List.copyOf(t.inputParameters().keySet()));
        assertEquals(ParameterType.STRING, t.inputParameters().get("name").type());
        assertTrue(t.inputParameters().get("name").required());
        PipelineParameter rate = t.inputParameters().get("rate");
        assertEquals(0.5, rate.defaultValue().getNumberValue());
        assertTrue(rate.optional());
        assertFalse(rate.required());
        assertEquals(ParameterType.STRUCT, t.inputParameters().get("config").type());
        assertEquals(List.of("dataset"), List.copyOf(t.inputArtifacts()));
        assertFalse(t.legacyParameters());
        assertNull(t.defaultPipelineRoot());
        assertEquals("gs://spec-bucket/root", TestFiles.template("nested-dags.yaml").defaultPipelineRoot());
    }

    @Test
    void aMissingParameterTypeIsRejected() {
        ValidationException e = rejected(MINIMAL.replace("root:\n  dag:\n    tasks: {}\n",
                "root:\n  dag:\n    tasks: {}\n  inputDefinitions:\n    parameters:\n      a: {parameterType: NUMBER_INTEGER}\n      b: {type: STRING}\n"));
        assertEquals(1, e.problems().size(), e.getMessage());
        assertTrue(e.getMessage().contains("root.inputDefinitions.parameters.b: missing parameterType"), e.getMessage());
    }

    @Test
    void aParameterTypeCoreDoesNotKnowIsKeptForTheService() {
        PipelineTemplate t = PipelineTemplateParser.parse(MINIMAL.replace("root:\n  dag:\n    tasks: {}\n",
                "root:\n  dag:\n    tasks: {}\n  inputDefinitions:\n    parameters:\n      status: {parameterType: TASK_FINAL_STATUS}\n")
                .getBytes(StandardCharsets.UTF_8), "my.yaml");
        PipelineParameter status = t.inputParameters().get("status");
        assertEquals(ParameterType.OTHER, status.type());
        assertEquals("TASK_FINAL_STATUS", status.typeName());
        assertFalse(status.required(), "the service fills it in or decides");
    }
}
