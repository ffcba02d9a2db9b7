package io.jenkins.plugins.vertexai.emulator.resource;

import io.jenkins.plugins.vertexai.emulator.grpc.RpcErrors;
import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.LongFunction;

/**
 * The persistent resources by full name, shared by the v1 resource service and the pipeline service. A deleted
 * resource stays (STOPPING) until its deletion ends, then vanishes on the next access.
 */
public final class PersistentResourceStore {
    private final Map<String, SimulatedResource> byName = new ConcurrentHashMap<>();
    private final AtomicLong sequence = new AtomicLong();
    private final AtomicLong created = new AtomicLong();

    /** Adds the resource {@code factory} makes, atomically refusing a name in use (even one being deleted). */
    SimulatedResource create(String name, Instant now, LongFunction<SimulatedResource> factory) {
        return byName.compute(name, (key, existing) -> {
            if (existing != null && !existing.isGoneAt(now)) {
                throw RpcErrors.alreadyExists("PersistentResource " + name + " already exists");
            }
            created.incrementAndGet();
            return factory.apply(sequence.incrementAndGet());
        });
    }

    /** The resource named {@code name}, unless unknown or deleted by {@code now}. */
    public Optional<SimulatedResource> find(String name, Instant now) {
        SimulatedResource resource = byName.get(name);
        if (resource == null) {
            return Optional.empty();
        }
        if (resource.isGoneAt(now)) {
            byName.remove(name, resource);
            return Optional.empty();
        }
        return Optional.of(resource);
    }

    /** Resources under {@code parent} that exist at {@code now}, oldest first. */
    List<SimulatedResource> list(String parent, Instant now) {
        String prefix = parent + "/persistentResources/";
        return byName.values().stream()
                .filter(r -> r.name().startsWith(prefix) && !r.isGoneAt(now))
                .sorted(Comparator.comparingLong(SimulatedResource::sequence))
                .toList();
    }

    /** Resources ever created. */
    public long created() {
        return created.get();
    }
}
