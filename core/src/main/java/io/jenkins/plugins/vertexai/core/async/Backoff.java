package io.jenkins.plugins.vertexai.core.async;

import java.time.Duration;
import java.util.concurrent.ThreadLocalRandom;

/** Exponential backoff: initial delay, multiplier, cap. Immutable; {@link #next} gives the following delay. */
public record Backoff(Duration initial, double multiplier, Duration max) {
    public Backoff {
        if (initial.isNegative() || initial.isZero()) {
            throw new IllegalArgumentException("initial delay must be positive");
        }
        if (multiplier < 1.0) {
            throw new IllegalArgumentException("multiplier must be >= 1");
        }
        if (max.compareTo(initial) < 0) {
            throw new IllegalArgumentException("max delay must be >= initial delay");
        }
    }

    public Duration next(Duration current) {
        long nanos = (long) Math.min((double) max.toNanos(), current.toNanos() * multiplier);
        return Duration.ofNanos(nanos);
    }

    /** The delay after {@code attempt} failures (0-based), without jitter. */
    public Duration delay(int attempt) {
        Duration d = initial;
        for (int i = 0; i < attempt && d.compareTo(max) < 0; i++) {
            d = next(d);
        }
        return d;
    }

    /** "Equal jitter": uniform in [d/2, d], so retries of many clients spread out but never collapse to zero. */
    public static Duration jitter(Duration d) {
        long half = d.toNanos() / 2;
        return Duration.ofNanos(half + (half == 0 ? 0 : ThreadLocalRandom.current().nextLong(half + 1)));
    }
}
