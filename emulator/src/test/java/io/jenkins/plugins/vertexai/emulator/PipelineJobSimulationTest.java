package io.jenkins.plugins.vertexai.emulator;

import static io.jenkins.plugins.vertexai.emulator.Pipelines.create;
import static io.jenkins.plugins.vertexai.emulator.Pipelines.get;
import static io.jenkins.plugins.vertexai.emulator.Pipelines.job;
import static io.jenkins.plugins.vertexai.emulator.Pipelines.seconds;
import static io.jenkins.plugins.vertexai.emulator.Pipelines.state;
import static io.jenkins.plugins.vertexai.emulator.Pipelines.tasks;
import static io.jenkins.plugins.vertexai.emulator.Requests.assertStatus;
import static io.jenkins.plugins.vertexai.emulator.SpecBuilder.after;
import static io.jenkins.plugins.vertexai.emulator.SpecBuilder.task;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.cloud.aiplatform.v1beta1.CancelPipelineJobRequest;
import com.google.cloud.aiplatform.v1beta1.DeletePipelineJobRequest;
import com.google.cloud.aiplatform.v1beta1.ListPipelineJobsRequest;
import com.google.cloud.aiplatform.v1beta1.ListPipelineJobsResponse;
import com.google.cloud.aiplatform.v1beta1.PipelineFailurePolicy;
import com.google.cloud.aiplatform.v1beta1.PipelineJob;
import com.google.cloud.aiplatform.v1beta1.PipelineState;
import com.google.cloud.aiplatform.v1beta1.PipelineTaskDetail;
import com.google.cloud.aiplatform.v1beta1.PipelineTaskDetail.State;
import com.google.longrunning.GetOperationRequest;
import com.google.longrunning.Operation;
import com.google.protobuf.Empty;
import com.google.protobuf.Value;
import io.grpc.Status;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class PipelineJobSimulationTest {
    private static final Instant START = Instant.parse("2030-01-01T00:00:00Z");
    private Loopback loop;

    @BeforeEach
    void start() {
        // Frozen clock; jobs are QUEUED 5 s, PENDING 15 s, then RUNNING; tasks run 30 s by default.
        loop = new Loopback(VertexAiEmulator.builder().speed(0).simulatedStart(START));
    }

    @AfterEach
    void stop() {
        loop.close();
    }

    private void advance(long seconds) {
        loop.emulator.clock().advance(Duration.ofSeconds(seconds));
    }

    @Test
    void runsThroughEveryJobStateWithTaskDetails() {
        PipelineJob created = loop.pipelines().createPipelineJob(create("two-step",
                job(new SpecBuilder("two-step").root(task("prepare", "comp-prepare"), task("train", "comp-train", after("prepare"))).build())));
        assertEquals(PipelineState.PIPELINE_STATE_QUEUED, created.getState());
        assertEquals(START.getEpochSecond(), seconds(created.getCreateTime()));
        assertFalse(created.hasStartTime());
        assertEquals(0, created.getJobDetail().getTaskDetailsCount());

        advance(5);
        assertEquals(PipelineState.PIPELINE_STATE_PENDING, get(loop, "two-step").getState());
        advance(15);
        PipelineJob running = get(loop, "two-step");
        assertEquals(PipelineState.PIPELINE_STATE_RUNNING, running.getState());
        assertEquals(START.getEpochSecond() + 20, seconds(running.getStartTime()));
        assertEquals(List.of("two-step", "prepare", "train"), Pipelines.names(running));
        assertEquals(State.RUNNING, state(running, "prepare"));
        assertEquals(State.PENDING, state(running, "train"));

        advance(30);
        PipelineJob second = get(loop, "two-step");
        assertEquals(State.SUCCEEDED, state(second, "prepare"));
        assertEquals(State.RUNNING, state(second, "train"));
        advance(30);
        PipelineJob done = get(loop, "two-step");
        assertEquals(PipelineState.PIPELINE_STATE_SUCCEEDED, done.getState());
        assertEquals(START.getEpochSecond() + 80, seconds(done.getEndTime()));
        assertEquals(done.getEndTime(), done.getUpdateTime());
        assertFalse(done.hasError());

        Map<String, PipelineTaskDetail> tasks = tasks(done);
        PipelineTaskDetail root = tasks.get("two-step");
        PipelineTaskDetail train = tasks.get("train");
        assertEquals(0, root.getParentTaskId());
        assertEquals(root.getTaskId(), train.getParentTaskId());
        assertEquals(State.SUCCEEDED, root.getState());
        assertEquals(START.getEpochSecond() + 50, seconds(train.getStartTime()));
        assertEquals(START.getEpochSecond() + 80, seconds(train.getEndTime()));
        assertEquals(List.of(State.PENDING, State.RUNNING, State.SUCCEEDED),
                train.getPipelineTaskStatusList().stream().map(PipelineTaskDetail.PipelineTaskStatus::getState).toList());
        assertTrue(train.getExecutorDetail().getContainerDetail().getMainJob().startsWith(Loopback.PARENT + "/customJobs/"));
        assertEquals("", Pipelines.mainJob(loop, train).getJobSpec().getPersistentResourceId(), "on demand");
        assertTrue(loop.emulator.pipelineJobEndTime(done.getName()).isPresent());
        assertEquals(1, loop.emulator.pipelineJobsCreated());
        assertEquals(1, loop.emulator.stats().pipelineJobsCreated());
    }

    @Test
    void scriptedDurationsAndFailuresNameTheFailedTasks() {
        loop.emulator.taskDuration("slow", Duration.ofMinutes(5)).failTasks("train", "The replica workerpool0-0 exited with a non-zero status of 1.");
        loop.pipelines().createPipelineJob(create("failing", job(new SpecBuilder("failing").root(
                task("slow", "comp-slow"), task("train", "comp-train"), task("deploy", "comp-deploy", after("train"))).build())));
        advance(20 + 30);
        PipelineJob afterTrain = get(loop, "failing");
        assertEquals(PipelineState.PIPELINE_STATE_RUNNING, afterTrain.getState()); // "slow" still runs (fail slow)
        assertEquals(State.FAILED, state(afterTrain, "train"));
        assertEquals("The replica workerpool0-0 exited with a non-zero status of 1.", tasks(afterTrain).get("train").getError().getMessage());
        assertEquals(State.NOT_TRIGGERED, state(afterTrain, "deploy"));
        advance(300);
        PipelineJob failed = get(loop, "failing");
        assertEquals(PipelineState.PIPELINE_STATE_FAILED, failed.getState());
        assertEquals(State.SUCCEEDED, state(failed, "slow"));
        assertEquals(START.getEpochSecond() + 20 + 300, seconds(failed.getEndTime()));
        assertEquals("The DAG failed because some tasks failed. The failed tasks are: [train].", failed.getError().getMessage());
    }

    @Test
    void failFastStartsNothingNewAfterAFailure() {
        loop.emulator.failTasks("bad", "boom");
        PipelineJob job = job(new SpecBuilder("ff").root(task("bad", "comp-bad"), task("wait", "comp-wait"),
                task("later", "comp-later", after("wait"))).build());
        job = job.toBuilder().setRuntimeConfig(job.getRuntimeConfig().toBuilder()
                .setFailurePolicy(PipelineFailurePolicy.PIPELINE_FAILURE_POLICY_FAIL_FAST)).build();
        loop.pipelines().createPipelineJob(create("ff", job));
        advance(20 + 60);
        PipelineJob done = get(loop, "ff");
        assertEquals(PipelineState.PIPELINE_STATE_FAILED, done.getState());
        assertEquals(State.SUCCEEDED, state(done, "wait")); // already running: finishes
        assertEquals(State.CANCELLED, state(done, "later"));
    }

    @Test
    void retriesUseUpTheirAttemptsBeforeFailing() {
        loop.emulator.failTasks("flaky", "exit 1");
        loop.pipelines().createPipelineJob(create("retry", job(new SpecBuilder("retry")
                .root(task("flaky", "comp-flaky", "\"retryPolicy\": {\"maxRetryCount\": 2}")).build())));
        advance(20 + 89);
        assertEquals(State.RUNNING, state(get(loop, "retry"), "flaky"));
        advance(1);
        PipelineJob failed = get(loop, "retry");
        assertEquals(State.FAILED, state(failed, "flaky"));
        assertEquals("exit 1 (after 3 attempts)", tasks(failed).get("flaky").getError().getMessage());
    }

    @Test
    void nestedDagsReportTheirParents() {
        loop.pipelines().createPipelineJob(create("nested", job(new SpecBuilder("outer")
                .root(task("inner", "comp-inner"), task("last", "comp-last", after("inner")))
                .dag("comp-inner", task("a", "comp-a"), task("deeper", "comp-deeper", after("a")))
                .dag("comp-deeper", task("b", "comp-b")).build())));
        advance(20 + 90);
        PipelineJob done = get(loop, "nested");
        assertEquals(PipelineState.PIPELINE_STATE_SUCCEEDED, done.getState());
        Map<String, PipelineTaskDetail> tasks = tasks(done);
        assertEquals(List.of("outer", "inner", "inner.a", "inner.deeper", "inner.deeper.b", "last"), List.copyOf(tasks.keySet()));
        assertEquals(tasks.get("inner").getTaskId(), tasks.get("inner.deeper").getParentTaskId());
        assertEquals(tasks.get("inner.deeper").getTaskId(), tasks.get("inner.deeper.b").getParentTaskId());
        assertEquals("system.DAGExecution", tasks.get("inner").getExecution().getSchemaTitle());
        assertEquals(START.getEpochSecond() + 80, seconds(tasks.get("inner").getEndTime()));
    }

    @Test
    void exitHandlerRunsAfterAFailure() {
        loop.emulator.failTasks("fail-op", "Task failed.");
        loop.pipelines().createPipelineJob(create("exit", job(new SpecBuilder("exit")
                .root(task("exit-handler-1", "comp-exit-handler-1"),
                        task("cleanup", "comp-cleanup", after("exit-handler-1"), "\"triggerPolicy\": {\"strategy\": \"ALL_UPSTREAM_TASKS_COMPLETED\"}"),
                        task("report", "comp-report", after("exit-handler-1")))
                .dag("comp-exit-handler-1", task("fail-op", "comp-fail-op"), task("print-op-2", "comp-print-op-2")).build())));
        advance(20 + 60);
        PipelineJob done = get(loop, "exit");
        assertEquals(PipelineState.PIPELINE_STATE_FAILED, done.getState());
        assertEquals(State.FAILED, state(done, "exit-handler-1"));
        assertEquals(State.SUCCEEDED, state(done, "exit-handler-1.print-op-2"));
        assertEquals(State.SUCCEEDED, state(done, "cleanup"));
        assertEquals(State.NOT_TRIGGERED, state(done, "report"));
        assertEquals("The DAG failed because some tasks failed. The failed tasks are: [fail-op].", done.getError().getMessage());
    }

    @Test
    void loopsRunOncePerKnownItemWithinTheParallelismLimit() {
        String raw = "\"parameterIterator\": {\"itemInput\": \"item\", \"items\": {\"raw\": \"[{\\\"a\\\": 1}, {\\\"a\\\": 2}, {\\\"a\\\": 3}]\"}},"
                + " \"iteratorPolicy\": {\"parallelismLimit\": 2}";
        String overParameter = "\"inputs\": {\"parameters\": {\"list\": {\"componentInputParameter\": \"names\"}}},"
                + " \"parameterIterator\": {\"itemInput\": \"name\", \"items\": {\"inputParameter\": \"list\"}}";
        String overOutput = "\"inputs\": {\"parameters\": {\"list\": {\"taskOutputParameter\": {\"producerTask\": \"make\", \"outputParameterKey\": \"Output\"}}}},"
                + " \"parameterIterator\": {\"itemInput\": \"x\", \"items\": {\"inputParameter\": \"list\"}}";
        PipelineJob job = job(new SpecBuilder("loops")
                .root(task("for-raw", "comp-body", raw), task("for-param", "comp-body", overParameter),
                        task("make", "comp-make"), task("for-output", "comp-body", overOutput, after("make")))
                .param("names", "LIST", "[\"x\"]", true)
                .dag("comp-body", task("work", "comp-work")).build());
        job = job.toBuilder().setRuntimeConfig(job.getRuntimeConfig().toBuilder().putParameterValues("names",
                Value.newBuilder().setListValue(com.google.protobuf.ListValue.newBuilder()
                        .addValues(Value.newBuilder().setStringValue("a")).addValues(Value.newBuilder().setStringValue("b"))).build())).build();
        loop.pipelines().createPipelineJob(create("loops", job));
        advance(20 + 30);
        PipelineJob first = get(loop, "loops");
        assertEquals(State.SUCCEEDED, state(first, "for-raw.for-raw-iteration-0.work"));
        assertEquals(State.SUCCEEDED, state(first, "for-raw.for-raw-iteration-1.work"));
        assertEquals(State.RUNNING, state(first, "for-raw.for-raw-iteration-2.work")); // third waited for a slot
        advance(60);
        PipelineJob done = get(loop, "loops");
        assertEquals(PipelineState.PIPELINE_STATE_SUCCEEDED, done.getState());
        List<String> iterations = new ArrayList<>();
        tasks(done).keySet().stream().filter(n -> n.endsWith(".work")).forEach(iterations::add);
        assertEquals(List.of("for-raw.for-raw-iteration-0.work", "for-raw.for-raw-iteration-1.work", "for-raw.for-raw-iteration-2.work",
                "for-param.for-param-iteration-0.work", "for-param.for-param-iteration-1.work",
                "for-output.for-output-iteration-0.work"), iterations);
    }

    @Test
    void conditionsEvaluateFromParametersOrRunWhenUnknown() {
        String whenHeads = "\"inputs\": {\"parameters\": {\"coin\": {\"componentInputParameter\": \"coin\"}}},"
                + " \"triggerPolicy\": {\"condition\": \"inputs.parameter_values['coin'] == 'heads'\"}";
        String whenTails = "\"inputs\": {\"parameters\": {\"coin\": {\"componentInputParameter\": \"coin\"}}},"
                + " \"triggerPolicy\": {\"condition\": \"!(inputs.parameter_values['coin'] == 'heads')\"}";
        String whenBig = "\"inputs\": {\"parameters\": {\"n\": {\"componentInputParameter\": \"n\"}}},"
                + " \"triggerPolicy\": {\"condition\": \"int(inputs.parameter_values['n']) > 5\"}";
        String whenOutput = "\"inputs\": {\"parameters\": {\"o\": {\"taskOutputParameter\": {\"producerTask\": \"flip\", \"outputParameterKey\": \"Output\"}}}},"
                + " \"triggerPolicy\": {\"condition\": \"inputs.parameter_values['o'] == 'heads'\"}";
        loop.pipelines().createPipelineJob(create("cond", job(new SpecBuilder("cond")
                .root(task("condition-1", "comp-condition-1", whenHeads), task("condition-2", "comp-condition-2", whenTails),
                        task("big", "comp-big", whenBig), task("flip", "comp-flip"), task("on-output", "comp-on-output", whenOutput, after("flip")))
                .param("coin", "STRING", "\"heads\"", true).param("n", "NUMBER_INTEGER", "3", true)
                .dag("comp-condition-1", task("heads", "comp-heads"))
                .dag("comp-condition-2", task("tails", "comp-tails")).build())));
        advance(20 + 60);
        PipelineJob done = get(loop, "cond");
        assertEquals(PipelineState.PIPELINE_STATE_SUCCEEDED, done.getState());
        assertEquals(State.SUCCEEDED, state(done, "condition-1.heads"));
        // A false condition is NOT_TRIGGERED ("the task's trigger policy is not satisfied"); SKIPPED means a cache hit.
        assertEquals(State.NOT_TRIGGERED, state(done, "condition-2"));
        assertFalse(tasks(done).containsKey("condition-2.tails"));
        assertEquals(State.NOT_TRIGGERED, state(done, "big"));
        assertEquals(State.SUCCEEDED, state(done, "on-output"));
    }

    @Test
    void cancelHeldJobThroughCancellingToCancelled() {
        loop.emulator.holdPipelineJobs("held-.*", Duration.ofHours(10));
        loop.pipelines().createPipelineJob(create("held-1", job(new SpecBuilder("held").root(task("a", "comp-a")).build())));
        advance(20 + 3600);
        PipelineJob running = get(loop, "held-1");
        assertEquals(PipelineState.PIPELINE_STATE_RUNNING, running.getState());
        assertEquals(State.PENDING, state(running, "held"));
        assertFalse(tasks(running).containsKey("a"));

        loop.pipelines().cancelPipelineJob(CancelPipelineJobRequest.newBuilder().setName(running.getName()).build());
        assertEquals(PipelineState.PIPELINE_STATE_CANCELLING, get(loop, "held-1").getState());
        loop.pipelines().cancelPipelineJob(CancelPipelineJobRequest.newBuilder().setName(running.getName()).build()); // no-op
        advance(10);
        PipelineJob cancelled = get(loop, "held-1");
        assertEquals(PipelineState.PIPELINE_STATE_CANCELLED, cancelled.getState());
        assertEquals(State.CANCELLED, state(cancelled, "held"));
        assertTrue(cancelled.hasEndTime());
        String message = assertStatus(Status.Code.FAILED_PRECONDITION, () -> loop.pipelines().cancelPipelineJob(
                CancelPipelineJobRequest.newBuilder().setName(running.getName()).build()));
        assertEquals("PipelineJob " + running.getName() + " is in state PIPELINE_STATE_CANCELLED and cannot be cancelled", message);
    }

    @Test
    void cancelStopsRunningTasks() {
        loop.emulator.taskDuration(Duration.ofMinutes(10));
        loop.pipelines().createPipelineJob(create("long", job(new SpecBuilder("long").root(task("a", "comp-a"), task("b", "comp-b", after("a"))).build())));
        advance(20 + 60);
        assertEquals(State.RUNNING, state(get(loop, "long"), "a"));
        loop.pipelines().cancelPipelineJob(CancelPipelineJobRequest.newBuilder().setName(Pipelines.jobName("long")).build());
        assertEquals(State.CANCELLING, state(get(loop, "long"), "a"));
        advance(10);
        PipelineJob cancelled = get(loop, "long");
        assertEquals(PipelineState.PIPELINE_STATE_CANCELLED, cancelled.getState());
        assertEquals(State.CANCELLED, state(cancelled, "a"));
        assertEquals(State.CANCELLED, state(cancelled, "b"));
        advance(3600);
        assertEquals(PipelineState.PIPELINE_STATE_CANCELLED, get(loop, "long").getState());
    }

    @Test
    void deleteOnlyFinishedJobs() throws Exception {
        loop.pipelines().createPipelineJob(create("del", job(new SpecBuilder("del").root(task("a", "comp-a")).build())));
        String running = assertStatus(Status.Code.FAILED_PRECONDITION, () -> loop.pipelines().deletePipelineJob(
                DeletePipelineJobRequest.newBuilder().setName(Pipelines.jobName("del")).build()));
        assertTrue(running.contains("is PIPELINE_STATE_QUEUED; only a finished pipeline job can be deleted"), running);
        advance(60);
        Operation op = loop.pipelines().deletePipelineJob(DeletePipelineJobRequest.newBuilder().setName(Pipelines.jobName("del")).build());
        assertTrue(op.getDone());
        assertEquals(Empty.getDefaultInstance(), op.getResponse().unpack(Empty.class));
        assertTrue(op.getMetadata().is(com.google.cloud.aiplatform.v1beta1.DeleteOperationMetadata.class));
        assertEquals(op, loop.operations().getOperation(GetOperationRequest.newBuilder().setName(op.getName()).build()));
        String missing = assertStatus(Status.Code.NOT_FOUND, () -> get(loop, "del"));
        assertEquals("PipelineJob " + Pipelines.jobName("del") + " not found", missing);
        assertTrue(loop.emulator.pipelineJobEndTime(Pipelines.jobName("del")).isPresent());
    }

    @Test
    void listsNewestFirstPageByPageWithFilters() {
        for (int i = 0; i < 5; i++) {
            PipelineJob job = job(new SpecBuilder(i % 2 == 0 ? "even" : "odd").root(task("a", "comp-a")).build())
                    .toBuilder().putLabels("n", "n" + i).build();
            loop.pipelines().createPipelineJob(create("job-" + i, job));
            advance(1);
        }
        List<String> names = new ArrayList<>();
        String token = "";
        do {
            ListPipelineJobsResponse page = loop.pipelines().listPipelineJobs(ListPipelineJobsRequest.newBuilder()
                    .setParent(Loopback.PARENT).setPageSize(2).setPageToken(token).build());
            page.getPipelineJobsList().forEach(j -> names.add(j.getName().substring(j.getName().lastIndexOf('/') + 1)));
            token = page.getNextPageToken();
        } while (!token.isEmpty());
        assertEquals(List.of("job-4", "job-3", "job-2", "job-1", "job-0"), names);

        assertEquals(List.of("job-0", "job-2", "job-4"), list("pipeline_name=\"even\"", "create_time"));
        assertEquals(List.of("job-3"), list("labels.n=\"n3\"", ""));
        // Created one second apart and QUEUED for 5 s: at 5 s only job-0 has moved on.
        assertEquals(List.of("job-0"), list("state!=PIPELINE_STATE_QUEUED", ""));
        // AIP-160: OR binds tighter than AND, so this is ev* AND (NOT n0 OR n1).
        assertEquals(List.of("job-4", "job-2"), list("display_name:\"ev*\" AND NOT labels.n=\"n0\" OR labels.n=\"n1\"", ""));
        assertEquals(List.of("job-0"), list("create_time<\"" + START.plusSeconds(1) + "\"", ""));
        assertStatus(Status.Code.INVALID_ARGUMENT, () -> list("color=\"red\"", ""));
        assertStatus(Status.Code.INVALID_ARGUMENT, () -> list("", "color"));
    }

    private List<String> list(String filter, String orderBy) {
        return loop.pipelines().listPipelineJobs(ListPipelineJobsRequest.newBuilder().setParent(Loopback.PARENT)
                        .setFilter(filter).setOrderBy(orderBy).build()).getPipelineJobsList().stream()
                .map(j -> j.getName().substring(j.getName().lastIndexOf('/') + 1)).toList();
    }
}
