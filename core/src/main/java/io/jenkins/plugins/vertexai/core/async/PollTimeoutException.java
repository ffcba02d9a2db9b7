package io.jenkins.plugins.vertexai.core.async;

import java.time.Duration;

/** A wait ran past its overall timeout. The remote work may still be going on. */
public final class PollTimeoutException extends RuntimeException {
    private static final long serialVersionUID = 1L;
    private final Duration timeout;

    public PollTimeoutException(String what, Duration timeout) {
        super("timed out after " + Durations.format(timeout) + " waiting for " + what);
        this.timeout = timeout;
    }

    public Duration timeout() {
        return timeout;
    }
}
