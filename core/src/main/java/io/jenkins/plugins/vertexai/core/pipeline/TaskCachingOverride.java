package io.jenkins.plugins.vertexai.core.pipeline;

import com.google.protobuf.Struct;
import com.google.protobuf.Value;

/**
 * Forces caching on or off for every task, as the Vertex AI Python SDK does for {@code enable_caching}
 * ({@code _set_enable_caching_value}): each task of the root DAG and of every DAG component (nested pipelines, loops,
 * conditions and exit handlers all compile to DAG components) gets {@code cachingOptions = {enableCache: X}},
 * replacing whatever caching options it had (such as a {@code cacheKey}).
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
        Struct caching = Struct.newBuilder().putFields("enableCache", Value.newBuilder().setBoolValue(enableCache).build()).build();
        return task.toBuilder().putFields("cachingOptions", struct(caching)).build();
    }

    private static Value struct(Struct s) {
        return Value.newBuilder().setStructValue(s).build();
    }
}
