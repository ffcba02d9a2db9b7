package io.jenkins.plugins.vertexai.emulator;

import static io.jenkins.plugins.vertexai.emulator.Pipelines.create;
import static io.jenkins.plugins.vertexai.emulator.Pipelines.get;
import static io.jenkins.plugins.vertexai.emulator.Pipelines.job;
import static io.jenkins.plugins.vertexai.emulator.Pipelines.onResource;
import static io.jenkins.plugins.vertexai.emulator.Pipelines.state;
import static io.jenkins.plugins.vertexai.emulator.SpecBuilder.task;
import static org.junit.jupiter.api.Assertions.assertEquals;

import com.google.cloud.aiplatform.v1.GetPersistentResourceRequest;
import com.google.cloud.aiplatform.v1.MachineSpec;
import com.google.cloud.aiplatform.v1.ResourcePool;
import com.google.cloud.aiplatform.v1beta1.PipelineJob;
import com.google.cloud.aiplatform.v1beta1.PipelineJob.RuntimeConfig.PersistentResourceRuntimeDetail.TaskResourceUnavailableTimeoutBehavior;
import com.google.cloud.aiplatform.v1beta1.PipelineState;
import com.google.cloud.aiplatform.v1beta1.PipelineTaskDetail.State;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Autoscaling pools over gRPC: a pool grows toward its maximum when tasks need room, before a task waits, and
 * used_replica_count ("the number of machines currently in use by training jobs") follows the running tasks.
 */
class AutoscalingSimulationTest {
    private static final String WHOLE_MACHINE = "{\"cpuLimit\": 4, \"memoryLimit\": 8}";
    private Loopback loop;
    private Instant runningAt;

    @BeforeEach
    void start() {
        loop = Loopback.frozen();
    }

    @AfterEach
    void stop() {
        loop.close();
    }

    private static ResourcePool autoscaling(long min, long max) {
        return ResourcePool.newBuilder().setId("workers").setMachineSpec(MachineSpec.newBuilder().setMachineType("n1-standard-4"))
                .setReplicaCount(min)
                .setAutoscalingSpec(ResourcePool.AutoscalingSpec.newBuilder().setMinReplicaCount(min).setMaxReplicaCount(max))
                .build();
    }

    private String resource(ResourcePool pool) {
        String name = loop.runningResource("scaling", pool);
        runningAt = loop.emulator.clock().now().plusSeconds(20); // QUEUED 5 s, PENDING 15 s
        return name;
    }

    private void advanceTo(long secondsAfterRunning) {
        loop.emulator.clock().advance(Duration.between(loop.emulator.clock().now(), runningAt.plusSeconds(secondsAfterRunning)));
    }

    private long used(String resource) {
        return loop.resources().getPersistentResource(GetPersistentResourceRequest.newBuilder().setName(resource).build())
                .getResourcePools(0).getUsedReplicaCount();
    }

    private static PipelineJob fourWholeMachineTasks(String resource) {
        SpecBuilder spec = new SpecBuilder("fan-out").root(task("a", "comp-a"), task("b", "comp-b"), task("c", "comp-c"), task("d", "comp-d"));
        for (String c : new String[] {"comp-a", "comp-b", "comp-c", "comp-d"}) {
            spec.resources(c, WHOLE_MACHINE);
        }
        return onResource(job(spec.build()), resource, 600_000, TaskResourceUnavailableTimeoutBehavior.FAIL);
    }

    @Test
    void thePoolGrowsToItsMaximumBeforeATaskWaits() {
        String resource = resource(autoscaling(1, 3));
        assertEquals(0, used(resource), "idle: no machine in use");
        loop.pipelines().createPipelineJob(create("fan-out", fourWholeMachineTasks(resource)));
        advanceTo(1);
        PipelineJob running = get(loop, "fan-out");
        long runningTasks = java.util.stream.Stream.of("a", "b", "c", "d").filter(t -> state(running, t) == State.RUNNING).count();
        assertEquals(3, runningTasks, "one replica at first, grown to the maximum of 3: " + running.getJobDetail());
        assertEquals(1, java.util.stream.Stream.of("a", "b", "c", "d").filter(t -> state(running, t) == State.PENDING).count(),
                "the fourth waits: the pool is at its maximum");
        assertEquals(3, used(resource));

        advanceTo(31); // the first three ended at 30 s; the fourth got a replica
        assertEquals(1, used(resource));
        advanceTo(61);
        assertEquals(PipelineState.PIPELINE_STATE_SUCCEEDED, get(loop, "fan-out").getState());
        assertEquals(0, used(resource), "used_replica_count is 0 when no task runs");
    }

    @Test
    void aFixedSizePoolDoesNotGrow() {
        String resource = resource(ResourcePool.newBuilder().setId("workers")
                .setMachineSpec(MachineSpec.newBuilder().setMachineType("n1-standard-4")).setReplicaCount(2).build());
        loop.pipelines().createPipelineJob(create("fixed", fourWholeMachineTasks(resource)));
        advanceTo(1);
        PipelineJob running = get(loop, "fixed");
        assertEquals(2, java.util.stream.Stream.of("a", "b", "c", "d").filter(t -> state(running, t) == State.RUNNING).count());
        assertEquals(2, used(resource));
    }

    @Test
    void aLargeMaximumCostsOnlyWhatRunningTasksUse() {
        String resource = resource(autoscaling(1, 1000));
        loop.pipelines().createPipelineJob(create("wide", fourWholeMachineTasks(resource)));
        advanceTo(1);
        assertEquals(4, used(resource), "four tasks, four machines, of up to a thousand");
        advanceTo(31);
        assertEquals(PipelineState.PIPELINE_STATE_SUCCEEDED, get(loop, "wide").getState());
    }
}
