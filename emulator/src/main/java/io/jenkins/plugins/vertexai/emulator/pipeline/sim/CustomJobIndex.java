package io.jenkins.plugins.vertexai.emulator.pipeline.sim;

import com.google.cloud.aiplatform.v1beta1.CustomJob;
import com.google.logging.v2.LogEntry;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;

/**
 * Every CustomJob a simulated pipeline task may run in, by name, so that {@code JobService.GetCustomJob} can render it
 * from its task's current state, and its log entries by the job's numeric id (Cloud Logging's {@code job_id} label).
 * Registered when the job is planned; a job that does not exist yet is not found and has no entries.
 */
public final class CustomJobIndex {
    private record Entry(String name, PipelineRun run, TaskRun task, int attempt) {
    }

    private final Map<String, Entry> byName = new ConcurrentHashMap<>();
    private final Map<String, Entry> byId = new ConcurrentHashMap<>();

    void register(String name, PipelineRun run, TaskRun task, int attempt) {
        Entry e = new Entry(name, run, task, attempt);
        byName.put(name, e);
        byId.put(name.substring(name.lastIndexOf('/') + 1), e);
    }

    /** The CustomJob named {@code name} (project in the number form) as at the simulated now. */
    public Optional<CustomJob> find(String name, Supplier<Instant> clock) {
        Entry e = byName.get(name);
        return e == null ? Optional.empty() : e.run().customJob(e.task(), e.attempt(), clock);
    }

    /** Every registered job id (for a query that names none). */
    public Set<String> ids() {
        return Set.copyOf(byId.keySet());
    }

    /**
     * The log entries so far of the job with numeric id {@code jobId} when it is in the project numbered
     * {@code projectNumber}, oldest first; {@code projectId} is how the entries name the project.
     */
    public List<LogEntry> logEntries(String jobId, long projectNumber, String projectId, Supplier<Instant> clock) {
        Entry e = byId.get(jobId);
        if (e == null || !e.name().startsWith("projects/" + projectNumber + "/")) {
            return List.of();
        }
        return e.run().logEntries(e.task(), e.attempt(), clock, projectId);
    }
}
