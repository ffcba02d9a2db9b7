package io.jenkins.plugins.vertexai.emulator.pipeline;

import io.jenkins.plugins.vertexai.emulator.grpc.RpcErrors;
import io.jenkins.plugins.vertexai.emulator.pipeline.sim.PipelineRun;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.LongFunction;

/**
 * Pipeline jobs by name. Deleted jobs leave Get and List at once but are remembered (until their id is reused) so
 * that the emulator can still report when they ended.
 */
public final class PipelineJobStore {
    private final Map<String, StoredPipelineJob> live = new ConcurrentHashMap<>();
    private final Map<String, StoredPipelineJob> deleted = new ConcurrentHashMap<>();
    private final AtomicLong sequence = new AtomicLong();
    private final AtomicLong created = new AtomicLong();

    /** Adds the job {@code factory} makes, atomically refusing a name in use. */
    StoredPipelineJob create(String name, LongFunction<StoredPipelineJob> factory) {
        StoredPipelineJob job = live.compute(name, (key, existing) -> {
            if (existing != null) {
                throw RpcErrors.alreadyExists("PipelineJob " + name + " already exists");
            }
            return factory.apply(sequence.incrementAndGet());
        });
        deleted.remove(name);
        created.incrementAndGet();
        return job;
    }

    boolean contains(String name) {
        return live.containsKey(name);
    }

    Optional<StoredPipelineJob> find(String name) {
        return Optional.ofNullable(live.get(name));
    }

    /** The run of a live or deleted job, for end-time reports. */
    public Optional<PipelineRun> run(String name) {
        return find(name).or(() -> Optional.ofNullable(deleted.get(name))).map(StoredPipelineJob::run);
    }

    void delete(StoredPipelineJob job) {
        if (live.remove(job.name(), job)) {
            deleted.put(job.name(), job);
        }
    }

    /** Jobs under {@code parent}, newest first (the service's default order). */
    List<StoredPipelineJob> list(String parent) {
        String prefix = parent + "/pipelineJobs/";
        return live.values().stream().filter(j -> j.name().startsWith(prefix))
                .sorted(Comparator.comparingLong(StoredPipelineJob::sequence).reversed())
                .toList();
    }

    public long created() {
        return created.get();
    }
}
