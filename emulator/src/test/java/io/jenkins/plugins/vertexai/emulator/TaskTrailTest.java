package io.jenkins.plugins.vertexai.emulator;

import static io.jenkins.plugins.vertexai.emulator.Pipelines.create;
import static io.jenkins.plugins.vertexai.emulator.Pipelines.get;
import static io.jenkins.plugins.vertexai.emulator.Pipelines.job;
import static io.jenkins.plugins.vertexai.emulator.Pipelines.mainJob;
import static io.jenkins.plugins.vertexai.emulator.Pipelines.tasks;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.cloud.aiplatform.v1beta1.Artifact;
import com.google.cloud.aiplatform.v1beta1.CustomJob;
import com.google.cloud.aiplatform.v1beta1.GetCustomJobRequest;
import com.google.cloud.aiplatform.v1beta1.JobState;
import com.google.cloud.aiplatform.v1beta1.PipelineJob;
import com.google.cloud.aiplatform.v1beta1.PipelineTaskDetail;
import com.google.cloud.aiplatform.v1beta1.PipelineTaskExecutorDetail.ContainerDetail;
import io.grpc.Status;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The real trail of a task: its CustomJobs (one per attempt) through JobService, and its outputs. */
class TaskTrailTest {
    private static final Instant START = Instant.parse("2030-01-01T00:00:00Z");
    private Loopback loop;

    @BeforeEach
    void start() {
        loop = new Loopback(VertexAiEmulator.builder().speed(0).simulatedStart(START));
    }

    @AfterEach
    void stop() {
        loop.close();
    }

    private CustomJob customJob(String name) {
        return loop.jobs().getCustomJob(GetCustomJobRequest.newBuilder().setName(name).build());
    }

    @Test
    void eachRetryIsANewCustomJobAndTheFailedOnesAreListed() {
        loop.emulator.failTasks("add", "ZeroDivisionError");
        loop.pipelines().createPipelineJob(create("retry", job(KfpSamples.load("pipeline_with_retry.yaml"))));
        loop.emulator.clock().advance(Duration.ofSeconds(20 + 45)); // running at +20; the second attempt began at +50
        ContainerDetail during = tasks(get(loop, "retry")).get("add").getExecutorDetail().getContainerDetail();
        assertEquals(1, during.getFailedMainJobsCount());
        CustomJob first = customJob(during.getFailedMainJobs(0));
        assertEquals(JobState.JOB_STATE_FAILED, first.getState());
        assertEquals("ZeroDivisionError", first.getError().getMessage());
        assertEquals(JobState.JOB_STATE_RUNNING, customJob(during.getMainJob()).getState());

        loop.emulator.clock().advance(Duration.ofHours(1));
        PipelineTaskDetail add = tasks(get(loop, "retry")).get("add");
        ContainerDetail done = add.getExecutorDetail().getContainerDetail();
        assertEquals(3, done.getFailedMainJobsCount(), "maxRetryCount 3: four attempts");
        assertEquals(during.getFailedMainJobs(0), done.getFailedMainJobs(0), "names are stable");
        assertEquals(during.getMainJob(), done.getFailedMainJobs(1));
        CustomJob last = customJob(done.getMainJob());
        assertEquals(JobState.JOB_STATE_FAILED, last.getState());
        assertEquals(add.getEndTime(), last.getEndTime());
        assertEquals("", last.getJobSpec().getPersistentResourceId());
        assertTrue(last.getJobSpec().getWorkerPoolSpecs(0).getContainerSpec().getImageUri().startsWith("python:"),
                last.getJobSpec().toString());
        assertFalse(add.getExecution().hasMetadata(), "a failed task has no outputs");
    }

    @Test
    void cancellingTheRunCancelsTheRunningTasksCustomJob() {
        loop.emulator.taskDuration(Duration.ofMinutes(10));
        loop.pipelines().createPipelineJob(create("cancel", job(KfpSamples.load("hello_world.yaml"))));
        loop.emulator.clock().advance(Duration.ofMinutes(1));
        PipelineTaskDetail running = get(loop, "cancel").getJobDetail().getTaskDetailsList().stream()
                .filter(t -> t.getParentTaskId() != 0).findFirst().orElseThrow(); // the root shares its name
        assertEquals(JobState.JOB_STATE_RUNNING, mainJob(loop, running).getState());
        assertFalse(mainJob(loop, running).hasEndTime());
        loop.pipelines().cancelPipelineJob(com.google.cloud.aiplatform.v1beta1.CancelPipelineJobRequest.newBuilder()
                .setName(Pipelines.jobName("cancel")).build());
        assertEquals(JobState.JOB_STATE_CANCELLING, mainJob(loop, running).getState());
        loop.emulator.clock().advance(Duration.ofMinutes(1));
        CustomJob cancelled = mainJob(loop, running);
        assertEquals(JobState.JOB_STATE_CANCELLED, cancelled.getState());
        assertTrue(cancelled.hasEndTime());
    }

    @Test
    void aCustomJobThatDoesNotExistIsNotFound() {
        String message = Requests.assertStatus(Status.Code.NOT_FOUND, () -> customJob(Loopback.PARENT + "/customJobs/42"));
        assertEquals("CustomJob " + Loopback.PARENT + "/customJobs/42 not found", message);
        Requests.assertStatus(Status.Code.INVALID_ARGUMENT, () -> customJob("customJobs/42"));
    }

    @Test
    void outputParametersAreTypedAndScriptable() {
        loop.emulator.taskOutput("add-numbers", "Output", 7);
        PipelineJob spec = job(KfpSamples.load("add_numbers.yaml"));
        spec = spec.toBuilder().setRuntimeConfig(spec.getRuntimeConfig().toBuilder()
                .putParameterValues("a", com.google.protobuf.Value.newBuilder().setNumberValue(3).build())
                .putParameterValues("b", com.google.protobuf.Value.newBuilder().setNumberValue(4).build())).build();
        loop.pipelines().createPipelineJob(create("add", spec));
        loop.emulator.clock().advance(Duration.ofHours(1));
        PipelineTaskDetail add = get(loop, "add").getJobDetail().getTaskDetailsList().stream()
                .filter(t -> t.getParentTaskId() != 0).findFirst().orElseThrow(); // the root shares its name
        assertEquals(7.0, add.getExecution().getMetadata().getFieldsOrThrow("output:Output").getNumberValue());
        assertEquals(0, add.getOutputsCount(), "parameters are not artifacts");
    }

    @Test
    void artifactsLiveUnderThePipelineRootAndMetricsCarryScriptedNumbers() {
        loop.emulator.taskOutput("output-metrics.*", "accuracy", 0.93);
        loop.pipelines().createPipelineJob(create("metrics", job(KfpSamples.load("pipeline_with_metrics_outputs.yaml"))));
        loop.emulator.clock().advance(Duration.ofHours(1));
        PipelineJob done = get(loop, "metrics");
        PipelineTaskDetail task = tasks(done).get("output-metrics");
        Artifact metrics = task.getOutputsOrThrow("metrics").getArtifacts(0);
        assertEquals("system.Metrics", metrics.getSchemaTitle());
        assertEquals(0.93, metrics.getMetadata().getFieldsOrThrow("accuracy").getNumberValue());
        String number = Loopback.PARENT.split("/")[1];
        assertEquals(Pipelines.ROOT + "/" + number + "/metrics/output-metrics_" + task.getExecution().getName()
                .substring(task.getExecution().getName().lastIndexOf('/') + 1) + "/metrics", metrics.getUri());
        assertEquals(List.of(), tasks(done).values().stream().filter(t -> t.getExecution().getDescription().length() > 0).toList(),
                "nothing invented in executions");
        CustomJob job = mainJob(loop, task);
        assertEquals(JobState.JOB_STATE_SUCCEEDED, job.getState());
        assertEquals(0, job.getStartTime().getSeconds() - job.getCreateTime().getSeconds(), "on demand: no wait");

        // Caching is on in this sample: a second run reuses the execution, and shows its outputs, not new ones.
        loop.pipelines().createPipelineJob(create("metrics-again", job(KfpSamples.load("pipeline_with_metrics_outputs.yaml"))));
        loop.emulator.clock().advance(Duration.ofHours(1));
        PipelineTaskDetail hit = tasks(get(loop, "metrics-again")).get("output-metrics");
        assertEquals(PipelineTaskDetail.State.SKIPPED, hit.getState());
        String reused = hit.getOutputsOrThrow("metrics").getArtifacts(0).getUri();
        assertTrue(reused.startsWith(Pipelines.ROOT + "/" + number + "/metrics/output-metrics_"), "under the first run: " + reused);
        assertEquals(0.93, hit.getOutputsOrThrow("metrics").getArtifacts(0).getMetadata().getFieldsOrThrow("accuracy").getNumberValue());
        assertFalse(hit.hasExecutorDetail(), "a cache hit runs no CustomJob");
    }
}
