package io.jenkins.plugins.vertexai.emulator.pipeline.sim;

import com.google.protobuf.InvalidProtocolBufferException;
import com.google.protobuf.Struct;
import com.google.protobuf.Value;
import com.google.protobuf.util.JsonFormat;
import io.jenkins.plugins.vertexai.emulator.grpc.FieldViolations;
import io.jenkins.plugins.vertexai.emulator.pipeline.spec.CanonicalValues;
import io.jenkins.plugins.vertexai.emulator.pipeline.spec.ComponentSpec;
import io.jenkins.plugins.vertexai.emulator.pipeline.spec.ExecutorSpec;
import io.jenkins.plugins.vertexai.emulator.pipeline.spec.InputBinding;
import io.jenkins.plugins.vertexai.emulator.pipeline.spec.PipelineSpec;
import io.jenkins.plugins.vertexai.emulator.pipeline.spec.PipelineSpecParser;
import io.jenkins.plugins.vertexai.emulator.pipeline.spec.TaskSpec;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Expands a pipeline spec into the tasks of one run: nested DAG components become sub-trees, loops one iteration
 * per item (literal items, or a list known from the parameters; otherwise once), and conditions are evaluated where
 * the parameters allow. Each leaf gets its resources, scripted run time and failure.
 */
final class RunPlanner {
    static final int MAX_TASKS = 20_000;
    private static final Pattern JSON_SELECTOR = Pattern.compile("parseJson\\(string_value\\)\\[\"([^\"]+)\"\\]");

    private final PipelineSpec spec;
    private final TaskScript script;
    private final List<PlannedTask> tasks = new ArrayList<>();

    private RunPlanner(PipelineSpec spec, TaskScript script) {
        this.spec = spec;
        this.script = script;
    }

    /** Every task of the run, root first, parents before children. */
    static List<PlannedTask> plan(PipelineSpec spec, Map<String, Value> parameters, TaskScript script) {
        RunPlanner planner = new RunPlanner(spec, script);
        PlannedTask root = planner.add(spec.pipelineName(), null, PlannedTask.Kind.ROOT);
        planner.expand(root, spec.root().dagTasks(), parameters);
        return Collections.unmodifiableList(planner.tasks);
    }

    private void expand(PlannedTask parent, Map<String, TaskSpec> dag, Map<String, Value> scope) {
        Map<String, PlannedTask> byKey = new LinkedHashMap<>();
        for (TaskSpec t : dag.values()) {
            Map<String, Value> inputs = inputs(t.inputs(), scope);
            ComponentSpec component = spec.components().get(t.componentRef());
            PlannedTask node;
            if (t.iterator() != null) {
                node = add(t.name(), parent, PlannedTask.Kind.LOOP);
                List<Value> items = items(t.iterator(), inputs);
                List<PlannedTask> iterations = new ArrayList<>();
                for (int i = 0; i < items.size(); i++) {
                    Map<String, Value> iterationScope = new HashMap<>(inputs);
                    if (items.get(i) != null) {
                        iterationScope.put(t.iterator().itemInput(), items.get(i));
                    }
                    PlannedTask iteration = instantiate(node, t.name() + "-iteration-" + i, component, iterationScope, t,
                            PlannedTask.Kind.ITERATION);
                    int limit = t.iterator().parallelismLimit();
                    if (limit > 0 && i >= limit) {
                        iteration.dependsOn(iterations.get(i - limit)); // at most `limit` iterations at once
                        iteration.runsAfterFailures = true;
                    }
                    iterations.add(iteration);
                }
            } else {
                node = instantiate(parent, t.name(), component, inputs, t, PlannedTask.Kind.DAG);
            }
            node.runsAfterFailures = t.runsAfterFailures();
            node.condition = t.condition() == null ? Boolean.TRUE : ConditionEvaluator.evaluate(t.condition(), inputs);
            byKey.put(t.key(), node);
        }
        dag.values().forEach(t -> t.dependentTasks().forEach(dep -> byKey.get(t.key()).dependsOn(byKey.get(dep))));
    }

    private PlannedTask instantiate(PlannedTask parent, String name, ComponentSpec component, Map<String, Value> scope,
                                    TaskSpec t, PlannedTask.Kind dagKind) {
        if (component.isDag()) {
            PlannedTask node = add(name, parent, dagKind);
            expand(node, component.dagTasks(), scope);
            return node;
        }
        PlannedTask leaf = add(name, parent, PlannedTask.Kind.CONTAINER);
        leaf.component = component.name();
        leaf.scriptedOutputs = script.outputsOf(name);
        ExecutorSpec executor = spec.executors().get(component.executorLabel());
        leaf.resources = TaskResources.of(executor == null ? Struct.getDefaultInstance() : executor.resources(), scope);
        leaf.failure = script.failureOf(name).orElse(null);
        leaf.attempts = leaf.failure == null ? 1 : 1 + t.maxRetryCount(); // a failing task uses up its retries
        Duration each = script.durationOf(name);
        leaf.runTime = each.multipliedBy(leaf.attempts);
        if (t.enableCache()) {
            leaf.cacheBase = cacheBase(executor, t, scope);
        }
        return leaf;
    }

    /** The executor and the task's input values known before the run; inputs known only at run time by name. */
    private static String cacheBase(ExecutorSpec executor, TaskSpec t, Map<String, Value> known) {
        StringBuilder b = new StringBuilder(executor == null ? "no-executor" : executor.fingerprint());
        java.util.TreeSet<String> names = new java.util.TreeSet<>(t.inputs().keySet());
        names.addAll(known.keySet()); // a loop's item
        names.forEach(name -> {
            Value v = known.get(name);
            b.append('|').append(name).append('=').append(v == null ? "(run time)" : CanonicalValues.text(v));
        });
        return b.toString();
    }

    private PlannedTask add(String name, PlannedTask parent, PlannedTask.Kind kind) {
        if (tasks.size() >= MAX_TASKS) {
            throw FieldViolations.single(PipelineSpecParser.FIELD, "the pipeline expands to more than " + MAX_TASKS
                    + " tasks, which the emulator does not simulate");
        }
        PlannedTask task = new PlannedTask(tasks.size(), name, parent, kind);
        tasks.add(task);
        if (parent != null) {
            parent.children.add(task);
        }
        return task;
    }

    /** The task's input parameters that are known before the run. */
    private static Map<String, Value> inputs(Map<String, InputBinding> bindings, Map<String, Value> scope) {
        Map<String, Value> known = new HashMap<>();
        bindings.forEach((name, binding) -> {
            Value v = null;
            if (binding instanceof InputBinding.Constant c) {
                v = c.value();
            } else if (binding instanceof InputBinding.ComponentInput c) {
                v = select(scope.get(c.name()), c.selector());
            }
            if (v != null) {
                known.put(name, v);
            }
        });
        return known;
    }

    /** Applies a {@code parseJson(string_value)["key"]} selector; other selectors make the value unknown. */
    private static Value select(Value v, String selector) {
        if (v == null || selector == null) {
            return v;
        }
        Matcher m = JSON_SELECTOR.matcher(selector.replace(" ", ""));
        if (!m.matches()) {
            return null;
        }
        Struct struct = v.hasStructValue() ? v.getStructValue() : null;
        if (struct == null && v.getKindCase() == Value.KindCase.STRING_VALUE) {
            try {
                Struct.Builder b = Struct.newBuilder();
                JsonFormat.parser().merge(v.getStringValue(), b);
                struct = b.build();
            } catch (InvalidProtocolBufferException e) {
                return null;
            }
        }
        return struct == null ? null : struct.getFieldsMap().get(m.group(1));
    }

    /** The loop's items; a single null item when they are only known at run time. */
    private static List<Value> items(TaskSpec.IteratorSpec iterator, Map<String, Value> inputs) {
        Value list = null;
        if (iterator.raw() != null) {
            list = PipelineSpecParser.parseList(iterator.raw());
        } else if (iterator.inputParameter() != null) {
            Value v = inputs.get(iterator.inputParameter());
            if (v != null && v.hasListValue()) {
                list = v;
            } else if (v != null && v.getKindCase() == Value.KindCase.STRING_VALUE) {
                list = PipelineSpecParser.parseList(v.getStringValue());
            }
        }
        if (list == null) {
            List<Value> once = new ArrayList<>();
            once.add(null);
            return once;
        }
        return list.getListValue().getValuesList();
    }
}
