package io.jenkins.plugins.vertexai.core.pipeline.template;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.jenkins.plugins.vertexai.core.pipeline.TestFiles;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LocalTemplateLoaderTest {
    @TempDir
    Path workspace;

    @Test
    void relativePathsStartAtTheBaseDirectory() throws Exception {
        Files.createDirectories(workspace.resolve("pipelines"));
        Files.copy(TestFiles.resource("typed-params.yaml"), workspace.resolve("pipelines/p.yaml"));
        try (PipelineTemplateLoader loader = PipelineTemplateLoader.builder().baseDirectory(workspace).build()) {
            assertEquals("typed-params", loader.load("pipelines/p.yaml").pipelineName());
            assertEquals("typed-params", loader.load(workspace.resolve("pipelines/p.yaml").toUri().toString()).pipelineName());
            assertEquals("typed-params", loader.load(" " + workspace.resolve("pipelines/p.yaml") + " ").pipelineName());

            TemplateLoadException missing = assertThrows(TemplateLoadException.class, () -> loader.load("pipelines/none.yaml"));
            assertEquals("template file not found: " + workspace.resolve("pipelines/none.yaml"), missing.getMessage());
            TemplateLoadException dir = assertThrows(TemplateLoadException.class, () -> loader.load("pipelines"));
            assertTrue(dir.getMessage().contains("is a directory"), dir.getMessage());
            TemplateLoadException scheme = assertThrows(TemplateLoadException.class, () -> loader.load("s3://bucket/p.yaml"));
            assertTrue(scheme.getMessage().contains("unsupported template location"), scheme.getMessage());
            assertThrows(TemplateLoadException.class, () -> loader.load(" "));
        }
    }
}
