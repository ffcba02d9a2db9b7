package io.jenkins.plugins.vertexai.core.client;

import com.google.auth.Credentials;
import java.util.Map;
import java.util.Objects;

/**
 * Where and as whom to talk to Vertex AI. Equal connections share one cached client (see {@link VertexClients}),
 * so credentials are compared by identity of the object the caller holds on to.
 *
 * @param endpoint      {@code host:port}
 * @param plaintext     true for the local emulator only
 * @param credentials   explicit credentials, or null for Application Default Credentials (ignored when plaintext)
 * @param emulatorTrust for an emulator that requires authentication only: the certificate to trust and its token
 *                      endpoint; null for every other server (Google's endpoints use the JDK's trust store)
 */
public record VertexConnection(String endpoint, boolean plaintext, Credentials credentials, EmulatorTrust emulatorTrust) {
    /** Google's convention for emulators: {@code host:port} of a plaintext server that needs no credentials. */
    public static final String EMULATOR_HOST_ENV = "VERTEX_AI_EMULATOR_HOST";
    /** With {@link #EMULATOR_HOST_ENV}: the emulator requires authentication; TLS trusting this PEM certificate. */
    public static final String EMULATOR_CA_ENV = "VERTEX_AI_EMULATOR_CA";
    /** With {@link #EMULATOR_CA_ENV}: the emulator's token endpoint, for keys that do not name it themselves. */
    public static final String EMULATOR_TOKEN_URI_ENV = "VERTEX_AI_EMULATOR_TOKEN_URI";

    public VertexConnection {
        Objects.requireNonNull(endpoint, "endpoint");
        if (plaintext) {
            credentials = null;
            emulatorTrust = null;
        }
    }

    public VertexConnection(String endpoint, boolean plaintext, Credentials credentials) {
        this(endpoint, plaintext, credentials, null);
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
     * An emulator that requires authentication at {@code host:port}: TLS trusting only {@code trust}'s certificate,
     * and {@code credentials} (a service-account key; null: Application Default Credentials) whose tokens come from
     * the emulator's token endpoint.
     */
    public static VertexConnection authenticatedEmulator(String hostPort, EmulatorTrust trust, Credentials credentials) {
        return new VertexConnection(hostPort, false, credentials, Objects.requireNonNull(trust, "trust"));
    }

    /**
     * Picks the endpoint as every entry point does: {@code VERTEX_AI_EMULATOR_HOST} in {@code env} wins (with
     * {@code VERTEX_AI_EMULATOR_CA} also set: an emulator that requires authentication), then an
     * explicit override ({@code host:port}, {@code https://host[:port]}, or {@code http://host:port} for a
     * plaintext server such as the emulator; only to loopback), then the regional endpoint. Both are checked by
     * {@link EndpointCheck} first: a bad one is a ValidationException.
     */
    public static VertexConnection resolve(String region, String endpointOverride, Credentials credentials, Map<String, String> env) {
        String emulator = env == null ? null : env.get(EMULATOR_HOST_ENV);
        if (emulator != null && !emulator.isBlank()) {
            String host = EndpointCheck.emulatorHost(emulator);
            String ca = env.get(EMULATOR_CA_ENV);
            if (ca != null && !ca.isBlank()) {
                String tokenUri = env.get(EMULATOR_TOKEN_URI_ENV);
                return authenticatedEmulator(host,
                        new EmulatorTrust(ca.trim(), tokenUri == null || tokenUri.isBlank() ? null : tokenUri), credentials);
            }
            return emulator(host);
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

    /**
     * Whether talking over this connection would use the Application Default Credentials of this process (its
     * own Google identity: Workload Identity, the metadata server, {@code GOOGLE_APPLICATION_CREDENTIALS}): no
     * explicit credentials and not a plaintext emulator, which needs no identity at all. A caller acting for
     * someone else (a Jenkins build) must not fall back to them silently.
     */
    public boolean usesApplicationDefaultCredentials() {
        return !plaintext && credentials == null;
    }

    /** For logs: never includes credentials. */
    public String describe() {
        if (plaintext) {
            return endpoint + " (plaintext, no credentials: emulator)";
        }
        if (emulatorTrust != null) {
            return endpoint + " (TLS with the emulator's certificate, " + (credentials == null
                    ? "Application Default Credentials" : "explicit credentials") + ": emulator)";
        }
        return endpoint + (credentials == null ? " (Application Default Credentials)" : " (explicit credentials)");
    }

    @Override
    public String toString() {
        return describe();
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof VertexConnection c && c.endpoint.equals(endpoint) && c.plaintext == plaintext
                && c.credentials == credentials && Objects.equals(c.emulatorTrust, emulatorTrust);
    }

    @Override
    public int hashCode() {
        return Objects.hash(endpoint, plaintext, System.identityHashCode(credentials), emulatorTrust);
    }
}
