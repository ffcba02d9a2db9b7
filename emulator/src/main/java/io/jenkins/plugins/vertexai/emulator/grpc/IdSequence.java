package io.jenkins.plugins.vertexai.emulator.grpc;

import java.util.concurrent.atomic.AtomicLong;

/**
 * Numeric ids that look like the service's (large, unordered) yet are unique and reproducible for a seed: the n-th
 * id is an odd-multiplier affine map of n modulo 2^63, which is a bijection.
 */
public final class IdSequence {
    private final long offset;
    private final AtomicLong counter = new AtomicLong();

    public IdSequence(long seed) {
        this.offset = seed * 0x9E3779B97F4A7C15L + 0x2545F4914F6CDD1DL;
    }

    public long next() {
        return (counter.getAndIncrement() * 0x5DEECE66DL + offset) & Long.MAX_VALUE; // odd multiplier
    }
}
