package io.jenkins.plugins.vertexai.emulator.auth;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.cloud.aiplatform.v1.ListPersistentResourcesRequest;
import com.google.cloud.aiplatform.v1.PersistentResourceServiceGrpc;
import com.google.protobuf.Struct;
import com.google.protobuf.util.JsonFormat;
import com.google.rpc.ErrorInfo;
import io.grpc.CallCredentials;
import io.grpc.Grpc;
import io.grpc.ManagedChannel;
import io.grpc.ManagedChannelBuilder;
import io.grpc.Metadata;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.grpc.TlsChannelCredentials;
import io.grpc.protobuf.StatusProto;
import io.jenkins.plugins.vertexai.emulator.VertexAiEmulator;
import java.io.ByteArrayInputStream;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.security.KeyFactory;
import java.security.KeyStore;
import java.security.PrivateKey;
import java.security.Signature;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.security.spec.PKCS8EncodedKeySpec;
import java.time.Instant;
import java.util.Base64;
import java.util.concurrent.Executor;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The emulator's authentication as a client sees it over the wire, with plain gRPC and HTTP clients (core's tests
 * cover the official client): TLS only with the generated certificate, Google's token endpoint semantics, the
 * bearer check and PERMISSION_DENIED for an account without the role.
 */
class RequireAuthTest {
    private static final String PARENT = "projects/demo-project/locations/us-central1";
    private static final String SCOPE = "https://www.googleapis.com/auth/cloud-platform";

    private VertexAiEmulator emulator;
    private ManagedChannel channel;
    private HttpClient http;

    @BeforeEach
    void start() throws Exception {
        emulator = VertexAiEmulator.builder().port(0).speed(0).requireAuth(true).build().start();
        X509Certificate cert = (X509Certificate) CertificateFactory.getInstance("X.509")
                .generateCertificate(new ByteArrayInputStream(emulator.auth().certificatePem().getBytes(StandardCharsets.US_ASCII)));
        channel = Grpc.newChannelBuilder(emulator.hostPort(), TlsChannelCredentials.newBuilder()
                .trustManager(new ByteArrayInputStream(emulator.auth().certificatePem().getBytes(StandardCharsets.US_ASCII))).build()).build();
        KeyStore store = KeyStore.getInstance(KeyStore.getDefaultType());
        store.load(null, null);
        store.setCertificateEntry("emulator", cert);
        TrustManagerFactory tmf = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
        tmf.init(store);
        SSLContext ssl = SSLContext.getInstance("TLS");
        ssl.init(null, tmf.getTrustManagers(), null);
        http = HttpClient.newBuilder().sslContext(ssl).build();
    }

    @AfterEach
    void stop() throws InterruptedException {
        channel.shutdownNow().awaitTermination(5, TimeUnit.SECONDS);
        emulator.close();
    }

    private PersistentResourceServiceGrpc.PersistentResourceServiceBlockingStub stub(String bearer) {
        var s = PersistentResourceServiceGrpc.newBlockingStub(channel).withDeadlineAfter(10, TimeUnit.SECONDS);
        return bearer == null ? s : s.withCallCredentials(new CallCredentials() {
            @Override
            public void applyRequestMetadata(RequestInfo info, Executor executor, MetadataApplier applier) {
                Metadata m = new Metadata();
                m.put(BearerTokenInterceptor.AUTHORIZATION, "Bearer " + bearer);
                applier.apply(m);
            }
        });
    }

    private static ListPersistentResourcesRequest list() {
        return ListPersistentResourcesRequest.newBuilder().setParent(PARENT).build();
    }

    private static Struct json(String text) throws Exception {
        Struct.Builder b = Struct.newBuilder();
        JsonFormat.parser().merge(text, b);
        return b.build();
    }

    private static String field(Struct s, String name) {
        return s.getFieldsOrThrow(name).getStringValue();
    }

    /** An assertion as google-auth-library makes it: RS256, kid, iss, aud, scope, iat, exp. */
    private static String assertion(Struct key, String aud, long iat, long exp, String scope) throws Exception {
        String pem = field(key, "private_key").replaceAll("-----[A-Z ]+-----", "").replaceAll("\\s", "");
        PrivateKey pk = KeyFactory.getInstance("RSA").generatePrivate(new PKCS8EncodedKeySpec(Base64.getDecoder().decode(pem)));
        Base64.Encoder e = Base64.getUrlEncoder().withoutPadding();
        String header = e.encodeToString(("{\"alg\":\"RS256\",\"typ\":\"JWT\",\"kid\":\"" + field(key, "private_key_id") + "\"}")
                .getBytes(StandardCharsets.UTF_8));
        String claims = e.encodeToString(("{\"iss\":\"" + field(key, "client_email") + "\",\"aud\":\"" + aud + "\",\"iat\":" + iat
                + ",\"exp\":" + exp + (scope == null ? "" : ",\"scope\":\"" + scope + "\"") + "}").getBytes(StandardCharsets.UTF_8));
        Signature s = Signature.getInstance("SHA256withRSA");
        s.initSign(pk);
        s.update((header + "." + claims).getBytes(StandardCharsets.US_ASCII));
        return header + "." + claims + "." + e.encodeToString(s.sign());
    }

    private HttpResponse<String> token(String grantType, String assertion) throws Exception {
        String form = "grant_type=" + URLEncoder.encode(grantType, StandardCharsets.UTF_8) + "&assertion=" + assertion;
        return http.send(HttpRequest.newBuilder(URI.create(emulator.auth().tokenUri()))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(form)).build(), HttpResponse.BodyHandlers.ofString());
    }

    private String accessToken(Struct key) throws Exception {
        long now = Instant.now().getEpochSecond();
        HttpResponse<String> r = token(TokenEndpoint.JWT_BEARER, assertion(key, TokenEndpoint.GOOGLE_AUDIENCE, now, now + 3600, SCOPE));
        assertEquals(200, r.statusCode(), r.body());
        Struct body = json(r.body());
        assertEquals("Bearer", field(body, "token_type"));
        assertEquals(3599.0, body.getFieldsOrThrow("expires_in").getNumberValue());
        return field(body, "access_token");
    }

    @Test
    void keysLookLikeGooglesAndPointAtTheTokenEndpoint() throws Exception {
        Struct key = json(emulator.auth().createServiceAccountKey("jenkins-ci", "demo-project", true));
        assertEquals("service_account", field(key, "type"));
        assertEquals("demo-project", field(key, "project_id"));
        assertEquals("jenkins-ci@demo-project.iam.gserviceaccount.com", field(key, "client_email"));
        assertEquals(40, field(key, "private_key_id").length());
        assertTrue(field(key, "client_id").matches("\\d{21}"), field(key, "client_id"));
        assertTrue(field(key, "private_key").startsWith("-----BEGIN PRIVATE KEY-----\n"));
        assertEquals(emulator.auth().tokenUri(), field(key, "token_uri"));
        assertTrue(emulator.auth().tokenUri().startsWith("https://127.0.0.1:"));
        assertThrows(IllegalArgumentException.class, () -> emulator.auth().createServiceAccountKey("Bad_Name", "demo-project", true));
    }

    @Test
    void everyCallNeedsATokenTheEmulatorIssued() throws Exception {
        StatusRuntimeException missing = assertThrows(StatusRuntimeException.class, () -> stub(null).listPersistentResources(list()));
        assertEquals(Status.Code.UNAUTHENTICATED, missing.getStatus().getCode());
        assertEquals(BearerTokenInterceptor.MISSING, missing.getStatus().getDescription());

        StatusRuntimeException forged = assertThrows(StatusRuntimeException.class, () -> stub("ya29.made-up").listPersistentResources(list()));
        assertEquals(Status.Code.UNAUTHENTICATED, forged.getStatus().getCode());
        assertEquals(BearerTokenInterceptor.INVALID, forged.getStatus().getDescription());

        String token = accessToken(json(emulator.auth().createServiceAccountKey("jenkins-ci", "demo-project", true)));
        assertEquals(0, stub(token).listPersistentResources(list()).getPersistentResourcesCount());
        assertEquals(1, emulator.auth().tokensIssued());
        // A call is counted in the stats whether or not it was allowed.
        assertEquals(3, emulator.stats().rpcCount("google.cloud.aiplatform.v1.PersistentResourceService/ListPersistentResources"));
    }

    @Test
    void anAccountWithoutTheRoleIsDeniedNamingPermissionAndResource() throws Exception {
        String token = accessToken(json(emulator.auth().createServiceAccountKey("no-role-bot", "demo-project", false)));
        StatusRuntimeException denied = assertThrows(StatusRuntimeException.class, () -> stub(token).listPersistentResources(list()));
        assertEquals(Status.Code.PERMISSION_DENIED, denied.getStatus().getCode());
        assertEquals("Permission 'aiplatform.persistentResources.list' denied on resource '//aiplatform.googleapis.com/"
                + PARENT + "' (or it may not exist).", denied.getStatus().getDescription());
        ErrorInfo info = StatusProto.fromThrowable(denied).getDetails(0).unpack(ErrorInfo.class);
        assertEquals("IAM_PERMISSION_DENIED", info.getReason());
        assertEquals("aiplatform.persistentResources.list", info.getMetadataOrThrow("permission"));
        assertEquals(PARENT, info.getMetadataOrThrow("resource"));
    }

    @Test
    void theTokenEndpointAnswersAsGooglesDoes() throws Exception {
        Struct key = json(emulator.auth().createServiceAccountKey("jenkins-ci", "demo-project", true));
        long now = Instant.now().getEpochSecond();
        String good = assertion(key, TokenEndpoint.GOOGLE_AUDIENCE, now, now + 3600, SCOPE);

        HttpResponse<String> r = token("client_credentials", good);
        assertEquals(400, r.statusCode());
        assertEquals("unsupported_grant_type", field(json(r.body()), "error"));

        Struct stranger;
        try (VertexAiEmulator other = VertexAiEmulator.builder().port(0).requireAuth(true).build().start()) {
            stranger = json(other.auth().createServiceAccountKey("someone-else", "demo-project", true));
        }
        r = token(TokenEndpoint.JWT_BEARER, assertion(stranger, TokenEndpoint.GOOGLE_AUDIENCE, now, now + 3600, SCOPE));
        assertEquals(400, r.statusCode());
        assertEquals("Invalid grant: account not found", field(json(r.body()), "error_description"));

        // The right account, signed with another key.
        Struct forged = json(emulator.auth().createServiceAccountKey("jenkins-ci", "demo-project", true)).toBuilder()
                .putFields("private_key", stranger.getFieldsOrThrow("private_key")).build();
        r = token(TokenEndpoint.JWT_BEARER, assertion(forged, TokenEndpoint.GOOGLE_AUDIENCE, now, now + 3600, SCOPE));
        assertEquals("Invalid JWT Signature.", field(json(r.body()), "error_description"));

        r = token(TokenEndpoint.JWT_BEARER, assertion(key, "https://example.com/token", now, now + 3600, SCOPE));
        assertTrue(field(json(r.body()), "error_description").startsWith("Invalid JWT: Failed audience check."));

        r = token(TokenEndpoint.JWT_BEARER, assertion(key, TokenEndpoint.GOOGLE_AUDIENCE, now - 7200, now - 3600, SCOPE));
        assertTrue(field(json(r.body()), "error_description").startsWith("Invalid JWT: Token must be a short-lived token"));
        r = token(TokenEndpoint.JWT_BEARER, assertion(key, TokenEndpoint.GOOGLE_AUDIENCE, now, now + 7200, SCOPE));
        assertTrue(field(json(r.body()), "error_description").startsWith("Invalid JWT: Token must be a short-lived token"));

        r = token(TokenEndpoint.JWT_BEARER, assertion(key, TokenEndpoint.GOOGLE_AUDIENCE, now, now + 3600, null));
        assertEquals("invalid_scope", field(json(r.body()), "error"));

        assertEquals(0, emulator.auth().tokensIssued());
        assertEquals(200, token(TokenEndpoint.JWT_BEARER, good).statusCode());
    }

    @Test
    void plaintextIsNotServed() throws InterruptedException {
        ManagedChannel plain = ManagedChannelBuilder.forTarget(emulator.hostPort()).usePlaintext().build();
        try {
            StatusRuntimeException e = assertThrows(StatusRuntimeException.class, () -> PersistentResourceServiceGrpc
                    .newBlockingStub(plain).withDeadlineAfter(10, TimeUnit.SECONDS).listPersistentResources(list()));
            assertEquals(Status.Code.UNAVAILABLE, e.getStatus().getCode());
        } finally {
            plain.shutdownNow().awaitTermination(5, TimeUnit.SECONDS);
        }
    }
}
