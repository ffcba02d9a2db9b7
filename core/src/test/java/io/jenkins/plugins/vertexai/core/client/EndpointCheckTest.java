package io.jenkins.plugins.vertexai.core.client;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.jenkins.plugins.vertexai.core.ValidationException;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Endpoints are checked before any call: each bad form is a ValidationException naming the field and the form. */
class EndpointCheckTest {
    private static ValidationException refused(String override, Map<String, String> env) {
        return assertThrows(ValidationException.class, () -> VertexConnection.resolve("us-central1", override, null, env));
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "file:///etc/passwd|scheme 'file' is not supported",
            "ftp://host.example|scheme 'ftp' is not supported",
            "https://host.example/v1/projects|has a path, query or fragment",
            "https://host.example?x=1|has a path, query or fragment",
            "http://127.0.0.1:99999|port '99999'",
            "http://127.0.0.1:0|port '0'",
            "host.example:http|port 'http'",
            "http://10.1.2.3:8080|only accepted to a loopback host",
            "http://127.0.0.1|has no port",
            "https://|has no valid host"})
    void badOverridesAreRefusedNamingTheField(String override, String fragment) {
        ValidationException e = refused(override, Map.of());
        assertEquals("apiEndpoint", e.problems().get(0).field());
        assertTrue(e.getMessage().contains(fragment), e.getMessage());
    }

    @Test
    void userInfoIsRefusedWithoutEchoingThePassword() {
        ValidationException e = refused("https://admin:s3cret@host.example", Map.of());
        assertTrue(e.getMessage().contains("user info"), e.getMessage());
        assertFalse(e.getMessage().contains("s3cret"), e.getMessage());
        ValidationException scheme = refused("ftp://admin:s3cret@host.example", Map.of());
        assertFalse(scheme.getMessage().contains("s3cret"), scheme.getMessage());
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "http://127.0.0.1:8085|is a URL",
            "127.0.0.1:99999|port '99999'",
            "127.0.0.1|has no port",
            "u:p@127.0.0.1:8085|user info"})
    void badEmulatorHostsAreRefusedNamingTheVariable(String value, String fragment) {
        ValidationException e = refused(null, Map.of(VertexConnection.EMULATOR_HOST_ENV, value));
        assertEquals(VertexConnection.EMULATOR_HOST_ENV, e.problems().get(0).field());
        assertTrue(e.getMessage().contains(fragment), e.getMessage());
    }

    @Test
    void goodFormsStillResolve() {
        assertEquals("127.0.0.1:8085", VertexConnection.resolve("us-central1", "http://127.0.0.1:8085/", null, Map.of()).endpoint());
        assertEquals("localhost:9000", VertexConnection.resolve("us-central1", "http://localhost:9000", null, Map.of()).endpoint());
        assertEquals("[::1]:9000", VertexConnection.resolve("us-central1", "http://[::1]:9000", null, Map.of()).endpoint());
        assertEquals("private.example:443", VertexConnection.resolve("us-central1", "https://private.example", null, Map.of()).endpoint());
        assertEquals("10.1.2.3:8085", VertexConnection.resolve("us-central1", null, null,
                Map.of(VertexConnection.EMULATOR_HOST_ENV, " 10.1.2.3:8085 ")).endpoint());
    }
}
