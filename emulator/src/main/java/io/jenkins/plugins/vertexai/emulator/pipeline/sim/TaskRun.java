package io.jenkins.plugins.vertexai.emulator.pipeline.sim;

import com.google.cloud.aiplatform.v1beta1.PipelineTaskDetail.State;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;

/** The runtime state of one planned task; changed only by its {@link JobRun} under the domain's lock. */
final class TaskRun {
    private static final Set<State> TERMINAL = EnumSet.of(State.SUCCEEDED, State.FAILED, State.SKIPPED,
            State.NOT_TRIGGERED, State.CANCELLED);

    /** One entry of the task's status history. */
    record Change(Instant at, State state, com.google.rpc.Status error) {
    }

    final PlannedTask plan;
    final long taskId;
    final List<Change> history = new ArrayList<>();
    /** Null until the parent DAG starts and creates the task. */
    State state;
    Instant createTime;
    Instant startTime;
    /** When a container task was launched (its first CustomJob created), before any wait for capacity. */
    Instant launchTime;
    Instant endTime;
    com.google.rpc.Status error;
    Placement placement;
    int unfinishedChildren;
    /** Bumped when a scheduled end no longer applies (the task was cancelled). */
    int generation;
    /** Set once its upstream tasks are done and it was started, skipped or not triggered. */
    boolean triggered;
    /** Its place in the capacity queue while waiting, or null. */
    SimulationDomain.Waiting waiting;
    /** NOT_TRIGGERED because its trigger condition was false (not because an upstream task failed). */
    boolean conditionFalse;
    /** Its cache key once triggered, when caching is on for it. */
    String cacheKey;
    /**
     * Which execution its outputs come from, once it ended: its own (a fresh run), or the cached one it reused; for a
     * DAG, those of its children. Feeds the cache keys of downstream tasks.
     */
    String identity;

    TaskRun(PlannedTask plan, long taskId) {
        this.plan = plan;
        this.taskId = taskId;
    }

    boolean created() {
        return state != null;
    }

    boolean terminal() {
        return state != null && TERMINAL.contains(state);
    }

    /** Lets downstream tasks run: it succeeded, was a cache hit (SKIPPED), or its condition was false. */
    boolean succeededOrSkipped() {
        return state == State.SUCCEEDED || state == State.SKIPPED || (state == State.NOT_TRIGGERED && conditionFalse);
    }

    void moveTo(State next, Instant at, com.google.rpc.Status why) {
        state = next;
        error = why;
        history.add(new Change(at, next, why));
        if (TERMINAL.contains(next)) {
            endTime = at;
        }
    }
}
