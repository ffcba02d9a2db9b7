package io.jenkins.plugins.vertexai.emulator.pipeline.sim;

import com.google.cloud.aiplatform.v1beta1.PipelineState;
import com.google.cloud.aiplatform.v1beta1.PipelineTaskDetail.State;
import io.grpc.Status;
import io.jenkins.plugins.vertexai.emulator.grpc.IdSequence;
import io.jenkins.plugins.vertexai.emulator.grpc.RpcErrors;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * One pipeline job as a state machine on its domain's simulated time: QUEUED → PENDING → RUNNING, then its tasks in
 * dependency order (DAGs start their children, leaves wait for capacity and run), and SUCCEEDED / FAILED, or
 * CANCELLING → CANCELLED. Every method runs under the domain's lock.
 */
final class JobRun {
    private final SimulationDomain domain;
    private final TaskRun[] tasks;
    private final JobTimings timings;
    private final Duration hold;
    private final Duration waitForCapacity;
    private final boolean fallBackToOnDemand;
    private final boolean failFast;
    /** Scripted: go PAUSED instead of RUNNING and stay there until cancelled. */
    private final boolean pause;
    private final TaskCache.Scope cache;

    private PipelineState state = PipelineState.PIPELINE_STATE_QUEUED;
    private Instant createTime;
    private Instant startTime;
    private Instant endTime;
    private Instant updateTime;
    private com.google.rpc.Status error;
    private boolean cancelling;
    /** FAIL_FAST after a failure: start nothing new but exit handlers. */
    private boolean stopped;
    private long version;

    JobRun(List<PlannedTask> plan, IdSequence ids, SimulationDomain domain, JobTimings timings, Duration hold,
           Duration waitForCapacity, boolean fallBackToOnDemand, boolean failFast, boolean pause, TaskCache.Scope cache) {
        this.domain = domain;
        this.tasks = new TaskRun[plan.size()];
        for (PlannedTask p : plan) {
            tasks[p.index] = new TaskRun(p, ids.next());
        }
        this.timings = timings;
        this.hold = hold;
        this.waitForCapacity = waitForCapacity;
        this.fallBackToOnDemand = fallBackToOnDemand;
        this.failFast = failFast;
        this.pause = pause;
        this.cache = cache;
    }

    /** Enters QUEUED at {@code now} and schedules the way to RUNNING. */
    void begin(Instant now) {
        createTime = now;
        touch(now);
        Instant pendingAt = now.plus(timings.queued());
        domain.schedule(pendingAt, this::toPending);
        domain.schedule(pendingAt.plus(timings.pending()), this::toRunning);
    }

    /** Starts cancelling at {@code now}; a no-op when already cancelling or done. */
    void cancel(Instant now) {
        if (isTerminal() || cancelling) {
            return;
        }
        cancelling = true;
        state = PipelineState.PIPELINE_STATE_CANCELLING;
        for (TaskRun task : tasks) {
            if (!task.created() || task.terminal()) {
                continue;
            }
            if (task.waiting != null) {
                domain.dequeue(task.waiting);
                task.waiting = null;
            }
            if (task.state == State.RUNNING) {
                task.moveTo(State.CANCELLING, now, null);
            }
        }
        touch(now);
        domain.schedule(now.plus(timings.cancelling()), this::cancelled);
    }

    // ---- job phases ----

    private void toPending(Instant t) {
        if (!cancelling) {
            state = PipelineState.PIPELINE_STATE_PENDING;
            touch(t);
        }
    }

    private void toRunning(Instant t) {
        if (cancelling) {
            return;
        }
        startTime = t;
        if (pause) {
            state = PipelineState.PIPELINE_STATE_PAUSED;
            touch(t);
            return;
        }
        state = PipelineState.PIPELINE_STATE_RUNNING;
        create(tasks[0], t);
        domain.schedule(t.plus(hold), at -> trigger(tasks[0], at));
    }

    private void ended(Instant t) {
        if (cancelling) {
            return; // the cancellation ends it
        }
        TaskRun root = tasks[0];
        if (root.state == State.FAILED) {
            state = PipelineState.PIPELINE_STATE_FAILED;
            error = RpcErrors.status(Status.Code.FAILED_PRECONDITION, "The DAG failed because some tasks failed."
                    + " The failed tasks are: [" + failedLeafNames() + "].");
        } else {
            state = root.state == State.CANCELLED ? PipelineState.PIPELINE_STATE_CANCELLED
                    : PipelineState.PIPELINE_STATE_SUCCEEDED;
        }
        endTime = t;
        touch(t);
    }

    private void cancelled(Instant t) {
        for (TaskRun task : tasks) {
            if (task.created() && !task.terminal()) {
                task.generation++;
                if (task.startTime != null && task.placement != null) {
                    domain.release(task.placement, t);
                }
                task.moveTo(State.CANCELLED, t, null);
            }
        }
        state = PipelineState.PIPELINE_STATE_CANCELLED;
        endTime = t;
        touch(t);
    }

    // ---- tasks ----

    private void create(TaskRun task, Instant t) {
        task.createTime = t;
        task.moveTo(State.PENDING, t, null);
        touch(t);
    }

    /** Starts, skips or gives up on a created task once every upstream task is done. */
    private void trigger(TaskRun task, Instant t) {
        if (task.state != State.PENDING || task.triggered || cancelling) {
            return;
        }
        for (PlannedTask up : task.plan.upstream) {
            if (!tasks[up.index].terminal()) {
                return;
            }
        }
        task.triggered = true;
        boolean upstreamOk = task.plan.upstream.stream().allMatch(up -> tasks[up.index].succeededOrSkipped());
        if (!upstreamOk && !task.plan.runsAfterFailures) {
            finish(task, State.NOT_TRIGGERED, t, null);
        } else if (stopped && !task.plan.runsAfterFailures) {
            finish(task, State.CANCELLED, t, RpcErrors.status(Status.Code.CANCELLED,
                    "Not started: another task failed and the failure policy is PIPELINE_FAILURE_POLICY_FAIL_FAST"));
        } else if (Boolean.FALSE.equals(task.plan.condition)) {
            // PipelineTaskDetail.State: NOT_TRIGGERED is "the task's trigger policy is not satisfied"; SKIPPED is a cache hit.
            task.conditionFalse = true;
            task.identity = "not-triggered";
            finish(task, State.NOT_TRIGGERED, t, null);
        } else if (task.plan.isContainer()) {
            if (!reusedFromCache(task, t)) {
                placeOrWait(task, t);
            }
        } else {
            startDag(task, t);
        }
    }

    /** A cache hit ends the task SKIPPED at once: no capacity, no CustomJob, the earlier execution's outputs. */
    private boolean reusedFromCache(TaskRun task, Instant t) {
        if (task.plan.cacheBase == null) {
            return false;
        }
        task.cacheKey = TaskCache.key(task.plan.cacheBase,
                task.plan.upstream.stream().map(up -> String.valueOf(tasks[up.index].identity)).toList());
        Optional<String> producer = cache.lookup(task.cacheKey);
        if (producer.isEmpty()) {
            return false;
        }
        task.identity = producer.get();
        finish(task, State.SKIPPED, t, null);
        return true;
    }

    private void startDag(TaskRun dag, Instant t) {
        dag.startTime = t;
        dag.moveTo(State.RUNNING, t, null);
        touch(t);
        dag.unfinishedChildren = dag.plan.children.size();
        dag.plan.children.forEach(child -> create(tasks[child.index], t));
        if (dag.unfinishedChildren == 0) {
            completeDag(dag, t);
            return;
        }
        dag.plan.children.forEach(child -> trigger(tasks[child.index], t));
    }

    private void placeOrWait(TaskRun task, Instant t) {
        task.launchTime = t;
        ResourceRequest request = task.plan.resources;
        Optional<Placement> placement = domain.tryPlace(request, t);
        if (placement.isPresent()) {
            runContainer(task, placement.get(), t);
        } else if (waitForCapacity.isZero()) {
            capacityTimedOut(task, t);
        } else {
            touch(t);
            SimulationDomain.Waiting waiting = domain.enqueue(request, (placed, at) -> runContainer(task, placed, at));
            task.waiting = waiting;
            domain.schedule(t.plus(waitForCapacity), at -> {
                if (domain.dequeue(waiting)) {
                    capacityTimedOut(task, at);
                }
            });
        }
    }

    private void capacityTimedOut(TaskRun task, Instant t) {
        task.waiting = null;
        ResourceRequest request = task.plan.resources;
        String why = "No capacity for task '" + task.plan.name + "' (needs " + request + ") on persistent resource "
                + domain.resourceName() + " within task_resource_unavailable_wait_time_ms=" + waitForCapacity.toMillis()
                + (domain.couldEverFit(request) ? ": its pools were fully occupied" : ": no resource pool can fit it");
        if (fallBackToOnDemand) {
            runContainer(task, Placement.fallback(request, domain.resourceName(), why
                    + "; ran on on-demand capacity (task_resource_unavailable_timeout_behavior FALL_BACK_TO_ON_DEMAND)"), t);
        } else {
            finish(task, State.FAILED, t, RpcErrors.status(Status.Code.RESOURCE_EXHAUSTED,
                    why + "; task_resource_unavailable_timeout_behavior is FAIL"));
        }
    }

    private void runContainer(TaskRun task, Placement placement, Instant t) {
        task.waiting = null;
        task.placement = placement;
        task.startTime = t;
        task.moveTo(State.RUNNING, t, null);
        touch(t);
        int generation = task.generation;
        domain.schedule(t.plus(task.plan.runTime), at -> containerEnded(task, generation, at));
        // Each retry is a new CustomJob that the task detail names: a change at each attempt's start.
        Duration each = task.plan.runTime.dividedBy(task.plan.attempts);
        for (int k = 1; k < task.plan.attempts; k++) {
            domain.schedule(t.plus(each.multipliedBy(k)), this::touch);
        }
    }

    private void containerEnded(TaskRun task, int generation, Instant t) {
        if (task.generation != generation || task.terminal()) {
            return;
        }
        domain.release(task.placement, t);
        if (task.plan.failure == null) {
            task.identity = cache.jobName() + "/tasks/" + task.taskId;
            if (task.cacheKey != null) {
                cache.record(task.cacheKey, task.identity); // only successful executions are cached
            }
            finish(task, State.SUCCEEDED, t, null);
        } else {
            String attempts = task.plan.attempts > 1 ? " (after " + task.plan.attempts + " attempts)" : "";
            finish(task, State.FAILED, t, RpcErrors.status(Status.Code.FAILED_PRECONDITION, task.plan.failure + attempts));
        }
    }

    private void finish(TaskRun task, State end, Instant t, com.google.rpc.Status why) {
        task.moveTo(end, t, why);
        touch(t);
        if (end == State.FAILED && failFast) {
            stopped = true;
        }
        task.plan.downstream.forEach(d -> trigger(tasks[d.index], t));
        PlannedTask parent = task.plan.parent;
        if (parent != null && --tasks[parent.index].unfinishedChildren == 0) {
            completeDag(tasks[parent.index], t);
        }
    }

    private void completeDag(TaskRun dag, Instant t) {
        dag.identity = dag.plan.children.stream().map(c -> String.valueOf(tasks[c.index].identity))
                .collect(Collectors.joining(",", "dag(", ")"));
        List<String> failed = dag.plan.children.stream().map(c -> tasks[c.index])
                .filter(c -> c.state == State.FAILED).map(c -> c.plan.name).toList();
        if (!failed.isEmpty()) {
            finish(dag, State.FAILED, t, RpcErrors.status(Status.Code.FAILED_PRECONDITION,
                    "The DAG failed because some tasks failed. The failed tasks are: [" + String.join(", ", failed) + "]."));
        } else if (dag.plan.children.stream().anyMatch(c -> tasks[c.index].state == State.CANCELLED)) {
            finish(dag, State.CANCELLED, t, null);
        } else {
            finish(dag, State.SUCCEEDED, t, null);
        }
        if (dag.plan.parent == null) {
            ended(t);
        }
    }

    private String failedLeafNames() {
        return java.util.Arrays.stream(tasks)
                .filter(task -> task.plan.isContainer() && task.state == State.FAILED)
                .map(task -> task.plan.name)
                .distinct()
                .collect(Collectors.joining(", "));
    }

    private void touch(Instant t) {
        updateTime = t;
        version++;
    }

    // ---- reads for rendering ----

    boolean isTerminal() {
        return state == PipelineState.PIPELINE_STATE_SUCCEEDED || state == PipelineState.PIPELINE_STATE_FAILED
                || state == PipelineState.PIPELINE_STATE_CANCELLED;
    }

    PipelineState state() {
        return state;
    }

    Instant createTime() {
        return createTime;
    }

    Instant startTime() {
        return startTime;
    }

    Instant endTime() {
        return endTime;
    }

    Instant updateTime() {
        return updateTime;
    }

    com.google.rpc.Status error() {
        return error;
    }

    long version() {
        return version;
    }

    TaskRun[] tasks() {
        return tasks;
    }
}
