package io.jenkins.plugins.vertexai.emulator.grpc;

import io.jenkins.plugins.vertexai.emulator.fault.FaultKind;
import java.util.EnumMap;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.LongAdder;

/** Counts calls received and faults injected, per full method name; cheap to update from many threads. */
public final class RpcStats {
    private final Map<String, LongAdder> received = new ConcurrentHashMap<>();
    private final Map<String, Map<FaultKind, LongAdder>> faults = new ConcurrentHashMap<>();

    public void recordCall(String fullMethodName) {
        received.computeIfAbsent(fullMethodName, m -> new LongAdder()).increment();
    }

    public void recordFault(String fullMethodName, FaultKind kind) {
        faults.computeIfAbsent(fullMethodName, m -> new ConcurrentHashMap<>())
                .computeIfAbsent(kind, k -> new LongAdder()).increment();
    }

    /** Calls received per method, sorted by name. */
    public Map<String, Long> receivedSnapshot() {
        Map<String, Long> out = new TreeMap<>();
        received.forEach((method, count) -> out.put(method, count.sum()));
        return out;
    }

    /** Faults injected per method and kind, sorted by method name. */
    public Map<String, Map<FaultKind, Long>> faultSnapshot() {
        Map<String, Map<FaultKind, Long>> out = new TreeMap<>();
        faults.forEach((method, byKind) -> {
            Map<FaultKind, Long> counts = new EnumMap<>(FaultKind.class);
            byKind.forEach((kind, count) -> counts.put(kind, count.sum()));
            out.put(method, counts);
        });
        return out;
    }
}
