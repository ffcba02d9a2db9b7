package io.jenkins.plugins.vertexai.core.client;

import static io.jenkins.plugins.vertexai.core.EmulatorFixture.FAST;
import static io.jenkins.plugins.vertexai.core.EmulatorFixture.FAST_RETRY;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.auth.oauth2.ServiceAccountCredentials;
import io.jenkins.plugins.vertexai.core.VertexEngine;
import io.jenkins.plugins.vertexai.core.VertexException;
import io.jenkins.plugins.vertexai.core.async.Futures;
import io.jenkins.plugins.vertexai.core.resource.EnsureOptions;
import io.jenkins.plugins.vertexai.core.resource.IfExists;
import io.jenkins.plugins.vertexai.core.resource.PersistentResourceResult;
import io.jenkins.plugins.vertexai.core.resource.PersistentResourceSpec;
import io.jenkins.plugins.vertexai.core.resource.ResourcePoolSpecParser;
import io.jenkins.plugins.vertexai.emulator.VertexAiEmulator;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Core's credentials path against an emulator that requires authentication, over real gRPC and TLS: a
 * service-account key becomes an access token at the emulator's token endpoint, which goes as a bearer token over a
 * channel that trusts only the emulator's generated certificate. No secret may show up in an error or a log.
 */
class AuthenticatedEmulatorTest {
    private static final String PROJECT = "demo-project";
    private static final String REGION = "us-central1";
    private static final List<Logger> WIRE_LOGS = List.of(Logger.getLogger("com.google.api.client.http.HttpTransport"),
            Logger.getLogger("io.grpc.netty.shaded.io.grpc.netty.NettyClientHandler"),
            Logger.getLogger("io.grpc.netty.shaded.io.grpc.netty.NettyServerHandler"));

    @TempDir
    Path dir;

    private VertexAiEmulator emulator;
    private VertexEngine engine;
    private Path ca;
    private final List<LogRecord> logs = new ArrayList<>();
    private final Handler capture = new Handler() {
        @Override
        public void publish(LogRecord r) {
            synchronized (logs) {
                logs.add(r);
            }
        }

        @Override
        public void flush() {
        }

        @Override
        public void close() {
        }
    };
    private Level rootLevel;

    @BeforeEach
    void start() throws IOException {
        Logger root = Logger.getLogger("");
        rootLevel = root.getLevel();
        root.setLevel(Level.ALL); // every library's debug output too: none of it may carry a secret
        root.addHandler(capture);
        // Except the wire logs of google-http-client and gRPC's Netty transport, which print bodies and headers (tokens
        // too) by design when someone turns them to CONFIG/FINE to debug the wire; they are off at their defaults.
        WIRE_LOGS.forEach(l -> l.setLevel(Level.INFO));
        emulator = VertexAiEmulator.builder().port(0).speed(1200).provisioningTime(Duration.ofMinutes(1))
                .requireAuth(true).build().start();
        engine = new VertexEngine(FAST_RETRY);
        ca = Files.writeString(dir.resolve("ca.pem"), emulator.auth().certificatePem());
    }

    @AfterEach
    void stop() {
        Logger root = Logger.getLogger("");
        root.removeHandler(capture);
        root.setLevel(rootLevel);
        WIRE_LOGS.forEach(l -> l.setLevel(null));
        if (engine != null) {
            engine.close();
        }
        if (emulator != null) {
            emulator.close();
        }
    }

    private Map<String, String> env() {
        return Map.of(VertexConnection.EMULATOR_HOST_ENV, emulator.hostPort(), VertexConnection.EMULATOR_CA_ENV, ca.toString());
    }

    private static ServiceAccountCredentials load(String keyJson) throws IOException {
        return ServiceAccountCredentials.fromStream(new ByteArrayInputStream(keyJson.getBytes(StandardCharsets.UTF_8)));
    }

    private static PersistentResourceSpec spec(String id) {
        return PersistentResourceSpec.builder().persistentResourceId(id).project(PROJECT).region(REGION)
                .addResourcePool(ResourcePoolSpecParser.parse("replica-count=1,machine-type=n1-standard-4")).build();
    }

    @Test
    void keyTokenAndBearerOverTlsReachTheService() throws IOException {
        String key = emulator.auth().createServiceAccountKey("jenkins-ci", PROJECT, true);
        VertexConnection c = VertexConnection.resolve(REGION, null, load(key), env());
        assertFalse(c.plaintext());
        assertTrue(c.describe().contains("TLS with the emulator's certificate"), c.describe());

        PersistentResourceResult r = engine.persistentResources(c)
                .create(spec("auth-pool"), new EnsureOptions(IfExists.FAIL, true, FAST), e -> { }).join();
        assertEquals("RUNNING", r.state());
        assertEquals(1, engine.persistentResources(c).list(PROJECT, REGION).join().size());
        assertTrue(engine.pipelines(c).list(PROJECT, REGION, null).join().isEmpty());
        // Through the token endpoint, not a self-signed JWT: one token per client (resources, pipelines).
        assertEquals(2, emulator.auth().tokensIssued());
        assertNoSecretLogged(key);
    }

    /** The plugin's case: the key stored in Jenkins yields an account and a private key, no token URI. */
    @Test
    void keyWithoutTokenUriUsesTheEmulatorTokenEndpointFromTheEnvironment() throws IOException {
        ServiceAccountCredentials fromKey = load(emulator.auth().createServiceAccountKey("jenkins-ci", PROJECT, true));
        ServiceAccountCredentials likeJenkins = ServiceAccountCredentials.newBuilder().setClientEmail(fromKey.getClientEmail())
                .setPrivateKey(fromKey.getPrivateKey()).setProjectId(PROJECT)
                .setScopes(List.of("https://www.googleapis.com/auth/cloud-platform")).build();
        Map<String, String> env = Map.of(VertexConnection.EMULATOR_HOST_ENV, emulator.hostPort(),
                VertexConnection.EMULATOR_CA_ENV, ca.toString(), VertexConnection.EMULATOR_TOKEN_URI_ENV, emulator.auth().tokenUri());
        VertexConnection c = VertexConnection.resolve(REGION, null, likeJenkins, env);
        assertTrue(engine.persistentResources(c).list(PROJECT, REGION).join().isEmpty());
        assertEquals(1, emulator.auth().tokensIssued());

        // Without the variable its token URI is Google's: core refuses rather than send the assertion anywhere.
        VertexConnection noTokenUri = VertexConnection.resolve(REGION, null, likeJenkins, env());
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> engine.persistentResources(noTokenUri));
        assertTrue(e.getMessage().contains(VertexConnection.EMULATOR_TOKEN_URI_ENV), e.getMessage());
    }

    @Test
    void aKeyTheEmulatorDoesNotKnowIsRefused() throws IOException {
        String foreign;
        try (VertexAiEmulator other = VertexAiEmulator.builder().port(0).requireAuth(true).build().start()) {
            foreign = other.auth().createServiceAccountKey("jenkins-ci", PROJECT, true);
        }
        // Same account name and a token URI of the right shape, but a key this emulator never made.
        ServiceAccountCredentials creds = load(foreign).toBuilder()
                .setTokenServerUri(java.net.URI.create(emulator.auth().tokenUri())).build();
        VertexConnection c = VertexConnection.resolve(REGION, null, creds, env());
        Throwable t = failure(engine.persistentResources(c).create(spec("refused"), new EnsureOptions(IfExists.FAIL, true, FAST), e -> { }));
        VertexException v = assertInstance(t);
        assertEquals("UNAUTHENTICATED", v.code());
        assertTrue(v.getMessage().contains("the credentials were refused"), v.getMessage());
        assertEquals(0, emulator.auth().tokensIssued());
        assertNoSecretIn(v, foreign);
        assertNoSecretLogged(foreign);
    }

    @Test
    void anAccountWithoutTheRoleGetsPermissionDeniedWithTheHint() throws IOException {
        String key = emulator.auth().createServiceAccountKey("no-role-bot", PROJECT, false);
        VertexConnection c = VertexConnection.resolve(REGION, null, load(key), env());
        Throwable t = failure(engine.persistentResources(c).create(spec("denied"), new EnsureOptions(IfExists.FAIL, true, FAST), e -> { }));
        VertexException v = assertInstance(t);
        assertEquals("PERMISSION_DENIED", v.code());
        assertTrue(v.getMessage().contains("Permission 'aiplatform.persistentResources.create' denied on resource "
                + "'//aiplatform.googleapis.com/projects/demo-project/locations/us-central1' (or it may not exist)."), v.getMessage());
        assertTrue(v.getMessage().contains("roles/aiplatform.admin"), v.getMessage()); // core's hint
        assertEquals(1, emulator.auth().tokensIssued()); // authenticated, then refused

        // ensure (the plugin's default) reads the resource first: the GET is what is denied.
        Throwable ensure = failure(engine.persistentResources(c).ensure(spec("denied"), new EnsureOptions(IfExists.REUSE, true, FAST), e -> { }));
        assertTrue(ensure.getMessage().contains("PERMISSION_DENIED: Permission 'aiplatform.persistentResources.get' denied on resource "
                + "'//aiplatform.googleapis.com/projects/demo-project/locations/us-central1/persistentResources/denied' (or it may not exist)."),
                ensure.getMessage());

        Throwable list = failure(engine.pipelines(c).list(PROJECT, REGION, null));
        assertTrue(list.getMessage().contains("aiplatform.pipelineJobs"), list.getMessage());
        assertTrue(list.getMessage().contains("roles/aiplatform.user"), list.getMessage());
        assertNoSecretIn(v, key);
        assertNoSecretLogged(key);
    }

    @Test
    void googleEndpointsNeverGetTheEmulatorTrust() {
        VertexConnection regional = VertexConnection.resolve(REGION, null, null, Map.of(VertexConnection.EMULATOR_CA_ENV, ca.toString()));
        assertEquals(null, regional.emulatorTrust());
        assertEquals("us-central1-aiplatform.googleapis.com:443", regional.endpoint());
        assertThrows(IllegalArgumentException.class, () -> new EmulatorTrust(ca.toString(), "https://oauth2.googleapis.com/token"));
        assertThrows(IllegalArgumentException.class, () -> new EmulatorTrust(ca.toString(), "http://127.0.0.1:1/token"));
    }

    private static Throwable failure(CompletableFuture<?> f) {
        CompletionException e = assertThrows(CompletionException.class, f::join);
        return Futures.unwrap(e);
    }

    private static VertexException assertInstance(Throwable t) {
        assertTrue(t instanceof VertexException, () -> "not a VertexException: " + t);
        return (VertexException) t;
    }

    /** Pieces of the private key and any access token: what must never be shown. */
    private static List<String> secrets(String keyJson) {
        List<String> s = new ArrayList<>(List.of("ya29.", "PRIVATE KEY"));
        Matcher m = Pattern.compile("-----BEGIN PRIVATE KEY-----\\\\n([A-Za-z0-9+/]{40})").matcher(keyJson);
        assertTrue(m.find(), "the key JSON holds a PEM private key");
        s.add(m.group(1));
        return s;
    }

    private static void assertNoSecretIn(Throwable t, String keyJson) {
        for (Throwable c = t; c != null; c = c.getCause()) {
            String text = String.valueOf(c.getMessage()) + c;
            for (String secret : secrets(keyJson)) {
                assertFalse(text.contains(secret), "a secret in an exception message: " + c.getClass().getName());
            }
        }
    }

    private void assertNoSecretLogged(String keyJson) {
        List<LogRecord> copy;
        synchronized (logs) {
            copy = List.copyOf(logs);
        }
        assertFalse(copy.isEmpty(), "the log capture saw nothing");
        for (LogRecord r : copy) {
            StringBuilder text = new StringBuilder(String.valueOf(r.getMessage()));
            if (r.getParameters() != null) {
                for (Object p : r.getParameters()) {
                    text.append(' ').append(p);
                }
            }
            for (Throwable c = r.getThrown(); c != null; c = c.getCause()) {
                text.append(' ').append(c);
            }
            for (String secret : secrets(keyJson)) {
                assertFalse(text.toString().contains(secret), "a secret in a log record of " + r.getLoggerName());
            }
        }
    }
}
