package io.jenkins.plugins.vertexai.core.pipeline.template;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.jenkins.plugins.vertexai.core.ValidationException;
import io.jenkins.plugins.vertexai.core.pipeline.TestFiles;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

/** Every compiled KFP sample parses, and every invalid-* one is rejected with a message naming it. Skipped without the samples. */
class KfpSamplesCorpusTest {

    private static Path samples() {
        var dir = TestFiles.kfpSamples();
        assumeTrue(dir.isPresent(), TestFiles.samplesMissingMessage());
        return dir.get();
    }

    private static List<Path> yamlFiles(Path dir) throws IOException {
        try (Stream<Path> files = Files.list(dir)) {
            return files.filter(p -> p.getFileName().toString().endsWith(".yaml")).sorted().toList();
        }
    }

    @TestFactory
    Stream<DynamicTest> everySampleIsParsedOrRejected() throws IOException {
        Path dir = samples();
        List<Path> files = yamlFiles(dir);
        assertFalse(files.isEmpty(), "no samples in " + dir);
        PipelineTemplateLoader loader = PipelineTemplateLoader.builder().baseDirectory(dir).build();
        return files.stream().map(file -> DynamicTest.dynamicTest(file.getFileName().toString(), () -> {
            String name = file.getFileName().toString();
            if (name.startsWith("invalid-")) {
                ValidationException e = assertThrows(ValidationException.class, () -> loader.load(name));
                assertTrue(e.getMessage().contains(name), e.getMessage());
                assertEquals("template", e.problems().get(0).field());
            } else {
                PipelineTemplate t = loader.load(name);
                assertFalse(t.pipelineName().isBlank());
                assertEquals("2.1.0", t.schemaVersion());
                assertTrue(t.pipelineSpec().containsFields("root"));
            }
        }));
    }

    @Test
    void invalidSamplesAreRejectedForTheirOwnReason() throws IOException {
        PipelineTemplateLoader loader = PipelineTemplateLoader.builder().baseDirectory(samples()).build();
        assertMessage(loader, "invalid-empty_file.yaml", "empty file");
        assertMessage(loader, "invalid-invalid_yaml.yaml", "unknown field 'components_1'");
        assertMessage(loader, "invalid-no_name.yaml", "missing pipelineInfo.name");
    }

    @Test
    void samplesKeepTheirParametersAndSecondDocumentStaysOut() throws IOException {
        PipelineTemplateLoader loader = PipelineTemplateLoader.builder().baseDirectory(samples()).build();
        PipelineTemplate iris = loader.load("iris_pipeline_compiled.yaml");
        assertEquals(ParameterType.NUMBER_INTEGER, iris.inputParameters().get("neighbors").type());
        assertEquals(3.0, iris.inputParameters().get("neighbors").defaultValue().getNumberValue());
        assertTrue(iris.inputParameters().get("standard_scaler").defaultValue().getBoolValue());

        PipelineTemplate gpu = loader.load("nvidia_gpu_scheduling_check.yaml");
        assertFalse(gpu.pipelineSpec().containsFields("platforms"));

        PipelineTemplate loops = loader.load("pipeline_with_loops.yaml");
        assertEquals(ParameterType.LIST, loops.inputParameters().get("loop_parameter").type());
        assertEquals(2, loops.inputParameters().get("loop_parameter").defaultValue().getListValue().getValuesCount());
    }

    private static void assertMessage(PipelineTemplateLoader loader, String file, String expected) {
        ValidationException e = assertThrows(ValidationException.class, () -> loader.load(file));
        assertTrue(e.getMessage().contains(expected), e.getMessage());
    }
}
