package io.jenkins.plugins.vertexai.emulator.pipeline.sim;

import com.google.cloud.aiplatform.v1beta1.CustomJob;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;

/**
 * Every CustomJob a simulated pipeline task may run in, by name, so that {@code JobService.GetCustomJob} can render it
 * from its task's current state. Registered when the job is planned; a job that does not exist yet is not found.
 */
public final class CustomJobIndex {
    private record Entry(PipelineRun run, TaskRun task, int attempt) {
    }

    private final Map<String, Entry> byName = new ConcurrentHashMap<>();

    void register(String name, PipelineRun run, TaskRun task, int attempt) {
        byName.put(name, new Entry(run, task, attempt));
    }

    /** The CustomJob named {@code name} (project in the number form) as at the simulated now. */
    public Optional<CustomJob> find(String name, Supplier<Instant> clock) {
        Entry e = byName.get(name);
        return e == null ? Optional.empty() : e.run().customJob(e.task(), e.attempt(), clock);
    }
}
