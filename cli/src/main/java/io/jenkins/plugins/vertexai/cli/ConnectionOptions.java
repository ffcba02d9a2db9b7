package io.jenkins.plugins.vertexai.cli;

import com.google.auth.Credentials;
import com.google.auth.oauth2.GoogleCredentials;
import io.jenkins.plugins.vertexai.core.ValidationException;
import io.jenkins.plugins.vertexai.core.client.VertexConnection;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import picocli.CommandLine.Option;

/** Where to talk to: project, region and an optional endpoint; the emulator is chosen by the environment. */
final class ConnectionOptions {
    @Option(names = "--project", description = "Google Cloud project id (default: $CLOUDSDK_CORE_PROJECT or $GOOGLE_CLOUD_PROJECT)")
    String project;

    @Option(names = "--region", description = "Vertex AI region, e.g. us-central1 (default: $CLOUDSDK_AI_REGION)")
    String region;

    @Option(names = "--api-endpoint", description = "Endpoint override: host:port, https://host, or http://host:port for a plaintext emulator")
    String apiEndpoint;

    @Option(names = "--credential-file", paramLabel = "KEY_JSON",
            description = "A Google credentials file (a service-account key) to call Vertex AI with instead of Application "
                    + "Default Credentials; with an emulator started with --require-auth, a key it generated")
    Path credentialFile;

    /** Loaded once, so that every call of a command shares one client. */
    private Credentials credentials;

    String project() {
        return project != null ? project : firstEnv("CLOUDSDK_CORE_PROJECT", "GOOGLE_CLOUD_PROJECT");
    }

    String region() {
        return region != null ? region : firstEnv("CLOUDSDK_AI_REGION");
    }

    /**
     * The {@code --credential-file} credentials, else Application Default Credentials, unless VERTEX_AI_EMULATOR_HOST
     * (without VERTEX_AI_EMULATOR_CA) or a plaintext endpoint is used.
     */
    VertexConnection connection(String effectiveRegion) {
        return VertexConnection.resolve(effectiveRegion, apiEndpoint, credentials(), System.getenv());
    }

    private Credentials credentials() {
        if (credentialFile == null || credentials != null) {
            return credentials;
        }
        try (InputStream in = Files.newInputStream(credentialFile)) {
            credentials = GoogleCredentials.fromStream(in).createScoped(List.of("https://www.googleapis.com/auth/cloud-platform"));
            return credentials;
        } catch (IOException | RuntimeException e) {
            // The parser's own message may quote the file: say only what the file should be.
            throw ValidationException.of("--credential-file", "cannot read " + credentialFile
                    + " as Google credentials; expected a service-account key JSON file");
        }
    }

    private static String firstEnv(String... names) {
        for (String n : names) {
            String v = System.getenv(n);
            if (v != null && !v.isBlank()) {
                return v;
            }
        }
        return null;
    }
}
