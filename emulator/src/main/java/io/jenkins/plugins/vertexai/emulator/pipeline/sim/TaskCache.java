package io.jenkins.plugins.vertexai.emulator.pipeline.sim;

import io.jenkins.plugins.vertexai.emulator.pipeline.spec.CanonicalValues;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Vertex AI Pipelines' execution cache, simulated: a task with {@code cachingOptions.enableCache} whose cache key
 * (its executor, its input values, and what its upstream tasks produced) matches an earlier successful execution in
 * the same project and location reuses that execution's outputs instead of running: the task ends SKIPPED, its
 * execution CACHED, and no CustomJob is made. Shared by every job of the emulator.
 *
 * <p>An entry maps a cache key to the identity of the execution that produced the outputs, so that tasks downstream
 * of a cache hit see the same upstream identity as in the run that filled the cache, and hit too.
 */
public final class TaskCache {
    private final Map<String, String> producers = new ConcurrentHashMap<>();

    /** The cache as one job sees it: entries of its location; its own executions are named after the job. */
    record Scope(TaskCache cache, String location, String jobName) {
        Optional<String> lookup(String key) {
            return cache.lookup(location, key);
        }

        void record(String key, String producer) {
            cache.record(location, key, producer);
        }
    }

    /** The producing execution's identity for {@code key} in {@code location}, if an earlier run left one. */
    Optional<String> lookup(String location, String key) {
        return Optional.ofNullable(producers.get(location + "|" + key));
    }

    /** Records a successful execution; a later identical task in the same location reuses it. */
    void record(String location, String key, String producer) {
        producers.putIfAbsent(location + "|" + key, producer);
    }

    /** Entries held, for tests and stats. */
    public int size() {
        return producers.size();
    }

    /**
     * A task's cache key: its static part (executor and known input values, from the planner) and the identities of
     * the executions its upstream tasks stand for. An upstream task that ran afresh has a new identity, so its
     * consumers miss, as they would on the service where it produced new artifacts.
     */
    static String key(String base, List<String> upstreamIdentities) {
        return CanonicalValues.sha256(base + "|" + String.join(",", upstreamIdentities));
    }
}
