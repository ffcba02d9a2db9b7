package io.jenkins.plugins.vertexai.emulator.fault;

import java.util.EnumMap;
import java.util.Map;

/** Probability of each {@link FaultKind} for one call; together at most 1. */
public record FaultRates(double unavailable, double deadlineExceeded, double resourceExhausted,
                         double appliedThenUnavailable) {
    public static final FaultRates NONE = new FaultRates(0, 0, 0, 0);

    public FaultRates {
        for (double p : new double[] {unavailable, deadlineExceeded, resourceExhausted, appliedThenUnavailable}) {
            if (!(p >= 0 && p <= 1)) {
                throw new IllegalArgumentException("a fault probability must be within [0, 1], got " + p);
            }
        }
        double total = unavailable + deadlineExceeded + resourceExhausted + appliedThenUnavailable;
        if (total > 1 + 1e-9) {
            throw new IllegalArgumentException("fault probabilities add up to " + total + ", more than 1");
        }
    }

    public static FaultRates of(Map<FaultKind, Double> rates) {
        return new FaultRates(rates.getOrDefault(FaultKind.UNAVAILABLE, 0.0),
                rates.getOrDefault(FaultKind.DEADLINE_EXCEEDED, 0.0),
                rates.getOrDefault(FaultKind.RESOURCE_EXHAUSTED, 0.0),
                rates.getOrDefault(FaultKind.APPLIED_THEN_UNAVAILABLE, 0.0));
    }

    public Map<FaultKind, Double> asMap() {
        Map<FaultKind, Double> map = new EnumMap<>(FaultKind.class);
        map.put(FaultKind.UNAVAILABLE, unavailable);
        map.put(FaultKind.DEADLINE_EXCEEDED, deadlineExceeded);
        map.put(FaultKind.RESOURCE_EXHAUSTED, resourceExhausted);
        map.put(FaultKind.APPLIED_THEN_UNAVAILABLE, appliedThenUnavailable);
        return map;
    }

    public boolean isNone() {
        return unavailable + deadlineExceeded + resourceExhausted + appliedThenUnavailable == 0;
    }

    /** The fault for a uniform draw {@code u} in [0, 1), or null for none: consecutive bands, one per kind. */
    FaultKind pick(double u) {
        double edge = 0;
        for (Map.Entry<FaultKind, Double> band : asMap().entrySet()) {
            edge += band.getValue();
            if (u < edge) {
                return band.getKey();
            }
        }
        return null;
    }
}
