package io.jenkins.plugins.vertexai.core.async;

import java.time.Duration;

/**
 * How transient RPC failures are retried: at most {@code maxAttempts} calls, each bounded by {@code rpcTimeout}
 * (the official client sets no deadline, so a silent server would otherwise hang a call forever), spaced by a
 * jittered backoff.
 */
public record RetryPolicy(int maxAttempts, Backoff backoff, Duration rpcTimeout) {
    public static final RetryPolicy DEFAULT = new RetryPolicy(10,
            new Backoff(Duration.ofMillis(250), 2.0, Duration.ofSeconds(15)), Duration.ofSeconds(60));

    public RetryPolicy {
        if (maxAttempts < 1) {
            throw new IllegalArgumentException("maxAttempts must be >= 1");
        }
    }

    public RetryPolicy withMaxAttempts(int n) {
        return new RetryPolicy(n, backoff, rpcTimeout);
    }

    public RetryPolicy withBackoff(Backoff b) {
        return new RetryPolicy(maxAttempts, b, rpcTimeout);
    }

    public RetryPolicy withRpcTimeout(Duration t) {
        return new RetryPolicy(maxAttempts, backoff, t);
    }
}
