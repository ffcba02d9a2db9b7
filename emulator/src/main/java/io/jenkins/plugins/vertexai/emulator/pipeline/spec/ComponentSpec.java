package io.jenkins.plugins.vertexai.emulator.pipeline.spec;

import java.util.LinkedHashMap;
import java.util.Map;

/** A component: either a DAG of tasks or a leaf run by an executor. */
public record ComponentSpec(String name, LinkedHashMap<String, TaskSpec> dagTasks, String executorLabel,
                            Map<String, ParameterSpec> inputs) {

    public boolean isDag() {
        return dagTasks != null;
    }
}
