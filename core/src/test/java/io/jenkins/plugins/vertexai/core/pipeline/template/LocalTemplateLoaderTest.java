package io.jenkins.plugins.vertexai.core.pipeline.template;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.jenkins.plugins.vertexai.core.pipeline.TestFiles;
import java.io.RandomAccessFile;
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

    @Test
    void aFileLargerThanTheLimitIsRefusedBeforeItIsRead() throws Exception {
        Path big = workspace.resolve("big.yaml");
        try (RandomAccessFile f = new RandomAccessFile(big.toFile(), "rw")) {
            f.setLength(PipelineTemplateLoader.MAX_BYTES + 1L); // sparse: no disk or time spent
        }
        try (PipelineTemplateLoader loader = PipelineTemplateLoader.builder().baseDirectory(workspace).build()) {
            TemplateLoadException e = assertThrows(TemplateLoadException.class, () -> loader.load("big.yaml"));
            assertEquals("template " + big + " is larger than the template size limit of 64 MB", e.getMessage());
        }
        Files.copy(TestFiles.resource("typed-params.yaml"), workspace.resolve("p.yaml"));
        long size = Files.size(workspace.resolve("p.yaml"));
        try (PipelineTemplateLoader exact = PipelineTemplateLoader.builder().baseDirectory(workspace).maxBytes((int) size).build()) {
            assertEquals("typed-params", exact.load("p.yaml").pipelineName());
        }
        try (PipelineTemplateLoader small = PipelineTemplateLoader.builder().baseDirectory(workspace).maxBytes((int) size - 1).build()) {
            assertThrows(TemplateLoadException.class, () -> small.load("p.yaml"));
        }
    }
}
