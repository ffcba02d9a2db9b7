package io.jenkins.plugins.vertexai.core.async;

import java.time.Duration;

/**
 * How a long wait polls: the backoff between polls and an optional overall timeout (null: wait for ever).
 * Provisioning takes tens of minutes and pipelines hours, so the defaults poll from a few seconds up to a cap.
 */
public record PollingPolicy(Backoff backoff, Duration timeout) {
    public static final PollingPolicy PERSISTENT_RESOURCE = new PollingPolicy(
            new Backoff(Duration.ofSeconds(5), 1.5, Duration.ofSeconds(30)), Duration.ofHours(1));
    public static final PollingPolicy PIPELINE_JOB = new PollingPolicy(
            new Backoff(Duration.ofSeconds(5), 1.5, Duration.ofSeconds(30)), null);

    public PollingPolicy withTimeout(Duration t) {
        return new PollingPolicy(backoff, t);
    }

    public PollingPolicy withBackoff(Backoff b) {
        return new PollingPolicy(b, timeout);
    }

    /** Same policy with the poll interval capped at {@code cap} (and the first poll no later than it). */
    public PollingPolicy withMaxInterval(Duration cap) {
        Duration initial = backoff.initial().compareTo(cap) > 0 ? cap : backoff.initial();
        return new PollingPolicy(new Backoff(initial, backoff.multiplier(), cap), timeout);
    }
}
