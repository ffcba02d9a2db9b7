package io.jenkins.plugins.vertexai.emulator;

import static io.jenkins.plugins.vertexai.emulator.Pipelines.create;
import static io.jenkins.plugins.vertexai.emulator.Pipelines.get;
import static io.jenkins.plugins.vertexai.emulator.Pipelines.job;
import static io.jenkins.plugins.vertexai.emulator.Pipelines.mainJob;
import static io.jenkins.plugins.vertexai.emulator.Pipelines.onResource;
import static io.jenkins.plugins.vertexai.emulator.Pipelines.seconds;
import static io.jenkins.plugins.vertexai.emulator.Pipelines.state;
import static io.jenkins.plugins.vertexai.emulator.Pipelines.tasks;
import static io.jenkins.plugins.vertexai.emulator.Requests.gpuPool;
import static io.jenkins.plugins.vertexai.emulator.Requests.pool;
import static io.jenkins.plugins.vertexai.emulator.SpecBuilder.task;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.cloud.aiplatform.v1.AcceleratorType;
import com.google.cloud.aiplatform.v1beta1.CustomJob;
import com.google.cloud.aiplatform.v1beta1.JobState;
import com.google.cloud.aiplatform.v1beta1.PipelineJob;
import com.google.cloud.aiplatform.v1beta1.PipelineJob.RuntimeConfig.PersistentResourceRuntimeDetail.TaskResourceUnavailableTimeoutBehavior;
import com.google.cloud.aiplatform.v1beta1.PipelineState;
import com.google.cloud.aiplatform.v1beta1.PipelineTaskDetail;
import com.google.cloud.aiplatform.v1beta1.PipelineTaskDetail.State;
import com.google.protobuf.Struct;
import io.grpc.Status;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Tasks placed on a persistent resource's capacity, waiting, failing or falling back to on-demand. */
class PipelinePlacementTest {
    private static final String GPU = "{\"accelerator\": {\"type\": \"NVIDIA_TESLA_T4\", \"count\": \"1\"}}";
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

    private String cpuResource() {
        String name = loop.runningResource("cpu-only", pool("n1-standard-4", 1));
        runningAt = loop.emulator.clock().now().plusSeconds(20);
        return name;
    }

    private void advanceTo(long secondsAfterRunning) {
        loop.emulator.clock().advance(Duration.between(loop.emulator.clock().now(), runningAt.plusSeconds(secondsAfterRunning)));
    }

    private static PipelineJob gpuJob(String resource, long waitMs, TaskResourceUnavailableTimeoutBehavior behavior) {
        Struct spec = new SpecBuilder("gpu").root(task("train", "comp-train")).resources("comp-train", GPU).build();
        return onResource(job(spec), resource, waitMs, behavior);
    }

    @Test
    void gpuTaskOnCpuOnlyResourceFailsAfterWaiting() {
        String resource = cpuResource();
        loop.pipelines().createPipelineJob(create("gpu-fail", gpuJob(resource, 60_000, TaskResourceUnavailableTimeoutBehavior.FAIL)));
        advanceTo(30);
        PipelineTaskDetail waiting = tasks(get(loop, "gpu-fail")).get("train");
        assertEquals(State.PENDING, waiting.getState());
        assertEquals("", waiting.getExecution().getDescription(), "the service writes no placement into the execution");
        assertFalse(waiting.hasExecutorDetail(), "no main job before the task runs");

        advanceTo(60);
        PipelineJob failed = get(loop, "gpu-fail");
        assertEquals(PipelineState.PIPELINE_STATE_FAILED, failed.getState());
        PipelineTaskDetail train = tasks(failed).get("train");
        assertEquals(State.FAILED, train.getState());
        assertEquals(Status.Code.RESOURCE_EXHAUSTED.value(), train.getError().getCode());
        assertEquals("No capacity for task 'train' (needs 1 vCPU, 4 GiB, 1 × NVIDIA_TESLA_T4) on persistent resource " + resource
                + " within task_resource_unavailable_wait_time_ms=60000: no resource pool can fit it;"
                + " task_resource_unavailable_timeout_behavior is FAIL", train.getError().getMessage());
        assertEquals(runningAt.getEpochSecond() + 60, seconds(failed.getEndTime()));
    }

    @Test
    void gpuTaskOnCpuOnlyResourceFallsBackToOnDemand() {
        String resource = cpuResource();
        loop.pipelines().createPipelineJob(create("gpu-fallback", gpuJob(resource, 60_000, TaskResourceUnavailableTimeoutBehavior.FALL_BACK_TO_ON_DEMAND)));
        advanceTo(60 + 30);
        PipelineJob done = get(loop, "gpu-fallback");
        assertEquals(PipelineState.PIPELINE_STATE_SUCCEEDED, done.getState());
        PipelineTaskDetail train = tasks(done).get("train");
        assertEquals(runningAt.getEpochSecond() + 60, seconds(train.getStartTime()));
        CustomJob job = mainJob(loop, train);
        assertEquals("", job.getJobSpec().getPersistentResourceId(), "fell back to on-demand capacity");
        assertEquals(JobState.JOB_STATE_SUCCEEDED, job.getState());
        assertEquals(runningAt.getEpochSecond(), seconds(job.getCreateTime()), "created when the task was launched");
        assertEquals(runningAt.getEpochSecond() + 60, seconds(job.getStartTime()), "started after the 60 s wait");
        assertEquals(AcceleratorType.NVIDIA_TESLA_T4.name(), job.getJobSpec().getWorkerPoolSpecs(0).getMachineSpec().getAcceleratorType().name());
    }

    @Test
    void waitTimeZeroMeansNoWaiting() {
        String resource = cpuResource();
        loop.pipelines().createPipelineJob(create("no-wait", gpuJob(resource, 0, TaskResourceUnavailableTimeoutBehavior.TASK_RESOURCE_UNAVAILABLE_TIMEOUT_BEHAVIOR_UNSPECIFIED)));
        advanceTo(0);
        PipelineJob failed = get(loop, "no-wait");
        assertEquals(PipelineState.PIPELINE_STATE_FAILED, failed.getState());
        assertEquals(runningAt.getEpochSecond(), seconds(failed.getEndTime()));
    }

    @Test
    void secondJobWaitsForTheOccupiedPoolThenRunsThere() {
        String resource = cpuResource();
        Struct spec = new SpecBuilder("big").root(task("crunch", "comp-crunch")).resources("comp-crunch", WHOLE_MACHINE).build();
        loop.pipelines().createPipelineJob(create("first", onResource(job(spec), resource, 600_000, TaskResourceUnavailableTimeoutBehavior.FAIL)));
        loop.pipelines().createPipelineJob(create("second", onResource(job(spec), resource, 600_000, TaskResourceUnavailableTimeoutBehavior.FAIL)));
        loop.pipelines().createPipelineJob(create("third", onResource(job(spec), resource, 10_000, TaskResourceUnavailableTimeoutBehavior.FAIL)));
        advanceTo(5);
        assertEquals(State.RUNNING, state(get(loop, "first"), "crunch"));
        assertEquals(State.PENDING, state(get(loop, "second"), "crunch"));
        advanceTo(10);
        PipelineJob third = get(loop, "third");
        assertEquals(State.FAILED, state(third, "crunch"));
        assertTrue(tasks(third).get("crunch").getError().getMessage().contains(": its pools were fully occupied;"));
        advanceTo(60);
        PipelineJob second = get(loop, "second");
        assertEquals(PipelineState.PIPELINE_STATE_SUCCEEDED, second.getState());
        PipelineTaskDetail crunch = tasks(second).get("crunch");
        assertEquals(runningAt.getEpochSecond() + 30, seconds(crunch.getStartTime()));
        CustomJob job = mainJob(loop, crunch);
        assertEquals("cpu-only", job.getJobSpec().getPersistentResourceId(), "ran on the persistent resource");
        assertEquals(30, job.getStartTime().getSeconds() - job.getCreateTime().getSeconds(), "waited 30 s for capacity");
        assertEquals("n1-standard-4", job.getJobSpec().getWorkerPoolSpecs(0).getMachineSpec().getMachineType());
        assertEquals(crunch.getStartTime(), job.getStartTime());
        assertEquals(crunch.getEndTime(), job.getEndTime());
    }

    @Test
    void parallelTasksNeverExceedTheCapacity() {
        String resource = cpuResource();
        String[] entries = new String[10];
        for (int i = 0; i < entries.length; i++) {
            entries[i] = task("t" + i, "comp-small");
        }
        Struct spec = new SpecBuilder("fan-out").root(entries).resources("comp-small", "{\"resourceCpuLimit\": \"1000m\", \"resourceMemoryLimit\": \"2Gi\"}").build();
        loop.pipelines().createPipelineJob(create("fan-out", onResource(job(spec), resource, 3_600_000, TaskResourceUnavailableTimeoutBehavior.FAIL)));
        advanceTo(90);
        PipelineJob done = get(loop, "fan-out");
        assertEquals(PipelineState.PIPELINE_STATE_SUCCEEDED, done.getState());
        List<Long> starts = tasks(done).values().stream().filter(t -> t.getTaskName().startsWith("t"))
                .map(t -> t.getStartTime().getSeconds() - runningAt.getEpochSecond()).sorted().toList();
        assertEquals(List.of(0L, 0L, 0L, 0L, 30L, 30L, 30L, 30L, 60L, 60L), starts);
    }

    @Test
    void cpuTasksPreferCpuPoolsAndGpuTasksGetTheirAccelerator() {
        String resource = loop.runningResource("mixed", gpuPool("n1-standard-8", 1, AcceleratorType.NVIDIA_TESLA_T4, 2), pool("n1-standard-4", 1));
        Struct spec = new SpecBuilder("mixed").root(task("cpu", "comp-cpu"), task("gpu", "comp-gpu"))
                .resources("comp-gpu", "{\"accelerator\": {\"resourceType\": \"nvidia.com/gpu\", \"resourceCount\": \"2\"}}").build();
        loop.pipelines().createPipelineJob(create("mixed", onResource(job(spec), resource, 0, TaskResourceUnavailableTimeoutBehavior.FAIL)));
        loop.emulator.clock().advance(Duration.ofSeconds(20));
        Map<String, PipelineTaskDetail> tasks = tasks(get(loop, "mixed"));
        assertEquals("n1-standard-4", mainJob(loop, tasks.get("cpu")).getJobSpec().getWorkerPoolSpecs(0).getMachineSpec().getMachineType());
        var gpu = mainJob(loop, tasks.get("gpu")).getJobSpec();
        assertEquals("mixed", gpu.getPersistentResourceId());
        assertEquals("n1-standard-8", gpu.getWorkerPoolSpecs(0).getMachineSpec().getMachineType());
        assertEquals(2, gpu.getWorkerPoolSpecs(0).getMachineSpec().getAcceleratorCount());
    }

    @Test
    void withoutDefaultRuntimeEverythingRunsOnDemand() {
        Struct spec = new SpecBuilder("huge").root(task("giant", "comp-giant"))
                .resources("comp-giant", "{\"cpuLimit\": 500, \"memoryLimit\": 4000, \"accelerator\": {\"type\": \"NVIDIA_H100_80GB\", \"count\": 16}}").build();
        loop.pipelines().createPipelineJob(create("huge", job(spec)));
        loop.emulator.clock().advance(Duration.ofSeconds(50));
        PipelineJob done = get(loop, "huge");
        assertEquals(PipelineState.PIPELINE_STATE_SUCCEEDED, done.getState());
        assertEquals("", mainJob(loop, tasks(done).get("giant")).getJobSpec().getPersistentResourceId());
    }
}
