package io.jenkins.plugins.vertexai.core.client;

import com.google.api.client.http.javanet.NetHttpTransport;
import com.google.auth.Credentials;
import com.google.auth.http.HttpTransportFactory;
import com.google.auth.oauth2.GoogleCredentials;
import com.google.auth.oauth2.ServiceAccountCredentials;
import io.grpc.ManagedChannelBuilder;
import io.grpc.netty.shaded.io.grpc.netty.GrpcSslContexts;
import io.grpc.netty.shaded.io.grpc.netty.NettyChannelBuilder;
import io.jenkins.plugins.vertexai.core.ValidationException;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.util.List;

/**
 * The client side of an emulator that requires authentication: a gRPC channel that trusts the emulator's certificate
 * and nothing else, and service-account credentials whose token requests go to the emulator's token endpoint over
 * the same trust. Google's endpoints never go through here (see {@link VertexConnection#resolve}).
 */
final class EmulatorTls {
    static final String CLOUD_PLATFORM = "https://www.googleapis.com/auth/cloud-platform";

    private final EmulatorTrust trust;
    private final X509Certificate certificate;

    EmulatorTls(EmulatorTrust trust) {
        this.trust = trust;
        this.certificate = readCertificate(trust.certificateFile());
    }

    /** Configures gax's channel builder (a Netty one) for TLS that trusts only the emulator's certificate. */
    ManagedChannelBuilder<?> configure(ManagedChannelBuilder<?> builder) {
        if (!(builder instanceof NettyChannelBuilder netty)) {
            throw new IllegalStateException("TLS to the emulator needs gRPC's Netty transport, got " + builder.getClass().getName());
        }
        try {
            return netty.sslContext(GrpcSslContexts.forClient().trustManager(certificate).build());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot set up TLS for the emulator", e);
        }
    }

    /**
     * The credentials to send to the emulator: {@code given} (else Application Default Credentials), which must be a
     * service-account key, scoped to cloud-platform, getting its tokens from the emulator over this trust. Other
     * credential types (user credentials, metadata server) would fetch a real Google token and hand it to the
     * emulator, so they are refused.
     */
    GoogleCredentials credentials(Credentials given) {
        HttpTransportFactory transport = transport();
        Credentials base = given;
        if (base == null) {
            try {
                base = GoogleCredentials.getApplicationDefault(transport);
            } catch (IOException e) {
                throw ValidationException.of("credentials", "the emulator requires authentication: set "
                        + "GOOGLE_APPLICATION_CREDENTIALS to a service-account key the emulator generated, or give one explicitly");
            }
        }
        if (!(base instanceof ServiceAccountCredentials sa)) {
            throw ValidationException.of("credentials", "the emulator accepts service-account keys only, got "
                    + base.getClass().getSimpleName() + " (which would send a real Google token to the emulator)");
        }
        String tokenUri = trust.tokenUri() != null ? trust.tokenUri()
                : sa.getTokenServerUri() == null ? null : sa.getTokenServerUri().toString();
        if (tokenUri == null || !EmulatorTrust.isLocalHttps(tokenUri)) {
            throw ValidationException.of(VertexConnection.EMULATOR_TOKEN_URI_ENV, "the key for " + sa.getClientEmail()
                    + " gets its tokens from " + tokenUri + ", not from the emulator; set " + VertexConnection.EMULATOR_TOKEN_URI_ENV
                    + " to the emulator's token endpoint (https://127.0.0.1:PORT/token, printed when it starts)");
        }
        ServiceAccountCredentials.Builder b = sa.toBuilder().setHttpTransportFactory(transport).setTokenServerUri(URI.create(tokenUri));
        if (sa.getScopes() == null || sa.getScopes().isEmpty()) {
            b.setScopes(List.of(CLOUD_PLATFORM));
        }
        return b.build();
    }

    /** HTTPS to the token endpoint, trusting only the emulator's certificate. */
    private HttpTransportFactory transport() {
        try {
            KeyStore store = KeyStore.getInstance(KeyStore.getDefaultType());
            store.load(null, null);
            store.setCertificateEntry("vertex-ai-emulator", certificate);
            NetHttpTransport t = new NetHttpTransport.Builder().trustCertificates(store).build();
            return () -> t;
        } catch (GeneralSecurityException | IOException e) {
            throw new IllegalStateException("cannot set up HTTPS for the emulator's token endpoint", e);
        }
    }

    private static X509Certificate readCertificate(String file) {
        try (InputStream in = Files.newInputStream(Path.of(file))) {
            return (X509Certificate) CertificateFactory.getInstance("X.509").generateCertificate(in);
        } catch (IOException e) {
            throw ValidationException.of(VertexConnection.EMULATOR_CA_ENV, "cannot read the emulator's certificate " + file
                    + " (" + e + "); expected the ca.pem the emulator wrote at start");
        } catch (GeneralSecurityException e) {
            throw ValidationException.of(VertexConnection.EMULATOR_CA_ENV, "not a PEM certificate: " + file
                    + "; expected the ca.pem the emulator wrote at start");
        }
    }
}
