package io.jenkins.plugins.vertexai.core.pipeline;

import io.jenkins.plugins.vertexai.core.pipeline.template.PipelineTemplate;
import io.jenkins.plugins.vertexai.core.pipeline.template.PipelineTemplateLoader;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

/** Test inputs: our own small specs (test resources) and, when present, the shared compiled KFP samples. */
public final class TestFiles {
    /** System property naming the KFP samples folder; else {@code ../shared/kfp-samples} from the repository root. */
    public static final String KFP_SAMPLES_PROPERTY = "kfp.samples.dir";

    private TestFiles() {
    }

    /** A file under src/test/resources/pipeline, as a real path. */
    public static Path resource(String name) {
        try {
            var url = TestFiles.class.getResource("/pipeline/" + name);
            if (url == null) {
                throw new IllegalArgumentException("no test resource pipeline/" + name);
            }
            return Path.of(url.toURI());
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    public static PipelineTemplate template(String name) {
        try (PipelineTemplateLoader loader = PipelineTemplateLoader.builder().build()) {
            return loader.load(resource(name));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The compiled KFP samples folder, if this machine has it. */
    public static Optional<Path> kfpSamples() {
        String property = System.getProperty(KFP_SAMPLES_PROPERTY);
        if (property != null && !property.isBlank()) {
            Path p = Path.of(property);
            return Files.isDirectory(p) ? Optional.of(p) : Optional.empty();
        }
        for (Path dir = Path.of("").toAbsolutePath(); dir != null; dir = dir.getParent()) {
            if (Files.exists(dir.resolve(".git"))) { // the repository (or worktree) root
                Path samples = dir.resolve("../shared/kfp-samples").normalize();
                return Files.isDirectory(samples) ? Optional.of(samples) : Optional.empty();
            }
        }
        return Optional.empty();
    }

    public static String samplesMissingMessage() {
        return "KFP samples not found: set -D" + KFP_SAMPLES_PROPERTY + "=DIR or place them at ../shared/kfp-samples next to the repository";
    }
}
