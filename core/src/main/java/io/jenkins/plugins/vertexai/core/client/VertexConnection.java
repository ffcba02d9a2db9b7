package io.jenkins.plugins.vertexai.core.client;

import com.google.auth.Credentials;
import java.util.Map;
import java.util.Objects;

/**
 * Where and as whom to talk to Vertex AI. Equal connections share one cached client (see {@link VertexClients}),
 * so credentials are compared by identity of the object the caller holds on to.
 *
 * @param endpoint    {@code host:port}
 * @param plaintext   true for the local emulator only
 * @param credentials explicit credentials, or null for Application Default Credentials (ignored when plaintext)
 */
public record VertexConnection(String endpoint, boolean plaintext, Credentials credentials) {
    /** Google's convention for emulators: {@code host:port} of a plaintext server that needs no credentials. */
    public static final String EMULATOR_HOST_ENV = "VERTEX_AI_EMULATOR_HOST";

    public VertexConnection {
        Objects.requireNonNull(endpoint, "endpoint");
        if (plaintext) {
            credentials = null;
        }
    }

    /** The regional public endpoint with the given credentials (null: Application Default Credentials). */
    public static VertexConnection regional(String region, Credentials credentials) {
        return new VertexConnection(region + "-aiplatform.googleapis.com:443", false, credentials);
    }

    /** The emulator at {@code host:port}: plaintext, no credentials. */
    public static VertexConnection emulator(String hostPort) {
        return new VertexConnection(hostPort, true, null);
    }

    /**
     * Picks the endpoint as every entry point does: {@code VERTEX_AI_EMULATOR_HOST} in {@code env} wins, then an
     * explicit override ({@code host:port}, {@code https://host[:port]}, or {@code http://LOOPBACK:port} for a
     * plaintext server such as the emulator), then the regional endpoint. Both are checked by {@link EndpointCheck}
     * first: a bad one is a ValidationException.
     */
    public static VertexConnection resolve(String region, String endpointOverride, Credentials credentials, Map<String, String> env) {
        String emulator = env == null ? null : env.get(EMULATOR_HOST_ENV);
        if (emulator != null && !emulator.isBlank()) {
            return emulator(EndpointCheck.emulatorHost(emulator));
        }
        if (endpointOverride != null && !endpointOverride.isBlank()) {
            EndpointCheck.Endpoint e = EndpointCheck.override(endpointOverride);
            return e.plaintext() ? emulator(e.hostPort()) : new VertexConnection(e.hostPort(), false, credentials);
        }
        return regional(region, credentials);
    }

    /**
     * Why a client for {@code c} could not be created; when Application Default Credentials are missing, says how
     * to get them.
     */
    public static String clientFailure(VertexConnection c, java.io.IOException e) {
        String m = e.getMessage() == null ? e.toString() : e.getMessage();
        if (!c.plaintext && c.credentials == null && m.toLowerCase(java.util.Locale.ROOT).contains("credentials")) {
            return "no Google Cloud credentials to call " + c.endpoint + " with (" + m.strip() + "). Log in with"
                    + " 'gcloud auth application-default login', or set GOOGLE_APPLICATION_CREDENTIALS to a service account"
                    + " key file, or run where Workload Identity provides them";
        }
        return "could not create the Vertex AI client for " + c.describe() + ": " + m;
    }

    /** For logs: never includes credentials. */
    public String describe() {
        if (plaintext) {
            return endpoint + " (plaintext, no credentials: emulator)";
        }
        return endpoint + (credentials == null ? " (Application Default Credentials)" : " (explicit credentials)");
    }

    @Override
    public String toString() {
        return describe();
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof VertexConnection c && c.endpoint.equals(endpoint) && c.plaintext == plaintext && c.credentials == credentials;
    }

    @Override
    public int hashCode() {
        return Objects.hash(endpoint, plaintext, System.identityHashCode(credentials));
    }
}
