package io.jenkins.plugins.vertexai.emulator.auth;

import java.io.ByteArrayInputStream;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.KeyStore;
import java.security.SecureRandom;
import java.security.Signature;
import java.security.cert.Certificate;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.security.spec.ECGenParameterSpec;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import javax.net.ssl.KeyManager;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;

/**
 * A self-signed certificate made at start for {@code 127.0.0.1} and {@code localhost} (EC P-256, SHA-256), so the
 * emulator can serve TLS that a client trusts only when told to. Its key never leaves this process.
 */
public final class ServerCertificate {
    private static final String EC_PUBLIC_KEY = "1.2.840.10045.2.1";
    private static final String ECDSA_WITH_SHA256 = "1.2.840.10045.4.3.2";
    private static final String COMMON_NAME = "2.5.4.3";
    private static final String SUBJECT_ALT_NAME = "2.5.29.17";
    private static final char[] NO_PASSWORD = new char[0];

    private final KeyPair keys;
    private final X509Certificate certificate;

    private ServerCertificate(KeyPair keys, X509Certificate certificate) {
        this.keys = keys;
        this.certificate = certificate;
    }

    /** A new key pair and a certificate valid from an hour ago for {@code validity}. */
    public static ServerCertificate generate(Duration validity) {
        try {
            KeyPairGenerator g = KeyPairGenerator.getInstance("EC");
            g.initialize(new ECGenParameterSpec("secp256r1"), new SecureRandom());
            KeyPair keys = g.generateKeyPair();
            byte[] algorithm = Der.sequence(Der.oid(ECDSA_WITH_SHA256));
            byte[] name = Der.sequence(Der.set(Der.sequence(Der.oid(COMMON_NAME), Der.utf8("Vertex AI emulator"))));
            Instant now = Instant.now();
            byte[] altNames = Der.sequence(
                    Der.implicit(2, "localhost".getBytes(StandardCharsets.US_ASCII)), // dNSName
                    Der.implicit(7, new byte[] {127, 0, 0, 1}));                     // iPAddress
            byte[] tbs = Der.sequence(
                    Der.explicit(0, Der.integer(BigInteger.TWO)), // v3
                    Der.integer(new BigInteger(64, new SecureRandom()).setBit(63)),
                    algorithm,
                    name,
                    Der.sequence(Der.utcTime(now.minus(Duration.ofHours(1))), Der.utcTime(now.plus(validity))),
                    name,
                    keys.getPublic().getEncoded(), // SubjectPublicKeyInfo
                    Der.explicit(3, Der.sequence(Der.sequence(Der.oid(SUBJECT_ALT_NAME), Der.octetString(altNames)))));
            Signature signer = Signature.getInstance("SHA256withECDSA");
            signer.initSign(keys.getPrivate());
            signer.update(tbs);
            byte[] der = Der.sequence(tbs, algorithm, Der.bitString(signer.sign()));
            X509Certificate cert = (X509Certificate) CertificateFactory.getInstance("X.509")
                    .generateCertificate(new ByteArrayInputStream(der));
            cert.verify(keys.getPublic());
            return new ServerCertificate(keys, cert);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("cannot generate the emulator's TLS certificate", e);
        }
    }

    public X509Certificate certificate() {
        return certificate;
    }

    /** The certificate in PEM, for clients to trust (public: no key material). */
    public String pem() {
        try {
            return "-----BEGIN CERTIFICATE-----\n"
                    + Base64.getMimeEncoder(64, new byte[] {'\n'}).encodeToString(certificate.getEncoded())
                    + "\n-----END CERTIFICATE-----\n";
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Key managers presenting this certificate, for the gRPC server and the token endpoint. */
    KeyManager[] keyManagers() {
        try {
            KeyStore store = KeyStore.getInstance("PKCS12");
            store.load(null, null);
            store.setKeyEntry("emulator", keys.getPrivate(), NO_PASSWORD, new Certificate[] {certificate});
            KeyManagerFactory f = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
            f.init(store, NO_PASSWORD);
            return f.getKeyManagers();
        } catch (GeneralSecurityException | java.io.IOException e) {
            throw new IllegalStateException("cannot load the emulator's TLS key", e);
        }
    }

    SSLContext sslContext() {
        try {
            SSLContext c = SSLContext.getInstance("TLS");
            c.init(keyManagers(), null, null);
            return c;
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }
}
