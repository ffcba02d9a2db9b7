package io.jenkins.plugins.vertexai.emulator.fault;

import java.util.Collections;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Set;

/**
 * Which faults to inject into which calls. Methods are named by their gRPC full name, e.g.
 * {@code google.cloud.aiplatform.v1.PersistentResourceService/GetPersistentResource}; {@code "*"} means every method
 * (the Operations and pipeline services included) and {@code "package.Service/*"} every method of one service. The most
 * specific pattern wins; an exempt pattern wins over all rates.
 *
 * <pre>{@code
 * FaultPlan.builder()
 *     .unavailable("*", 0.2)
 *     .appliedThenUnavailable(CREATE_PERSISTENT_RESOURCE, 0.5)
 *     .exempt("google.longrunning.Operations/*")
 *     .build();
 * }</pre>
 * The random draws come from the emulator's seed, per method and call number, so the same seed injects the same
 * faults into the n-th call of a method however calls of different methods interleave.
 */
public final class FaultPlan {
    public static final String ALL_METHODS = "*";
    private static final FaultPlan NONE = new FaultPlan(Map.of(), Set.of());

    private final Map<String, FaultRates> rates;
    private final Set<String> exempt;

    private FaultPlan(Map<String, FaultRates> rates, Set<String> exempt) {
        this.rates = Collections.unmodifiableMap(new LinkedHashMap<>(rates));
        this.exempt = Collections.unmodifiableSet(new LinkedHashSet<>(exempt));
    }

    public static FaultPlan none() {
        return NONE;
    }

    public static Builder builder() {
        return new Builder();
    }

    public boolean isNone() {
        return rates.values().stream().allMatch(FaultRates::isNone);
    }

    /** The rates that apply to one method: exempt → none, else the exact name, its service's "/*", then "*". */
    public FaultRates ratesFor(String fullMethodName) {
        String service = fullMethodName.substring(0, fullMethodName.indexOf('/') + 1) + "*";
        if (exempt.contains(fullMethodName) || exempt.contains(service) || exempt.contains(ALL_METHODS)) {
            return FaultRates.NONE;
        }
        FaultRates exact = rates.get(fullMethodName);
        if (exact != null) {
            return exact;
        }
        return rates.getOrDefault(service, rates.getOrDefault(ALL_METHODS, FaultRates.NONE));
    }

    @Override
    public String toString() {
        return "FaultPlan" + rates + (exempt.isEmpty() ? "" : " exempt " + exempt);
    }

    /** Accumulates rates per method pattern; each kind can be set separately. */
    public static final class Builder {
        private final Map<String, Map<FaultKind, Double>> rates = new LinkedHashMap<>();
        private final Set<String> exempt = new LinkedHashSet<>();

        public Builder unavailable(String method, double probability) {
            return rate(method, FaultKind.UNAVAILABLE, probability);
        }

        public Builder deadlineExceeded(String method, double probability) {
            return rate(method, FaultKind.DEADLINE_EXCEEDED, probability);
        }

        public Builder resourceExhausted(String method, double probability) {
            return rate(method, FaultKind.RESOURCE_EXHAUSTED, probability);
        }

        public Builder appliedThenUnavailable(String method, double probability) {
            return rate(method, FaultKind.APPLIED_THEN_UNAVAILABLE, probability);
        }

        public Builder rate(String method, FaultKind kind, double probability) {
            if (!(probability >= 0 && probability <= 1)) {
                throw new IllegalArgumentException("a fault probability must be within [0, 1], got " + probability);
            }
            rates.computeIfAbsent(checkPattern(method), m -> new EnumMap<>(FaultKind.class)).put(kind, probability);
            return this;
        }

        /** Never inject faults into these methods (same patterns as the rates). */
        public Builder exempt(String... methods) {
            for (String method : methods) {
                exempt.add(checkPattern(method));
            }
            return this;
        }

        public FaultPlan build() {
            Map<String, FaultRates> built = new LinkedHashMap<>();
            rates.forEach((method, byKind) -> {
                try {
                    built.put(method, FaultRates.of(byKind));
                } catch (IllegalArgumentException e) {
                    throw new IllegalArgumentException("fault rates for " + method + ": " + e.getMessage(), e);
                }
            });
            return new FaultPlan(built, exempt);
        }

        private static String checkPattern(String method) {
            if (method.equals(ALL_METHODS) || (method.indexOf('/') > 0 && method.indexOf('/') == method.lastIndexOf('/')
                    && !method.endsWith("/"))) {
                return method;
            }
            throw new IllegalArgumentException("'" + method + "' is not a method pattern: use \"*\", "
                    + "\"package.Service/*\" or a full method name \"package.Service/Method\"");
        }
    }
}
