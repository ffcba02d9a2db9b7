package io.jenkins.plugins.vertexai.emulator.pipeline.spec;

import com.google.protobuf.InvalidProtocolBufferException;
import com.google.protobuf.Struct;
import com.google.protobuf.Value;
import com.google.protobuf.util.JsonFormat;
import io.jenkins.plugins.vertexai.emulator.grpc.FieldViolations;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Reads a compiled KFP pipeline spec (the IR, as {@code PipelineJob.pipeline_spec}) into a {@link PipelineSpec},
 * reporting each problem under its field path like the service, e.g.
 * {@code pipeline_job.pipeline_spec.root.dag.tasks['train'].componentRef.name: unknown component 'comp-x'}.
 */
public final class PipelineSpecParser {
    public static final String FIELD = "pipeline_job.pipeline_spec";

    private final FieldViolations violations;

    private PipelineSpecParser(FieldViolations violations) {
        this.violations = violations;
    }

    /** The spec, or null when {@code violations} got any problem. */
    public static PipelineSpec parse(Struct spec, FieldViolations violations) {
        return new PipelineSpecParser(violations).parse(spec);
    }

    private PipelineSpec parse(Struct spec) {
        int before = violations.size();
        String name = Structs.struct(spec, "pipelineInfo").flatMap(info -> Structs.string(info, "name")).orElse("");
        if (name.isBlank()) {
            violations.add(FIELD + ".pipelineInfo.name", "required: the pipeline's name");
        }
        String versionText = Structs.string(spec, "schemaVersion").orElse("");
        SchemaVersion version = SchemaVersion.parse(versionText);
        if (versionText.isEmpty()) {
            violations.add(FIELD + ".schemaVersion", "required, e.g. 2.1.0");
        } else if (version == null) {
            violations.add(FIELD + ".schemaVersion", "'" + versionText + "' is not a version such as 2.1.0");
        }
        Map<String, ComponentSpec> components = new LinkedHashMap<>();
        Structs.struct(spec, "components").ifPresent(all -> all.getFieldsMap().forEach((key, value) -> {
            String path = FIELD + ".components['" + key + "']";
            if (value.hasStructValue()) {
                components.put(key, component(key, value.getStructValue(), path));
            } else {
                violations.add(path, "must be an object");
            }
        }));
        ComponentSpec root = null;
        Optional<Struct> rootStruct = Structs.struct(spec, "root");
        if (rootStruct.isEmpty()) {
            violations.add(FIELD + ".root", "required: the pipeline's root DAG");
        } else {
            root = component("root", rootStruct.get(), FIELD + ".root");
            if (!root.isDag()) {
                violations.add(FIELD + ".root.dag", "required: the root must be a DAG");
            } else if (root.dagTasks().isEmpty()) {
                violations.add(FIELD + ".root.dag.tasks", "at least one task is required");
            }
        }
        Map<String, ExecutorSpec> executors = new LinkedHashMap<>();
        Structs.struct(spec, "deploymentSpec").flatMap(d -> Structs.struct(d, "executors"))
                .ifPresent(all -> all.getFieldsMap().forEach((label, value) -> executors.put(label, new ExecutorSpec(label,
                        value.hasStructValue() ? Structs.struct(value.getStructValue(), "container")
                                .flatMap(c -> Structs.struct(c, "resources")).orElse(Struct.getDefaultInstance())
                                : Struct.getDefaultInstance(), CanonicalValues.digest(value)))));
        if (root != null && root.isDag()) {
            checkReferences(root, FIELD + ".root", components, executors);
            components.forEach((key, c) -> checkReferences(c, FIELD + ".components['" + key + "']", components, executors));
            checkRecursion(root, components, new ArrayList<>(), new HashSet<>());
        }
        if (violations.size() != before) {
            return null;
        }
        String defaultRoot = Structs.string(spec, "defaultPipelineRoot").orElse("");
        return new PipelineSpec(name, version, defaultRoot, root, Map.copyOf(components), Map.copyOf(executors));
    }

    private ComponentSpec component(String name, Struct c, String path) {
        Map<String, ParameterSpec> inputs = new LinkedHashMap<>();
        Structs.struct(c, "inputDefinitions").flatMap(d -> Structs.struct(d, "parameters"))
                .ifPresent(params -> params.getFieldsMap().forEach((param, def) -> {
                    Struct d = def.hasStructValue() ? def.getStructValue() : Struct.getDefaultInstance();
                    String type = Structs.string(d, "parameterType").or(() -> Structs.string(d, "type")).orElse("");
                    boolean optional = Structs.value(d, "isOptional").map(Value::getBoolValue).orElse(false);
                    inputs.put(param, new ParameterSpec(param, type, Structs.value(d, "defaultValue"), optional));
                }));
        Optional<Struct> dag = Structs.struct(c, "dag");
        if (dag.isPresent()) {
            LinkedHashMap<String, TaskSpec> tasks = new LinkedHashMap<>();
            Structs.struct(dag.get(), "tasks").ifPresent(all -> all.getFieldsMap().forEach((key, value) -> {
                String taskPath = path + ".dag.tasks['" + key + "']";
                if (value.hasStructValue()) {
                    tasks.put(key, task(key, value.getStructValue(), taskPath));
                } else {
                    violations.add(taskPath, "must be an object");
                }
            }));
            return new ComponentSpec(name, tasks, null, inputs);
        }
        String executor = Structs.string(c, "executorLabel").orElse("");
        if (executor.isEmpty() && !name.equals("root")) {
            violations.add(path, "needs either a dag or an executorLabel");
        }
        return new ComponentSpec(name, null, executor, inputs);
    }

    private TaskSpec task(String key, Struct t, String path) {
        String componentRef = Structs.struct(t, "componentRef").flatMap(r -> Structs.string(r, "name")).orElse("");
        if (componentRef.isEmpty()) {
            violations.add(path + ".componentRef.name", "required");
        }
        String name = Structs.struct(t, "taskInfo").flatMap(i -> Structs.string(i, "name")).orElse(key);
        List<String> dependencies = new ArrayList<>();
        for (Value dep : Structs.list(t, "dependentTasks")) {
            dependencies.add(dep.getStringValue());
        }
        Optional<Struct> trigger = Structs.struct(t, "triggerPolicy");
        String strategy = trigger.flatMap(p -> Structs.string(p, "strategy")).orElse("");
        String condition = trigger.flatMap(p -> Structs.string(p, "condition")).orElse(null);
        Map<String, InputBinding> inputs = new LinkedHashMap<>();
        Structs.struct(t, "inputs").flatMap(i -> Structs.struct(i, "parameters"))
                .ifPresent(params -> params.getFieldsMap().forEach((param, binding) ->
                        inputs.put(param, binding(binding.getStructValue()))));
        int retries = Structs.struct(t, "retryPolicy").flatMap(r -> Structs.number(r, "maxRetryCount"))
                .map(Double::intValue).orElse(0);
        boolean enableCache = Structs.struct(t, "cachingOptions").flatMap(c -> Structs.value(c, "enableCache"))
                .map(Value::getBoolValue).orElse(false);
        return new TaskSpec(key, name, componentRef, List.copyOf(dependencies), strategy, condition,
                iterator(t, path), inputs, Math.max(0, retries), enableCache);
    }

    private TaskSpec.IteratorSpec iterator(Struct t, String path) {
        Optional<Struct> iterator = Structs.struct(t, "parameterIterator");
        if (iterator.isEmpty()) {
            return null;
        }
        Optional<Struct> items = Structs.struct(iterator.get(), "items");
        String raw = items.flatMap(i -> Structs.string(i, "raw")).orElse(null);
        if (raw != null && parseList(raw) == null) {
            violations.add(path + ".parameterIterator.items.raw", "'" + raw + "' is not a JSON list");
        }
        int limit = Structs.struct(t, "iteratorPolicy").flatMap(p -> Structs.number(p, "parallelismLimit"))
                .map(Double::intValue).orElse(0);
        return new TaskSpec.IteratorSpec(raw, items.flatMap(i -> Structs.string(i, "inputParameter")).orElse(null),
                Structs.string(iterator.get(), "itemInput").orElse(""), Math.max(0, limit));
    }

    private static InputBinding binding(Struct b) {
        Optional<String> componentInput = Structs.string(b, "componentInputParameter");
        if (componentInput.isPresent()) {
            return new InputBinding.ComponentInput(componentInput.get(),
                    Structs.string(b, "parameterExpressionSelector").orElse(null));
        }
        Optional<Struct> runtimeValue = Structs.struct(b, "runtimeValue");
        if (runtimeValue.isPresent()) {
            Optional<Value> constant = Structs.value(runtimeValue.get(), "constant");
            if (constant.isPresent()) {
                return new InputBinding.Constant(constant.get());
            }
            Optional<Struct> legacy = Structs.struct(runtimeValue.get(), "constantValue"); // schema 2.0.0
            if (legacy.isPresent()) {
                Optional<Value> v = Structs.value(legacy.get(), "stringValue")
                        .or(() -> Structs.value(legacy.get(), "intValue").flatMap(Structs::asNumber).map(PipelineSpecParser::number))
                        .or(() -> Structs.value(legacy.get(), "doubleValue").flatMap(Structs::asNumber).map(PipelineSpecParser::number));
                if (v.isPresent()) {
                    return new InputBinding.Constant(v.get());
                }
            }
        }
        return new InputBinding.RuntimeOnly();
    }

    private void checkReferences(ComponentSpec c, String path, Map<String, ComponentSpec> components,
                                 Map<String, ExecutorSpec> executors) {
        if (!c.isDag()) {
            if (!c.executorLabel().isEmpty() && !executors.containsKey(c.executorLabel())) {
                violations.add(path + ".executorLabel", "unknown executor '" + c.executorLabel()
                        + "': not in deploymentSpec.executors");
            }
            return;
        }
        c.dagTasks().forEach((key, task) -> {
            String taskPath = path + ".dag.tasks['" + key + "']";
            if (!task.componentRef().isEmpty() && !components.containsKey(task.componentRef())) {
                violations.add(taskPath + ".componentRef.name", "unknown component '" + task.componentRef() + "'");
            }
            for (String dep : task.dependentTasks()) {
                if (!c.dagTasks().containsKey(dep)) {
                    violations.add(taskPath + ".dependentTasks", "unknown task '" + dep + "' in the same DAG");
                }
            }
        });
        List<String> cycle = DependencyCycles.find(c.dagTasks());
        if (!cycle.isEmpty()) {
            violations.add(path + ".dag.tasks", "dependency cycle: " + String.join(" -> ", cycle));
        }
    }

    private void checkRecursion(ComponentSpec c, Map<String, ComponentSpec> components, List<String> stack,
                                Set<String> done) {
        if (!c.isDag()) {
            return;
        }
        for (TaskSpec task : c.dagTasks().values()) {
            ComponentSpec ref = components.get(task.componentRef());
            if (ref == null || done.contains(ref.name())) {
                continue;
            }
            if (stack.contains(ref.name())) {
                violations.add(FIELD + ".components['" + ref.name() + "']", "refers to itself: "
                        + String.join(" -> ", stack) + " -> " + ref.name());
                continue;
            }
            stack.add(ref.name());
            checkRecursion(ref, components, stack, done);
            stack.remove(stack.size() - 1);
            done.add(ref.name());
        }
    }

    /** A JSON list as a Value, or null. */
    public static Value parseList(String json) {
        try {
            Value.Builder b = Value.newBuilder();
            JsonFormat.parser().merge(json, b);
            return b.hasListValue() ? b.build() : null;
        } catch (InvalidProtocolBufferException | RuntimeException e) {
            return null;
        }
    }

    private static Value number(double d) {
        return Value.newBuilder().setNumberValue(d).build();
    }

    /** Finds a cycle among a DAG's dependentTasks. */
    static final class DependencyCycles {
        private DependencyCycles() {
        }

        static List<String> find(Map<String, TaskSpec> tasks) {
            Map<String, Integer> state = new HashMap<>(); // 1 = on stack, 2 = done
            for (String start : tasks.keySet()) {
                List<String> path = new ArrayList<>();
                if (visit(start, tasks, state, path)) {
                    return path;
                }
            }
            return List.of();
        }

        private static boolean visit(String key, Map<String, TaskSpec> tasks, Map<String, Integer> state, List<String> path) {
            Integer s = state.get(key);
            if (s != null && s == 2) {
                return false;
            }
            path.add(key);
            if (s != null) {
                return true; // back on the stack: a cycle ending at key
            }
            state.put(key, 1);
            TaskSpec task = tasks.get(key);
            if (task != null) {
                for (String dep : task.dependentTasks()) {
                    if (tasks.containsKey(dep) && visit(dep, tasks, state, path)) {
                        return true;
                    }
                }
            }
            state.put(key, 2);
            path.remove(path.size() - 1);
            return false;
        }
    }
}
