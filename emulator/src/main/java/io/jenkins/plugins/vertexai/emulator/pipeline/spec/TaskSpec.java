package io.jenkins.plugins.vertexai.emulator.pipeline.spec;

import java.util.List;
import java.util.Map;

/**
 * One task of a DAG.
 *
 * @param key            its key in the DAG's {@code tasks} map (what {@code dependentTasks} refer to)
 * @param name           {@code taskInfo.name}, or the key
 * @param strategy       {@code triggerPolicy.strategy}; ALL_UPSTREAM_TASKS_COMPLETED runs even after upstream failures
 * @param condition      {@code triggerPolicy.condition}, or null
 * @param iterator       the loop, or null
 * @param maxRetryCount  {@code retryPolicy.maxRetryCount}
 * @param enableCache    {@code cachingOptions.enableCache}; false when absent, as KFP compiles a task without caching
 */
public record TaskSpec(String key, String name, String componentRef, List<String> dependentTasks,
                       String strategy, String condition, IteratorSpec iterator, Map<String, InputBinding> inputs,
                       int maxRetryCount, boolean enableCache) {
    public static final String ALL_UPSTREAM_TASKS_COMPLETED = "ALL_UPSTREAM_TASKS_COMPLETED";

    public boolean runsAfterFailures() {
        return ALL_UPSTREAM_TASKS_COMPLETED.equals(strategy);
    }

    /**
     * A {@code parameterIterator}: literal items ({@code raw} JSON list) or an input parameter holding the list.
     *
     * @param parallelismLimit {@code iteratorPolicy.parallelismLimit}, 0 for unlimited
     */
    public record IteratorSpec(String raw, String inputParameter, String itemInput, int parallelismLimit) {
    }
}
