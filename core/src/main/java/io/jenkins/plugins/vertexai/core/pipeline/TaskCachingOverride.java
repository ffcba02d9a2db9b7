package io.jenkins.plugins.vertexai.core.pipeline;

import com.google.protobuf.Struct;
import com.google.protobuf.Value;

/**
 * Forces caching on or off for every task, as the KFP/Vertex Python SDK does for {@code enable_caching}: it sets
 * {@code cachingOptions.enableCache} on each task of the root DAG and of every DAG component (nested pipelines,
 * loops, conditions and exit handlers all compile to DAG components). Other caching options are kept.
 */
final class TaskCachingOverride {
    private TaskCachingOverride() {
    }

    static Struct apply(Struct spec, boolean enableCache) {
        Struct.Builder b = spec.toBuilder();
        Value root = spec.getFieldsOrDefault("root", null);
        if (root != null && root.hasStructValue()) {
            b.putFields("root", struct(component(root.getStructValue(), enableCache)));
        }
        Value components = spec.getFieldsOrDefault("components", null);
        if (components != null && components.hasStructValue()) {
            Struct.Builder all = components.getStructValue().toBuilder();
            components.getStructValue().getFieldsMap().forEach((name, c) -> {
                if (c.hasStructValue()) {
                    all.putFields(name, struct(component(c.getStructValue(), enableCache)));
                }
            });
            b.putFields("components", struct(all.build()));
        }
        return b.build();
    }

    private static Struct component(Struct component, boolean enableCache) {
        Value dag = component.getFieldsOrDefault("dag", null);
        if (dag == null || !dag.hasStructValue()) {
            return component;
        }
        Value tasks = dag.getStructValue().getFieldsOrDefault("tasks", null);
        if (tasks == null || !tasks.hasStructValue()) {
            return component;
        }
        Struct.Builder newTasks = Struct.newBuilder();
        tasks.getStructValue().getFieldsMap().forEach((name, task) -> newTasks.putFields(name,
                task.hasStructValue() ? struct(task(task.getStructValue(), enableCache)) : task));
        Struct newDag = dag.getStructValue().toBuilder().putFields("tasks", struct(newTasks.build())).build();
        return component.toBuilder().putFields("dag", struct(newDag)).build();
    }

    private static Struct task(Struct task, boolean enableCache) {
        Value options = task.getFieldsOrDefault("cachingOptions", null);
        Struct.Builder caching = options != null && options.hasStructValue() ? options.getStructValue().toBuilder() : Struct.newBuilder();
        caching.putFields("enableCache", Value.newBuilder().setBoolValue(enableCache).build());
        return task.toBuilder().putFields("cachingOptions", struct(caching.build())).build();
    }

    private static Value struct(Struct s) {
        return Value.newBuilder().setStructValue(s).build();
    }
}
