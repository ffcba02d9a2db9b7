package io.jenkins.plugins.vertexai.core.client;

import io.jenkins.plugins.vertexai.core.ValidationException;
import java.util.Locale;

/**
 * Checks an endpoint override and {@code VERTEX_AI_EMULATOR_HOST} before any call, so that a typo is a clear
 * error naming the field rather than a late exception from a gRPC thread (or a hang, for a port out of range).
 * Plaintext goes only to a loopback host: a non-loopback endpoint needs TLS. Values that carry user info are never
 * echoed (they may hold a password).
 */
public final class EndpointCheck {
    /** The field name of the override in messages. */
    public static final String OVERRIDE_FIELD = "apiEndpoint";
    public static final String OVERRIDE_FORM = "host[:port], https://host[:port] or, for a local emulator, http://127.0.0.1:PORT";
    public static final String EMULATOR_FORM = "host:port, e.g. 127.0.0.1:8085 (not a URL)";

    /** A checked endpoint: {@code host:port} and whether it is plaintext. */
    public record Endpoint(String hostPort, boolean plaintext) {
    }

    private EndpointCheck() {
    }

    /** {@code VERTEX_AI_EMULATOR_HOST}: {@code host:port}, nothing else. */
    public static String emulatorHost(String value) {
        String field = VertexConnection.EMULATOR_HOST_ENV;
        String v = value.strip();
        if (v.contains("://")) {
            throw ValidationException.of(field, "'" + safe(v) + "' is a URL; it must be " + EMULATOR_FORM);
        }
        return hostPort(field, v, null, EMULATOR_FORM);
    }

    /** An explicit endpoint: {@code host[:port]}, {@code https://host[:port]}, or {@code http://LOOPBACK:port}. */
    public static Endpoint override(String value) {
        String v = value.strip();
        boolean plaintext = false;
        int scheme = v.indexOf("://");
        if (scheme >= 0) {
            String s = v.substring(0, scheme).toLowerCase(Locale.ROOT);
            if (!s.equals("http") && !s.equals("https")) {
                throw ValidationException.of(OVERRIDE_FIELD, "scheme '" + safe(s) + "' is not supported; give " + OVERRIDE_FORM);
            }
            plaintext = s.equals("http");
            v = v.substring(scheme + 3);
        }
        if (v.endsWith("/")) {
            v = v.substring(0, v.length() - 1);
        }
        String hostPort = hostPort(OVERRIDE_FIELD, v, plaintext ? null : 443, OVERRIDE_FORM);
        if (plaintext && !isLoopback(host(hostPort))) {
            throw ValidationException.of(OVERRIDE_FIELD, "plaintext http:// is only accepted to a loopback host (a local emulator),"
                    + " not to " + host(hostPort) + "; use https://" + hostPort);
        }
        return new Endpoint(hostPort, plaintext);
    }

    /** {@code host[:port]} with a port in [1, 65535]; {@code defaultPort} null means the port is required. */
    private static String hostPort(String field, String v, Integer defaultPort, String form) {
        if (v.contains("@")) {
            throw ValidationException.of(field, "user info (user:password@) is not accepted in an endpoint; credentials come from"
                    + " Application Default Credentials or a key file. Give " + form);
        }
        if (v.contains("/") || v.contains("?") || v.contains("#")) {
            throw ValidationException.of(field, "'" + v + "' has a path, query or fragment; give only " + form);
        }
        String host;
        String port;
        if (v.startsWith("[")) {
            int end = v.indexOf(']');
            host = end < 0 ? "" : v.substring(0, end + 1);
            port = end < 0 || end + 1 >= v.length() ? null : v.substring(end + 1).startsWith(":") ? v.substring(end + 2) : "x";
        } else {
            int colon = v.lastIndexOf(':');
            host = colon < 0 ? v : v.substring(0, colon);
            port = colon < 0 ? null : v.substring(colon + 1);
        }
        if (host.isEmpty() || host.chars().anyMatch(c -> Character.isWhitespace(c) || c == ':' && !host.startsWith("["))) {
            throw ValidationException.of(field, "'" + v + "' has no valid host; give " + form);
        }
        if (port == null) {
            if (defaultPort == null) {
                throw ValidationException.of(field, "'" + v + "' has no port; give " + form);
            }
            return host + ":" + defaultPort;
        }
        int p;
        try {
            p = Integer.parseInt(port);
        } catch (NumberFormatException e) {
            p = -1;
        }
        if (p < 1 || p > 65535) {
            throw ValidationException.of(field, "port '" + port + "' in '" + v + "' is not a port number (1 to 65535); give " + form);
        }
        return host + ":" + p;
    }

    private static String host(String hostPort) {
        return hostPort.substring(0, hostPort.lastIndexOf(':'));
    }

    static boolean isLoopback(String host) {
        String h = host.toLowerCase(Locale.ROOT);
        return h.equals("localhost") || h.startsWith("127.") || h.equals("[::1]");
    }

    /** Never echo what may be user info. */
    private static String safe(String v) {
        return v.contains("@") ? "(value with user info, not shown)" : v;
    }
}
