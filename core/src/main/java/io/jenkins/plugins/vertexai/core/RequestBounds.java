package io.jenkins.plugins.vertexai.core;

import io.jenkins.plugins.vertexai.core.resource.ResourcePoolSpec;
import java.time.Duration;
import java.util.List;

/**
 * Upper bounds on sizes and durations, checked before any call: a value past them is a typo (an extra digit), and
 * left through it would overflow arithmetic after a resource or job was already created, or reach the service.
 * Counts are bounded as the API does (its counts are int32 or realistic limits far below), durations so that
 * every deadline computed from them fits a {@code long} of nanoseconds.
 */
public final class RequestBounds {
    /** The longest wait or timeout accepted: a year, far beyond any pipeline run and far below overflow. */
    public static final Duration MAX_DURATION = Duration.ofDays(365);
    public static final String MAX_DURATION_TEXT = "365d";
    /** Replicas in one pool (the autoscaling bound of the same validator applies to fixed pools too). */
    public static final long MAX_REPLICAS = 1000;
    /** Accelerators on one machine: no machine type has more than 16 (a2-megagpu-16g). */
    public static final int MAX_ACCELERATORS = 16;

    private RequestBounds() {
    }

    /** Adds a problem when {@code d} is longer than {@link #MAX_DURATION}; null passes. */
    public static boolean checkDuration(String field, Duration d, Problems problems) {
        if (d != null && d.compareTo(MAX_DURATION) > 0) {
            problems.add(field, tooLong(d));
            return false;
        }
        return true;
    }

    /** The message for a duration past the bound. */
    public static String tooLong(Object value) {
        return "'" + value + "' is too long; at most " + MAX_DURATION_TEXT;
    }

    /** Replica and accelerator counts of every pool (lower bounds and autoscaling rules are the spec validator's). */
    public static void checkPools(List<ResourcePoolSpec> pools, Problems problems) {
        for (int i = 0; i < pools.size(); i++) {
            ResourcePoolSpec p = pools.get(i);
            String prefix = "resourcePools[" + i + "].";
            if (!p.autoscaling() && p.replicaCount() != null && p.replicaCount() > MAX_REPLICAS) {
                problems.add(prefix + "replicaCount", "must be at most " + MAX_REPLICAS + ", got " + p.replicaCount());
            }
            if (p.acceleratorCount() != null && p.acceleratorCount() > MAX_ACCELERATORS) {
                problems.add(prefix + "acceleratorCount", "must be at most " + MAX_ACCELERATORS
                        + " (accelerators on one machine), got " + p.acceleratorCount());
            }
        }
    }
}
