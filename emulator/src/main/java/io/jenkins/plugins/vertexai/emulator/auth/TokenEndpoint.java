package io.jenkins.plugins.vertexai.emulator.auth;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpsConfigurator;
import com.sun.net.httpserver.HttpsServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.security.PublicKey;
import java.time.Clock;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * Google's OAuth 2 token endpoint for service accounts ({@code POST /token}, the JWT bearer grant of RFC 7523), over
 * HTTPS on 127.0.0.1: it checks the assertion's RS256 signature against a key of the account named in {@code iss},
 * its audience (Google's token URL, see {@link #GOOGLE_AUDIENCE}), its lifetime (at most an hour) and that it asks for a scope, then issues an
 * access token. Errors are Google's: HTTP 400 with {@code {"error": ..., "error_description": ...}}.
 */
final class TokenEndpoint implements AutoCloseable {
    static final String JWT_BEARER = "urn:ietf:params:oauth:grant-type:jwt-bearer";
    /** Clock skew tolerated on {@code iat}, as Google does for clients whose clocks run a little fast. */
    private static final long SKEW_SECONDS = 300;
    private static final long MAX_LIFETIME_SECONDS = 3600;
    /**
     * The audience Google's token endpoint expects, whatever URL the request went to: google-auth-library signs its
     * assertions for it even when the key's {@code token_uri} is elsewhere. The older URL and this endpoint's own
     * URI are accepted too.
     */
    static final String GOOGLE_AUDIENCE = "https://oauth2.googleapis.com/token";
    private static final String LEGACY_AUDIENCE = "https://accounts.google.com/o/oauth2/token";

    private final ServiceAccounts accounts;
    private final AccessTokens tokens;
    private final Clock clock;
    private final HttpsServer server;
    private final ExecutorService executor;

    TokenEndpoint(ServiceAccounts accounts, AccessTokens tokens, Clock clock, ServerCertificate certificate) throws IOException {
        this.accounts = accounts;
        this.tokens = tokens;
        this.clock = clock;
        this.server = HttpsServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.setHttpsConfigurator(new HttpsConfigurator(certificate.sslContext()));
        this.executor = Executors.newSingleThreadExecutor(r -> {
            Thread t = new Thread(r, "vertex-ai-emulator-token-endpoint");
            t.setDaemon(true);
            return t;
        });
        server.setExecutor(executor);
        server.createContext("/token", this::handle);
    }

    void start() {
        server.start();
    }

    /** The value of {@code token_uri} in the keys this emulator hands out. */
    String uri() {
        return "https://127.0.0.1:" + server.getAddress().getPort() + "/token";
    }

    @Override
    public void close() {
        server.stop(0);
        executor.shutdownNow();
    }

    private void handle(HttpExchange ex) throws IOException {
        try (ex) {
            if (!"POST".equals(ex.getRequestMethod())) {
                ex.getRequestBody().readAllBytes();
                reply(ex, 405, error("invalid_request", "Method " + ex.getRequestMethod() + " is not allowed; use POST"));
                return;
            }
            Map<String, String> form = form(new String(ex.getRequestBody().readAllBytes(), StandardCharsets.UTF_8));
            Answer a = grant(form);
            reply(ex, a.status(), a.json());
        }
    }

    private record Answer(int status, String json) {
    }

    private Answer grant(Map<String, String> form) {
        String grantType = form.get("grant_type");
        if (!JWT_BEARER.equals(grantType)) {
            return new Answer(400, error("unsupported_grant_type", "Invalid grant_type: " + (grantType == null ? "" : grantType)));
        }
        SignedJwt jwt;
        try {
            jwt = SignedJwt.parse(form.getOrDefault("assertion", ""));
        } catch (IllegalArgumentException e) {
            return new Answer(400, error("invalid_grant", "Invalid JWT Signature."));
        }
        Optional<ServiceAccounts.Account> account = accounts.find(jwt.claimString("iss"));
        if (account.isEmpty()) {
            return new Answer(400, error("invalid_grant", "Invalid grant: account not found"));
        }
        boolean signed = false;
        for (PublicKey key : ServiceAccounts.candidateKeys(account.get(), jwt.headerString("kid"))) {
            signed |= jwt.verifiedBy(key);
        }
        if (!signed) {
            return new Answer(400, error("invalid_grant", "Invalid JWT Signature."));
        }
        String aud = jwt.claimString("aud");
        if (!GOOGLE_AUDIENCE.equals(aud) && !LEGACY_AUDIENCE.equals(aud) && !uri().equals(aud)) {
            return new Answer(400, error("invalid_grant", "Invalid JWT: Failed audience check. The right audience is " + GOOGLE_AUDIENCE));
        }
        Long iat = jwt.claimSeconds("iat");
        Long exp = jwt.claimSeconds("exp");
        long now = clock.instant().getEpochSecond();
        if (iat == null || exp == null || exp <= iat || exp - iat > MAX_LIFETIME_SECONDS || iat > now + SKEW_SECONDS || exp < now) {
            return new Answer(400, error("invalid_grant", "Invalid JWT: Token must be a short-lived token (60 minutes) and in a "
                    + "reasonable timeframe. Check your iat and exp values in the JWT claim."));
        }
        String scope = jwt.claimString("scope");
        if (scope == null || scope.isBlank()) {
            return new Answer(400, error("invalid_scope", "Invalid oauth scope or ID token audience provided."));
        }
        String token = tokens.issue(account.get().email());
        return new Answer(200, "{\"access_token\":\"" + token + "\",\"expires_in\":" + AccessTokens.LIFETIME.toSeconds()
                + ",\"token_type\":\"Bearer\"}");
    }

    private static Map<String, String> form(String body) {
        Map<String, String> m = new HashMap<>();
        for (String pair : body.split("&")) {
            int eq = pair.indexOf('=');
            if (eq > 0) {
                m.put(URLDecoder.decode(pair.substring(0, eq), StandardCharsets.UTF_8),
                        URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8));
            }
        }
        return m;
    }

    private static String error(String code, String description) {
        return "{\"error\":\"" + code + "\",\"error_description\":\"" + description.replace("\\", "\\\\").replace("\"", "\\\"") + "\"}";
    }

    private static void reply(HttpExchange ex, int status, String json) throws IOException {
        byte[] body = json.getBytes(StandardCharsets.UTF_8);
        ex.getResponseHeaders().set("Content-Type", "application/json; charset=utf-8");
        ex.getResponseHeaders().set("Cache-Control", "no-cache, no-store, max-age=0, must-revalidate");
        ex.sendResponseHeaders(status, body.length);
        try (OutputStream out = ex.getResponseBody()) {
            out.write(body);
        }
    }
}
