package io.jenkins.plugins.vertexai.core.client;

import io.jenkins.plugins.vertexai.core.ValidationException;
import java.net.URI;
import java.util.Locale;
import java.util.Objects;

/**
 * How to reach an emulator that requires authentication ({@code --require-auth}): trust only the certificate in
 * {@code certificateFile} (the emulator generates it; it is in no trust store), and get tokens from
 * {@code tokenUri}. Both are local by construction: the token URI must be {@code https} on a loopback host, so
 * a key's signed assertion never leaves the machine. Used only for the emulator, never for Google's endpoints.
 *
 * @param certificateFile PEM file of the certificate to trust ({@code VERTEX_AI_EMULATOR_CA})
 * @param tokenUri        the emulator's token endpoint ({@code VERTEX_AI_EMULATOR_TOKEN_URI}), or null to use the
 *                        key's own {@code token_uri} (which must then be local too)
 */
public record EmulatorTrust(String certificateFile, String tokenUri) {
    public EmulatorTrust {
        Objects.requireNonNull(certificateFile, "certificateFile");
        if (tokenUri != null) {
            tokenUri = tokenUri.trim();
            if (!isLocalHttps(tokenUri)) {
                throw ValidationException.of(VertexConnection.EMULATOR_TOKEN_URI_ENV, "must be an https:// URI on 127.0.0.1 or "
                        + "localhost (the emulator's token endpoint), got '" + tokenUri + "'");
            }
        }
    }

    /** Whether {@code uri} is {@code https} on a loopback host: the only token endpoints an emulator key may use. */
    static boolean isLocalHttps(String uri) {
        try {
            URI u = URI.create(uri);
            String host = u.getHost() == null ? "" : u.getHost().toLowerCase(Locale.ROOT);
            return "https".equalsIgnoreCase(u.getScheme())
                    && (host.equals("127.0.0.1") || host.equals("localhost") || host.equals("[::1]") || host.equals("::1"));
        } catch (IllegalArgumentException e) {
            return false;
        }
    }
}
