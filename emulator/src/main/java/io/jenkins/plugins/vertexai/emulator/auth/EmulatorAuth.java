package io.jenkins.plugins.vertexai.emulator.auth;

import io.grpc.ServerCredentials;
import io.grpc.ServerInterceptor;
import io.grpc.TlsServerCredentials;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Clock;
import java.time.Duration;

/**
 * Authentication as Google's front end does it, for an emulator started with {@code requireAuth}: TLS with a
 * certificate generated at start, an OAuth 2 token endpoint for service-account keys, and a check of the bearer
 * token (and the account's role) on every call. Not simulated: real IAM policies, user accounts, API keys,
 * self-signed JWTs used directly as bearer tokens, workload identity.
 */
public final class EmulatorAuth implements AutoCloseable {
    private final ServerCertificate certificate = ServerCertificate.generate(Duration.ofDays(30));
    private final ServiceAccounts accounts = new ServiceAccounts();
    private final AccessTokens tokens;
    private final TokenEndpoint tokenEndpoint;

    public EmulatorAuth() {
        Clock clock = Clock.systemUTC();
        this.tokens = new AccessTokens(clock);
        try {
            this.tokenEndpoint = new TokenEndpoint(accounts, tokens, clock, certificate);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot open the emulator's token endpoint on 127.0.0.1", e);
        }
    }

    /** Starts the token endpoint (the gRPC server is started by the emulator). */
    public void start() {
        tokenEndpoint.start();
    }

    /** TLS for the gRPC server with the generated certificate. */
    public ServerCredentials serverCredentials() {
        return TlsServerCredentials.newBuilder().keyManager(certificate.keyManagers()).build();
    }

    /** Checks the bearer token and the role of every call. */
    public ServerInterceptor interceptor() {
        return new BearerTokenInterceptor(tokens, accounts);
    }

    /** The generated certificate in PEM: what a client must trust ({@code VERTEX_AI_EMULATOR_CA}). */
    public String certificatePem() {
        return certificate.pem();
    }

    /** {@code https://127.0.0.1:PORT/token}, the token endpoint ({@code VERTEX_AI_EMULATOR_TOKEN_URI}). */
    public String tokenUri() {
        return tokenEndpoint.uri();
    }

    /**
     * A new key for the service account {@code accountId@projectId.iam.gserviceaccount.com} (created on first use), in
     * Google's key JSON format with {@code token_uri} pointing here. The text holds a private key: treat it as a secret.
     *
     * @param hasRole whether the account holds a Vertex AI role (roles/aiplatform.user); without it every call is
     *                answered PERMISSION_DENIED
     */
    public String createServiceAccountKey(String accountId, String projectId, boolean hasRole) {
        return accounts.createKey(accountId, projectId, hasRole, tokenUri());
    }

    /** Access tokens issued so far (for tests: proves the client went through the token endpoint). */
    public long tokensIssued() {
        return tokens.issued();
    }

    @Override
    public void close() {
        tokenEndpoint.close();
    }
}
