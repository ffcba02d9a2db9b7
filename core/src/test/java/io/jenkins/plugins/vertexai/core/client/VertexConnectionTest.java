package io.jenkins.plugins.vertexai.core.client;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.auth.oauth2.AccessToken;
import com.google.auth.oauth2.GoogleCredentials;
import io.jenkins.plugins.vertexai.core.VertexEngine;
import java.util.Map;
import org.junit.jupiter.api.Test;

class VertexConnectionTest {
    private static final GoogleCredentials CREDS = GoogleCredentials.create(new AccessToken("not-a-real-token", null));

    @Test
    void regionalEndpointByDefault() {
        VertexConnection c = VertexConnection.resolve("europe-west4", null, CREDS, Map.of());
        assertEquals("europe-west4-aiplatform.googleapis.com:443", c.endpoint());
        assertFalse(c.plaintext());
        assertSame(CREDS, c.credentials());
    }

    @Test
    void emulatorVariableWinsAndDropsCredentials() {
        VertexConnection c = VertexConnection.resolve("us-central1", "https://private.example:8443", CREDS,
                Map.of(VertexConnection.EMULATOR_HOST_ENV, "127.0.0.1:8085"));
        assertEquals("127.0.0.1:8085", c.endpoint());
        assertTrue(c.plaintext());
        assertNull(c.credentials());
    }

    @Test
    void overridesForPrivateEndpointsAndPlaintextServers() {
        assertEquals("private.example:8443", VertexConnection.resolve("us-central1", "https://private.example:8443/", null, Map.of()).endpoint());
        assertEquals("psc.example:443", VertexConnection.resolve("us-central1", "psc.example", null, Map.of()).endpoint());
        VertexConnection local = VertexConnection.resolve("us-central1", "http://127.0.0.1:9000", CREDS, Map.of());
        assertTrue(local.plaintext());
        assertEquals("127.0.0.1:9000", local.endpoint());
    }

    @Test
    void onlyARealEndpointWithoutCredentialsUsesApplicationDefaultCredentials() {
        assertTrue(VertexConnection.resolve("us-central1", null, null, Map.of()).usesApplicationDefaultCredentials());
        assertTrue(VertexConnection.resolve("us-central1", "https://private.example", null, Map.of()).usesApplicationDefaultCredentials());
        assertFalse(VertexConnection.resolve("us-central1", null, CREDS, Map.of()).usesApplicationDefaultCredentials());
        // The emulator needs no identity: neither by its variable nor by a plaintext override.
        assertFalse(VertexConnection.resolve("us-central1", null, null, Map.of(VertexConnection.EMULATOR_HOST_ENV, "127.0.0.1:8085"))
                .usesApplicationDefaultCredentials());
        assertFalse(VertexConnection.resolve("us-central1", "http://127.0.0.1:9000", null, Map.of()).usesApplicationDefaultCredentials());
    }

    @Test
    void describeNeverShowsCredentials() {
        String s = VertexConnection.regional("us-central1", CREDS).describe();
        assertFalse(s.contains("not-a-real-token"), s);
        assertTrue(s.contains("explicit credentials"), s);
        assertTrue(VertexConnection.regional("us-central1", null).describe().contains("Application Default Credentials"));
    }

    @Test
    void clientsAreReusedPerConnectionAndClosedWithTheEngine() {
        VertexEngine engine = new VertexEngine();
        VertexConnection a = VertexConnection.emulator("127.0.0.1:1");
        var first = engine.clients().persistentResources(a);
        assertSame(first, engine.clients().persistentResources(VertexConnection.emulator("127.0.0.1:1")));
        assertNotSame(first, engine.clients().persistentResources(VertexConnection.emulator("127.0.0.1:2")));
        engine.clients().pipelines(a);
        assertEquals(3, engine.clients().size());
        engine.close();
        assertTrue(first.isShutdown());
        assertThrows(IllegalStateException.class, () -> engine.clients().persistentResources(a));
    }
}
