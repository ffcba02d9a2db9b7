package io.jenkins.plugins.vertexai.cli;

import io.jenkins.plugins.vertexai.core.VertexEngine;
import io.jenkins.plugins.vertexai.core.async.RequestBudgets;
import io.jenkins.plugins.vertexai.core.async.WatchSettings;
import io.jenkins.plugins.vertexai.core.client.VertexConnection;
import picocli.CommandLine.Option;

/** Where to talk to: project, region and an optional endpoint; the emulator is chosen by the environment. */
final class ConnectionOptions {
    @Option(names = "--project", description = "Google Cloud project id (default: $CLOUDSDK_CORE_PROJECT or $GOOGLE_CLOUD_PROJECT)")
    String project;

    @Option(names = "--region", description = "Vertex AI region, e.g. us-central1 (default: $CLOUDSDK_AI_REGION)")
    String region;

    @Option(names = "--api-endpoint", description = "Endpoint override: host:port, https://host, or http://host:port for a plaintext emulator")
    String apiEndpoint;

    @Option(names = "--requests-per-minute", defaultValue = "" + RequestBudgets.DEFAULT_PER_MINUTE,
            description = "Most Vertex AI requests this command makes per minute in the project and region; more wait their"
                    + " turn (the default quota is 600 resource management requests per minute per region, shared by the"
                    + " whole project; 0: no limit) (default: ${DEFAULT-VALUE})")
    int requestsPerMinute;

    String project() {
        return project != null ? project : firstEnv("CLOUDSDK_CORE_PROJECT", "GOOGLE_CLOUD_PROJECT");
    }

    String region() {
        return region != null ? region : firstEnv("CLOUDSDK_AI_REGION");
    }

    /** The engine for one command: its waits share a regional watcher, its calls the request budget. */
    VertexEngine engine() {
        return new VertexEngine(WatchSettings.DEFAULT.withRequestsPerMinute(requestsPerMinute));
    }

    /** Application Default Credentials unless VERTEX_AI_EMULATOR_HOST or a plaintext endpoint is used. */
    VertexConnection connection(String effectiveRegion) {
        return VertexConnection.resolve(effectiveRegion, apiEndpoint, null, System.getenv());
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
