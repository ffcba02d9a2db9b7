package io.jenkins.plugins.vertexai.core;

/**
 * A failure from Vertex AI or from waiting on it, worded for the person reading the build log: what was being
 * done, the server's message, and a hint when one is known.
 */
public class VertexException extends RuntimeException {
    private static final long serialVersionUID = 1L;
    private final String code;

    public VertexException(String message, String code, Throwable cause) {
        super(message, cause);
        this.code = code;
    }

    public VertexException(String message) {
        this(message, null, null);
    }

    /** The gRPC status code name (e.g. {@code PERMISSION_DENIED}), or null when the failure is not an RPC's. */
    public String code() {
        return code;
    }
}
