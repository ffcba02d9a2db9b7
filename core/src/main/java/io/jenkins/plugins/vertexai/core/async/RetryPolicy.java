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

    /** How long a wait rides out a service outage (consecutive failed polls) before it fails. */
    public static final Duration POLL_OUTAGE = Duration.ofMinutes(15);

    public RetryPolicy {
        if (maxAttempts < 1) {
            throw new IllegalArgumentException("maxAttempts must be >= 1");
        }
    }

    /**
     * The policy for the reads of a long wait. A wait's next poll is itself a retry, so a failed poll is retried no
     * later than the poll interval ({@code pollCap}) would have polled anyway, and the wait rides out a service
     * outage of about {@code outage} (a pipeline run of hours must not fail on a minute of UNAVAILABLE) rather
     * than giving up after this policy's few attempts.
     */
    public RetryPolicy forPolls(Duration pollCap, Duration outage) {
        Duration max = backoff.max().compareTo(pollCap) < 0 ? backoff.max() : pollCap;
        Duration initial = backoff.initial().compareTo(max) < 0 ? backoff.initial() : max;
        // Jitter spaces retries by at least half the capped delay.
        long attempts = maxAttempts + (long) Math.ceil(outage.toMillis() / Math.max(1.0, max.toMillis() / 2.0));
        return new RetryPolicy((int) Math.min(Integer.MAX_VALUE, attempts), new Backoff(initial, backoff.multiplier(), max), rpcTimeout);
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
