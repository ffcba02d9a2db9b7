package io.jenkins.plugins.vertexai.cli;

import com.google.auth.Credentials;
import com.google.auth.oauth2.GoogleCredentials;
import io.jenkins.plugins.vertexai.core.ValidationException;
import io.jenkins.plugins.vertexai.core.VertexEngine;
import io.jenkins.plugins.vertexai.core.VertexRegions;
import io.jenkins.plugins.vertexai.core.async.RequestBudgets;
import io.jenkins.plugins.vertexai.core.async.WatchSettings;
import io.jenkins.plugins.vertexai.core.client.VertexConnection;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import picocli.CommandLine.Option;

/** Where to talk to: project, region and an optional endpoint; the emulator is chosen by the environment. */
final class ConnectionOptions {
    @Option(names = "--project", description = "Google Cloud project id (default: $CLOUDSDK_CORE_PROJECT or $GOOGLE_CLOUD_PROJECT)")
    String project;

    @Option(names = "--region", description = "Vertex AI region, e.g. us-central1 (default: $CLOUDSDK_AI_REGION)")
    String region;

    @Option(names = "--allow-region", paramLabel = "REGION",
            description = "Accept REGION although it is not in this tool's list of Vertex AI regions (a new region); repeatable")
    List<String> allowRegions = new ArrayList<>();

    @Option(names = "--api-endpoint", paramLabel = "ENDPOINT", description = {"Endpoint override: host[:port] or https://host[:port];",
            "http://127.0.0.1:PORT for a plaintext local emulator (plaintext only to loopback)"})
    String apiEndpoint;

    @Option(names = "--requests-per-minute", defaultValue = "" + RequestBudgets.DEFAULT_PER_MINUTE,
            description = "Most Vertex AI requests this command makes per minute in the project and region; more wait their"
                    + " turn (the default quota is 600 resource management requests per minute per region, shared by the"
                    + " whole project; 0: no limit) (default: ${DEFAULT-VALUE})")
    int requestsPerMinute;

    @Option(names = "--credential-file", paramLabel = "KEY_JSON",
            description = "A Google credentials file (a service-account key) to call Vertex AI with instead of Application "
                    + "Default Credentials; with an emulator started with --require-auth, a key it generated")
    Path credentialFile;

    /** Loaded once, so that every call of a command shares one client. */
    private Credentials credentials;

    /** Whether --project was given (a full name from another project must not silently override it). */
    boolean projectGiven() {
        return project != null;
    }

    boolean regionGiven() {
        return region != null;
    }

    /**
     * The project for an id or full name: a full name brings its own, so only an explicit --project is compared
     * with it (a default from the environment is not).
     */
    String projectFor(String idOrName) {
        return isFullName(idOrName) && !projectGiven() ? null : project();
    }

    String regionFor(String idOrName) {
        String r = region(); // registers --allow-region
        return isFullName(idOrName) && !regionGiven() ? null : r;
    }

    private static boolean isFullName(String idOrName) {
        return idOrName != null && idOrName.startsWith("projects/");
    }

    String project() {
        return project != null ? project : firstEnv("CLOUDSDK_CORE_PROJECT", "GOOGLE_CLOUD_PROJECT");
    }

    /** The region; registers the {@code --allow-region} ones first, so that every later check accepts them. */
    String region() {
        allowRegions.forEach(VertexRegions::allow);
        return region != null ? region : firstEnv("CLOUDSDK_AI_REGION");
    }

    /** The engine for one command: its waits share a regional watcher, its calls the request budget. */
    VertexEngine engine() {
        return new VertexEngine(WatchSettings.DEFAULT.withRequestsPerMinute(requestsPerMinute));
    }

    /**
     * The {@code --credential-file} credentials, else Application Default Credentials, unless VERTEX_AI_EMULATOR_HOST
     * (without VERTEX_AI_EMULATOR_CA) or a plaintext endpoint is used. Both are checked
     * here, before any call; when the variable overrides --api-endpoint, says so on stderr.
     */
    VertexConnection connection(String effectiveRegion) {
        Map<String, String> env = CliEnvironment.get();
        String emulator = env.get(VertexConnection.EMULATOR_HOST_ENV);
        if (apiEndpoint != null && !apiEndpoint.isBlank() && emulator != null && !emulator.isBlank()) {
            System.err.println("note: " + VertexConnection.EMULATOR_HOST_ENV + "=" + emulator.strip()
                    + " is set and wins over --api-endpoint; unset it to use --api-endpoint");
        }
        return VertexConnection.resolve(effectiveRegion, apiEndpoint, credentials(), env);
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
        Map<String, String> env = CliEnvironment.get();
        for (String n : names) {
            String v = env.get(n);
            if (v != null && !v.isBlank()) {
                return v;
            }
        }
        return null;
    }
}
