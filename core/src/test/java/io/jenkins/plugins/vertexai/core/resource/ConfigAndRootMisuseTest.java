package io.jenkins.plugins.vertexai.core.resource;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.jenkins.plugins.vertexai.core.ValidationException;
import io.jenkins.plugins.vertexai.core.pipeline.PipelineRootResolver;
import io.jenkins.plugins.vertexai.core.pipeline.template.PipelineTemplate;
import io.jenkins.plugins.vertexai.core.pipeline.template.PipelineTemplateParser;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Messages for a config directory and a too-short bucket name say what is expected (issue 10). */
class ConfigAndRootMisuseTest {
    @Test
    void aConfigDirectoryIsNamedAsSuch(@TempDir Path dir) {
        ValidationException e = assertThrows(ValidationException.class, () -> PersistentResourceConfigFile.read(dir));
        assertTrue(e.getMessage().contains("is a directory"), e.getMessage());
        assertFalse(e.getMessage().contains("IOException"), e.getMessage());
    }

    @Test
    void aShortBucketNameSaysTheRule() {
        PipelineTemplate t = PipelineTemplateParser.parse(("pipelineInfo:\n  name: p\nroot:\n  dag:\n    tasks: {}\n"
                + "schemaVersion: 2.1.0\n").getBytes(StandardCharsets.UTF_8), "p.yaml");
        ValidationException e = assertThrows(ValidationException.class, () -> PipelineRootResolver.resolve("gs://b/root", t, null));
        assertTrue(e.getMessage().contains("3 to 63"), e.getMessage());
    }
}
