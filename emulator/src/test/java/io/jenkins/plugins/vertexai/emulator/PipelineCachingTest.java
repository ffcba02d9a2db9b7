package io.jenkins.plugins.vertexai.emulator;

import static io.jenkins.plugins.vertexai.emulator.Pipelines.create;
import static io.jenkins.plugins.vertexai.emulator.Pipelines.get;
import static io.jenkins.plugins.vertexai.emulator.Pipelines.job;
import static io.jenkins.plugins.vertexai.emulator.Pipelines.state;
import static io.jenkins.plugins.vertexai.emulator.Pipelines.tasks;
import static io.jenkins.plugins.vertexai.emulator.SpecBuilder.after;
import static io.jenkins.plugins.vertexai.emulator.SpecBuilder.task;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.cloud.aiplatform.v1beta1.Execution;
import com.google.cloud.aiplatform.v1beta1.PipelineJob;
import com.google.cloud.aiplatform.v1beta1.PipelineState;
import com.google.cloud.aiplatform.v1beta1.PipelineTaskDetail;
import com.google.cloud.aiplatform.v1beta1.PipelineTaskDetail.State;
import com.google.protobuf.Value;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The simulated execution cache over gRPC. PipelineTaskDetail.State: "SKIPPED: Specifies task was skipped due to
 * cache hit"; Execution.State: "CACHED: The Execution completed through Cache hit".
 */
class PipelineCachingTest {
    private static final String CACHED = "\"cachingOptions\": {\"enableCache\": true}";
    private static final String UNCACHED = "\"cachingOptions\": {}";
    private static final String ROWS = "\"inputs\": {\"parameters\": {\"rows\": {\"componentInputParameter\": \"rows\"}}}";
    private Loopback loop;

    @BeforeEach
    void start() {
        loop = new Loopback(VertexAiEmulator.builder().speed(0));
    }

    @AfterEach
    void stop() {
        loop.close();
    }

    private PipelineJob runToEnd(String id, String prepareCaching, String trainCaching, int rows) {
        PipelineJob job = job(new SpecBuilder("cached").param("rows", "NUMBER_INTEGER", "100", true)
                .root(task("prepare", "comp-prepare", ROWS, prepareCaching), task("train", "comp-train", trainCaching, after("prepare")))
                .build());
        job = job.toBuilder().setRuntimeConfig(job.getRuntimeConfig().toBuilder()
                .putParameterValues("rows", Value.newBuilder().setNumberValue(rows).build())).build();
        loop.pipelines().createPipelineJob(create(id, job));
        loop.emulator.clock().advance(Duration.ofHours(1));
        PipelineJob done = get(loop, id);
        assertEquals(PipelineState.PIPELINE_STATE_SUCCEEDED, done.getState(), id);
        return done;
    }

    @Test
    void anIdenticalTaskWithCachingReusesTheEarlierExecution() {
        PipelineJob first = runToEnd("first", CACHED, CACHED, 100);
        assertEquals(State.SUCCEEDED, state(first, "prepare"));
        assertEquals(State.SUCCEEDED, state(first, "train"));

        PipelineJob second = runToEnd("second", CACHED, CACHED, 100);
        for (String name : new String[] {"prepare", "train"}) {
            PipelineTaskDetail t = tasks(second).get(name);
            assertEquals(State.SKIPPED, t.getState(), name);
            assertEquals(Execution.State.CACHED, t.getExecution().getState(), name);
            assertFalse(t.hasExecutorDetail(), name + ": a cache hit runs no CustomJob");
            assertFalse(t.hasStartTime(), name + ": it never ran");
        }
        assertEquals(Execution.State.COMPLETE, tasks(first).get("train").getExecution().getState());
    }

    @Test
    void otherInputsMissAndTheirConsumersMissToo() {
        runToEnd("rows-100", CACHED, CACHED, 100);
        PipelineJob other = runToEnd("rows-200", CACHED, CACHED, 200);
        assertEquals(State.SUCCEEDED, state(other, "prepare"), "a different input value is a different cache key");
        assertEquals(State.SUCCEEDED, state(other, "train"), "its upstream produced new outputs");
        PipelineJob again = runToEnd("rows-200-again", CACHED, CACHED, 200);
        assertEquals(State.SKIPPED, state(again, "prepare"));
        assertEquals(State.SKIPPED, state(again, "train"));
    }

    @Test
    void cachingOffRunsAgainAndFreshOutputsMakeDownstreamMiss() {
        runToEnd("warm", CACHED, CACHED, 100);
        PipelineJob uncached = runToEnd("uncached-prepare", UNCACHED, CACHED, 100);
        assertEquals(State.SUCCEEDED, state(uncached, "prepare"), "enableCache false (or absent): the task runs");
        assertEquals(State.SUCCEEDED, state(uncached, "train"), "a fresh upstream execution: new inputs downstream");
        assertTrue(tasks(uncached).get("train").hasExecutorDetail());
    }

    @Test
    void aTaskRunWithoutCachingLeavesNoEntry() {
        runToEnd("no-cache-1", UNCACHED, UNCACHED, 300);
        PipelineJob next = runToEnd("no-cache-2", CACHED, CACHED, 300);
        assertEquals(State.SUCCEEDED, state(next, "prepare"));
        assertEquals(State.SUCCEEDED, state(next, "train"));
    }

    @Test
    void aFailedExecutionIsNotCached() {
        loop.emulator.failTasks("prepare", "boom");
        PipelineJob job = job(new SpecBuilder("fails").root(task("prepare", "comp-prepare", CACHED)).build());
        loop.pipelines().createPipelineJob(create("fails-1", job));
        loop.emulator.clock().advance(Duration.ofHours(1));
        assertEquals(PipelineState.PIPELINE_STATE_FAILED, get(loop, "fails-1").getState());
        loop.pipelines().createPipelineJob(create("fails-2", job));
        loop.emulator.clock().advance(Duration.ofHours(1));
        assertEquals(State.FAILED, state(get(loop, "fails-2"), "prepare"), "it ran again rather than reusing a failure");
    }
}
