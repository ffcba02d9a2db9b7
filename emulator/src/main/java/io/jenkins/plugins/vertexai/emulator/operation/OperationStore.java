package io.jenkins.plugins.vertexai.emulator.operation;

import io.jenkins.plugins.vertexai.emulator.grpc.IdSequence;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

/** Every operation the emulator started, by name, until a client deletes it. */
public final class OperationStore {
    private final Map<String, Entry> byName = new ConcurrentHashMap<>();
    private final AtomicLong sequence = new AtomicLong();
    private final IdSequence ids;

    /** An operation and its creation order (for listing). */
    public record Entry(long sequence, SimulatedOperation operation) {
    }

    public OperationStore(IdSequence ids) {
        this.ids = ids;
    }

    /** A fresh operation name under {@code resourceName}: {@code RESOURCE/operations/N}. */
    public String newName(String resourceName) {
        return resourceName + "/operations/" + ids.next();
    }

    public <T extends SimulatedOperation> T add(T operation) {
        byName.put(operation.name(), new Entry(sequence.incrementAndGet(), operation));
        return operation;
    }

    public Optional<SimulatedOperation> find(String name) {
        return Optional.ofNullable(byName.get(name)).map(Entry::operation);
    }

    public boolean remove(String name) {
        return byName.remove(name) != null;
    }

    /** Operations whose name is under {@code collection} (all when empty), oldest first. */
    public List<Entry> under(String collection) {
        String prefix = collection.isEmpty() ? "" : collection + "/";
        return byName.values().stream()
                .filter(e -> e.operation().name().startsWith(prefix))
                .sorted(Comparator.comparingLong(Entry::sequence))
                .toList();
    }
}
