package io.jenkins.plugins.vertexai.emulator.fault;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Decides the fault for each call. The draw for the n-th call of a method is a pure function of (seed, method, n),
 * so runs with the same seed see the same faults per method regardless of thread timing between methods.
 */
public final class FaultInjector {
    private final FaultPlan plan;
    private final long seed;
    private final Map<String, AtomicLong> callNumbers = new ConcurrentHashMap<>();

    public FaultInjector(FaultPlan plan, long seed) {
        this.plan = plan;
        this.seed = seed;
    }

    /** The fault to inject into the next call of {@code fullMethodName}, or null. */
    public FaultKind next(String fullMethodName) {
        FaultRates rates = plan.ratesFor(fullMethodName);
        if (rates.isNone()) {
            return null;
        }
        long n = callNumbers.computeIfAbsent(fullMethodName, m -> new AtomicLong()).getAndIncrement();
        return rates.pick(uniform(seed, fullMethodName.hashCode(), n));
    }

    /** A uniform double in [0, 1) from SplitMix64 over the three inputs. */
    static double uniform(long seed, int methodHash, long n) {
        long z = seed * 0x9E3779B97F4A7C15L + methodHash * 0xC2B2AE3D27D4EB4FL + n * 0x165667B19E3779F9L;
        z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
        z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
        z = z ^ (z >>> 31);
        return (z >>> 11) * 0x1.0p-53;
    }
}
