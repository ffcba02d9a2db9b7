package io.jenkins.plugins.vertexai.emulator.pipeline.sim;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * One task of an expanded run: DAGs, loops and their iterations, and leaf (container) tasks. Built once per job
 * before it runs; the runtime state lives in {@link TaskRun}.
 */
final class PlannedTask {
    enum Kind { ROOT, DAG, LOOP, ITERATION, CONTAINER }

    final int index;
    final String name;
    final String uniqueName;
    final PlannedTask parent;
    final Kind kind;
    final List<PlannedTask> children = new ArrayList<>();
    final List<PlannedTask> upstream = new ArrayList<>();
    final List<PlannedTask> downstream = new ArrayList<>();
    /** Runs once upstream tasks are done even if some failed (exit handlers). */
    boolean runsAfterFailures;
    /** The trigger condition's value, or null when it is only known at run time (then it is taken as true). */
    Boolean condition = Boolean.TRUE;
    ResourceRequest resources = ResourceRequest.DEFAULT;
    /** Total run time, retries included. */
    Duration runTime = Duration.ZERO;
    /** The failure message when the task is scripted to fail, or null. */
    String failure;
    int attempts = 1;
    /** The component a leaf runs (its key in {@code components}), for its executor and output definitions. */
    String component;
    /** Scripted output values ({@code --task-output}): output parameters or metrics, by name. */
    java.util.Map<String, com.google.protobuf.Value> scriptedOutputs = java.util.Map.of();
    /** The static part of the task's cache key (executor and known inputs), or null when caching is off for it. */
    String cacheBase;

    PlannedTask(int index, String name, PlannedTask parent, Kind kind) {
        this.index = index;
        this.name = name;
        this.parent = parent;
        this.kind = kind;
        this.uniqueName = parent == null || parent.kind == Kind.ROOT ? name : parent.uniqueName + "." + name;
    }

    boolean isContainer() {
        return kind == Kind.CONTAINER;
    }

    void dependsOn(PlannedTask other) {
        upstream.add(other);
        other.downstream.add(this);
    }
}
