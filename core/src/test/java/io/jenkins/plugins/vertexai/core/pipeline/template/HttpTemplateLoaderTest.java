package io.jenkins.plugins.vertexai.core.pipeline.template;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.auth.oauth2.AccessToken;
import com.google.auth.oauth2.GoogleCredentials;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.jenkins.plugins.vertexai.core.ValidationException;
import io.jenkins.plugins.vertexai.core.pipeline.TestFiles;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Templates over HTTP from a real local server: what is sent, and what the errors say. */
class HttpTemplateLoaderTest {
    private static final String TOKEN = "ya29.secret-token-123";

    private HttpServer server;
    private HttpServer other;
    /** Authorization header per request path ("-" when absent). */
    private final Map<String, List<String>> authorization = new ConcurrentHashMap<>();
    private PipelineTemplateLoader loader;

    @BeforeEach
    void start() throws IOException {
        byte[] spec = Files.readAllBytes(TestFiles.resource("typed-params.yaml"));
        other = serve(ex -> respond(ex, 200, spec));
        server = serve(ex -> {
            String path = ex.getRequestURI().getPath();
            switch (path) {
                case "/p/repo/typed-params/v1" -> respond(ex, 200, spec);
                case "/forbidden" -> respond(ex, 403, ("{\"error\": \"caller with token " + TOKEN + " lacks downloadArtifacts\"}").getBytes(StandardCharsets.UTF_8));
                case "/unauthorized" -> respond(ex, 401, new byte[0]);
                case "/broken" -> respond(ex, 200, "pipelineInfo: {name: x}\n".getBytes(StandardCharsets.UTF_8));
                case "/elsewhere" -> {
                    ex.getResponseHeaders().set("Location", "http://127.0.0.1:" + other.getAddress().getPort() + "/moved");
                    respond(ex, 302, new byte[0]);
                }
                case "/same-origin-redirect" -> {
                    ex.getResponseHeaders().set("Location", "/p/repo/typed-params/v1");
                    respond(ex, 307, new byte[0]);
                }
                default -> respond(ex, 404, "not here".getBytes(StandardCharsets.UTF_8));
            }
        });
        // The test registry is on loopback, so it is trusted explicitly; by default only Google's hosts are.
        loader = PipelineTemplateLoader.builder().credentials(GoogleCredentials.create(new AccessToken(TOKEN, null)))
                .credentialHosts(CredentialHosts.googleAnd(server.getAddress().getHostString())).build();
    }

    @AfterEach
    void stop() throws IOException {
        loader.close();
        server.stop(0);
        other.stop(0);
    }

    private HttpServer serve(Handler handler) throws IOException {
        HttpServer s = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        s.createContext("/", ex -> {
            try (ex) {
                authorization.computeIfAbsent(s.getAddress().getPort() + ex.getRequestURI().getPath(), k -> new CopyOnWriteArrayList<>())
                        .add(String.valueOf(ex.getRequestHeaders().getFirst("Authorization")));
                handler.handle(ex);
            }
        });
        s.start();
        return s;
    }

    private interface Handler {
        void handle(HttpExchange ex) throws IOException;
    }

    private static void respond(HttpExchange ex, int status, byte[] body) throws IOException {
        ex.sendResponseHeaders(status, body.length == 0 ? -1 : body.length);
        try (OutputStream out = ex.getResponseBody()) {
            out.write(body);
        }
    }

    private String url(String path) {
        return "http://127.0.0.1:" + server.getAddress().getPort() + path;
    }

    @Test
    void sendsTheBearerTokenAndAnotherHostsTemplateOnlyInline() throws IOException {
        PipelineTemplate t = loader.load(url("/p/repo/typed-params/v1"));
        assertEquals("typed-params", t.pipelineName());
        assertNull(t.templateUri(), "only Artifact Registry URLs become template_uri; others go inline as pipeline_spec");
        assertEquals(List.of("Bearer " + TOKEN), authorization.get(server.getAddress().getPort() + "/p/repo/typed-params/v1"));
    }

    @Test
    void anArtifactRegistryUrlIsKeptAsTemplateUriWithoutQuery() throws IOException {
        List<URI> sent = new CopyOnWriteArrayList<>();
        HttpClient toLocal = new RetargetingHttpClient(uri -> {
            sent.add(uri);
            return URI.create(url(uri.getRawPath() + (uri.getRawQuery() == null ? "" : "?" + uri.getRawQuery())));
        });
        try (PipelineTemplateLoader registry = PipelineTemplateLoader.builder().httpClient(toLocal).build()) {
            // (User info is refused before any request: TemplateUrlMisuseTest.)
            PipelineTemplate t = registry.load("https://us-central1-kfp.pkg.dev/p/repo/typed-params/v1?X-Goog-Signature=abc#frag");
            assertEquals("typed-params", t.pipelineName());
            assertEquals("https://us-central1-kfp.pkg.dev/p/repo/typed-params/v1", t.templateUri());
            assertEquals("https://us-central1-kfp.pkg.dev/p/repo/typed-params/v1", t.source());
            assertEquals("X-Goog-Signature=abc", sent.get(0).getRawQuery(), "the request itself keeps the query");
        }
    }

    @Test
    void onlyHttpsArtifactRegistryHostsGiveATemplateUri() {
        assertEquals("https://europe-west4-kfp.pkg.dev/p/r/pkg/sha256:abc",
                PipelineTemplateLoader.templateUri(URI.create("https://europe-west4-kfp.pkg.dev/p/r/pkg/sha256:abc")));
        assertEquals("https://us-central1-kfp.pkg.dev/p/r/pkg/v1",
                PipelineTemplateLoader.templateUri(URI.create("https://tok:secret@US-Central1-KFP.pkg.dev:443/p/r/pkg/v1?sig=1")));
        assertNull(PipelineTemplateLoader.templateUri(URI.create("https://storage.googleapis.com/b/p.yaml?X-Goog-Signature=1")));
        assertNull(PipelineTemplateLoader.templateUri(URI.create("https://kfp.pkg.dev/p/r/pkg/v1")));
        assertNull(PipelineTemplateLoader.templateUri(URI.create("https://us-central1-kfp.pkg.dev.attacker.example/p/r/pkg/v1")));
        assertNull(PipelineTemplateLoader.templateUri(URI.create("https://us-docker.pkg.dev/p/r/pkg/v1")));
        assertNull(PipelineTemplateLoader.templateUri(URI.create("http://us-central1-kfp.pkg.dev/p/r/pkg/v1")));
    }

    @Test
    void aLargerBodyThanTheLimitIsRefusedNamingTheUrlAndTheLimit() throws IOException {
        try (PipelineTemplateLoader small = PipelineTemplateLoader.builder().maxBytes(100).build()) {
            TemplateLoadException e = assertThrows(TemplateLoadException.class, () -> small.load(url("/p/repo/typed-params/v1?sig=s")));
            assertEquals("template " + url("/p/repo/typed-params/v1") + " is larger than the template size limit of 100 bytes",
                    e.getMessage());
        }
    }

    @Test
    void forbiddenAndUnauthorizedHintAtCredentialsWithoutTheToken() {
        TemplateLoadException e = assertThrows(TemplateLoadException.class, () -> loader.load(url("/forbidden")));
        assertTrue(e.getMessage().startsWith("HTTP 403 Forbidden fetching " + url("/forbidden")), e.getMessage());
        assertTrue(e.getMessage().contains("check that the credentials"), e.getMessage());
        // The server's answer is not echoed: it could be an internal page, or the request's headers.
        assertFalse(e.getMessage().contains("lacks downloadArtifacts"), e.getMessage());
        assertFalse(e.getMessage().contains("secret-token"), e.getMessage());

        TemplateLoadException u = assertThrows(TemplateLoadException.class, () -> loader.load(url("/unauthorized")));
        assertTrue(u.getMessage().startsWith("HTTP 401 Unauthorized"), u.getMessage());
        assertFalse(u.getMessage().contains("secret-token"), u.getMessage());
    }

    @Test
    void notFoundSaysSo() {
        TemplateLoadException e = assertThrows(TemplateLoadException.class, () -> loader.load(url("/missing.yaml?sig=abc")));
        assertEquals("template not found: " + url("/missing.yaml") + " (HTTP 404)", e.getMessage());
    }

    @Test
    void invalidContentNamesTheUrl() {
        ValidationException e = assertThrows(ValidationException.class, () -> loader.load(url("/broken")));
        assertTrue(e.getMessage().contains(url("/broken") + ": missing root"), e.getMessage());
    }

    @Test
    void redirectsKeepCredentialsOnTheirOrigin() throws IOException {
        assertEquals("typed-params", loader.load(url("/same-origin-redirect")).pipelineName());
        assertEquals(List.of("Bearer " + TOKEN), authorization.get(server.getAddress().getPort() + "/p/repo/typed-params/v1"));

        assertEquals("typed-params", loader.load(url("/elsewhere")).pipelineName());
        assertEquals(List.of("null"), authorization.get(other.getAddress().getPort() + "/moved"), "no token for another origin");
    }

    @Test
    void credentialsGoOnlyToTrustedHosts() throws IOException {
        try (PipelineTemplateLoader googleOnly = PipelineTemplateLoader.builder()
                .credentials(GoogleCredentials.create(new AccessToken(TOKEN, null))).build()) {
            googleOnly.load(url("/p/repo/typed-params/v1"));
        }
        assertEquals(List.of("null"), authorization.get(server.getAddress().getPort() + "/p/repo/typed-params/v1"),
                "a host that is not Google's gets no token");
        assertTrue(CredentialHosts.GOOGLE.trusts("us-central1-kfp.pkg.dev"));
        assertTrue(CredentialHosts.GOOGLE.trusts("storage.googleapis.com"));
        assertFalse(CredentialHosts.GOOGLE.trusts("pkg.dev.attacker.example"));
        assertFalse(CredentialHosts.GOOGLE.trusts("evilpkg.dev"));
        assertFalse(CredentialHosts.GOOGLE.trusts("127.0.0.1"));
    }

    @Test
    void withoutCredentialsNoAuthorizationIsSent() throws IOException {
        try (PipelineTemplateLoader anonymous = PipelineTemplateLoader.builder().build()) {
            anonymous.load(url("/p/repo/typed-params/v1"));
        }
        assertEquals(List.of("null"), authorization.get(server.getAddress().getPort() + "/p/repo/typed-params/v1"));
    }

    @Test
    void plainHttpIsOnlyForLoopback() {
        TemplateLoadException e = assertThrows(TemplateLoadException.class, () -> loader.load("http://example.com/p.yaml"));
        assertTrue(e.getMessage().contains("only https URLs are accepted"), e.getMessage());
        assertTrue(HttpTemplateFetcher.allowed(java.net.URI.create("https://us-central1-kfp.pkg.dev/p/r/pkg/v1")));
        assertNull(TestFiles.template("typed-params.yaml").templateUri(), "files have no template URI");
    }

    @Test
    void anUntrustedUrlIsFetchedAnonymouslyAndParsedWhereItIsAskedFor() throws IOException {
        byte[] bytes = PipelineTemplateLoader.fetchAnonymously(url("/p/repo/typed-params/v1?sig=s"), java.time.Duration.ofSeconds(10));
        assertEquals(List.of("null"), authorization.get(server.getAddress().getPort() + "/p/repo/typed-params/v1"));
        PipelineTemplate t = PipelineTemplateLoader.parseFetched(bytes, url("/p/repo/typed-params/v1?sig=s"));
        assertEquals("typed-params", t.pipelineName());
        assertEquals(url("/p/repo/typed-params/v1"), t.source(), "named without its query");
        TemplateLoadException e = assertThrows(TemplateLoadException.class,
                () -> PipelineTemplateLoader.fetchAnonymously(url("/forbidden"), java.time.Duration.ofSeconds(10)));
        assertFalse(e.getMessage().contains("downloadArtifacts"), e.getMessage());
    }

    @Test
    void whereATemplateComesFrom() {
        CredentialHosts trusted = CredentialHosts.googleAnd("registry.internal.example");
        assertEquals(TemplateSource.FILE, TemplateSource.of("pipelines/retrain.yaml", trusted));
        assertEquals(TemplateSource.CLOUD_STORAGE, TemplateSource.of(" gs://bucket/p.yaml", trusted));
        assertEquals(TemplateSource.TRUSTED_URL, TemplateSource.of("https://us-central1-kfp.pkg.dev/p/r/pkg/v1", trusted));
        assertEquals(TemplateSource.TRUSTED_URL, TemplateSource.of("HTTPS://registry.internal.example/p.yaml", trusted));
        assertEquals(TemplateSource.UNTRUSTED_URL, TemplateSource.of("https://169.254.169.254/computeMetadata/v1/", trusted));
        assertEquals(TemplateSource.UNTRUSTED_URL, TemplateSource.of("http://127.0.0.1:8080/p.yaml", trusted));
        assertEquals(TemplateSource.UNTRUSTED_URL, TemplateSource.of("https://registry.internal.example.attacker.example/p", trusted));
        assertEquals(TemplateSource.UNTRUSTED_URL, TemplateSource.of("https://bad host/p", trusted), "malformed: no host to trust");
        assertEquals(TemplateSource.TRUSTED_URL, TemplateSource.of("https://storage.googleapis.com/b/p.yaml", CredentialHosts.GOOGLE));
        assertEquals(TemplateSource.UNTRUSTED_URL, TemplateSource.of("https://pkg.dev.attacker.example/p.yaml", CredentialHosts.GOOGLE));
        assertEquals(TemplateSource.UNTRUSTED_URL, TemplateSource.of("https://europe-west4-kfp.pkg.dev@attacker.example/p.yaml",
                CredentialHosts.GOOGLE), "user info is not the host");
        assertEquals(TemplateSource.UNTRUSTED_URL, TemplateSource.of("https://other.internal.example/p.yaml", trusted));
        assertFalse(TemplateSource.FILE.remote());
        assertTrue(TemplateSource.UNTRUSTED_URL.remote());
    }
}
