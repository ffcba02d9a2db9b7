package io.jenkins.plugins.vertexai.cli;

import com.google.auth.Credentials;
import com.google.auth.oauth2.GoogleCredentials;
import io.jenkins.plugins.vertexai.core.client.VertexConnection;
import io.jenkins.plugins.vertexai.core.pipeline.template.PipelineTemplateLoader;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/** A template loader set up like the rest of the CLI: emulators by environment, else Application Default Credentials. */
final class TemplateLoaders {
    /** Google's convention for a Cloud Storage emulator ({@code host:port} or a URL). */
    static final String STORAGE_EMULATOR_HOST = "STORAGE_EMULATOR_HOST";

    private TemplateLoaders() {
    }

    static PipelineTemplateLoader forLocation(String location, VertexConnection connection, String project, Map<String, String> env) {
        PipelineTemplateLoader.Builder b = PipelineTemplateLoader.builder().storageProject(project);
        String storageEmulator = env.get(STORAGE_EMULATOR_HOST);
        if (storageEmulator != null && !storageEmulator.isBlank()) {
            b.storageHost(storageEmulator.startsWith("http") ? storageEmulator : "http://" + storageEmulator);
        }
        String lower = location == null ? "" : location.toLowerCase(Locale.ROOT);
        boolean remote = lower.startsWith("gs://") || lower.startsWith("https://");
        boolean gcsEmulated = lower.startsWith("gs://") && storageEmulator != null && !storageEmulator.isBlank();
        if (remote && !gcsEmulated && !connection.plaintext()) {
            b.credentials(connection.credentials() != null ? connection.credentials() : applicationDefault());
        }
        return b.build();
    }

    private static Credentials applicationDefault() {
        try {
            return GoogleCredentials.getApplicationDefault().createScoped(List.of("https://www.googleapis.com/auth/cloud-platform"));
        } catch (IOException e) {
            throw new UncheckedIOException("no Application Default Credentials to read the template with: "
                    + "run 'gcloud auth application-default login' or use Workload Identity", e);
        }
    }
}
