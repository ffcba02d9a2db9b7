package io.jenkins.plugins.vertexai.emulator;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.cloud.aiplatform.v1.GetPersistentResourceRequest;
import com.google.cloud.aiplatform.v1.ListPersistentResourcesRequest;
import com.google.cloud.aiplatform.v1.PersistentResource;
import com.google.cloud.aiplatform.v1beta1.CancelPipelineJobRequest;
import com.google.cloud.aiplatform.v1beta1.CreatePipelineJobRequest;
import com.google.cloud.aiplatform.v1beta1.GetPipelineJobRequest;
import com.google.cloud.aiplatform.v1beta1.ListPipelineJobsRequest;
import com.google.cloud.aiplatform.v1beta1.PipelineJob;
import com.google.cloud.aiplatform.v1beta1.PipelineJob.RuntimeConfig.PersistentResourceRuntimeDetail.TaskResourceUnavailableTimeoutBehavior;
import com.google.longrunning.GetOperationRequest;
import com.google.longrunning.Operation;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Projects by id or number, as on Google Cloud: requests may use either, every name returned has the number, and both
 * forms reach the same objects (persistent resources, operations, pipeline jobs, CustomJobs).
 */
class ProjectNumbersTest {
    private static final String BY_ID = "projects/ml-prod/locations/us-central1";
    private static final String BY_NUMBER = "projects/123456789012/locations/us-central1";
    private Loopback loop;

    @AfterEach
    void stop() {
        loop.close();
    }

    @Test
    void namesCarryTheNumberAndEitherFormReachesTheSameObjects() {
        loop = new Loopback(VertexAiEmulator.builder().speed(0).projectNumber("ml-prod", 123456789012L));
        Operation op = loop.resources().createPersistentResource(Requests.create("nightly-7").toBuilder().setParent(BY_ID).build());
        assertTrue(op.getName().startsWith(BY_NUMBER + "/persistentResources/nightly-7/operations/"), op.getName());
        String opById = op.getName().replace(BY_NUMBER, BY_ID);
        assertEquals(op.getName(), loop.operations().getOperation(GetOperationRequest.newBuilder().setName(opById).build()).getName());
        loop.emulator.clock().advance(Duration.ofHours(1));

        PersistentResource byId = loop.resources().getPersistentResource(GetPersistentResourceRequest.newBuilder()
                .setName(BY_ID + "/persistentResources/nightly-7").build());
        assertEquals(BY_NUMBER + "/persistentResources/nightly-7", byId.getName());
        assertEquals(byId, loop.resources().getPersistentResource(GetPersistentResourceRequest.newBuilder()
                .setName(BY_NUMBER + "/persistentResources/nightly-7").build()));
        assertEquals(1, loop.resources().listPersistentResources(ListPersistentResourcesRequest.newBuilder()
                .setParent(BY_ID).build()).getPersistentResourcesCount());
        Requests.assertStatus(io.grpc.Status.Code.ALREADY_EXISTS, () -> loop.resources().createPersistentResource(
                Requests.create("nightly-7").toBuilder().setParent(BY_NUMBER).build()));

        // The job by id, its resource by the number the service returned: the same project.
        PipelineJob job = Pipelines.onResource(Pipelines.job(new SpecBuilder("p").root(SpecBuilder.task("train", "comp-train")).build()),
                byId.getName(), 0, TaskResourceUnavailableTimeoutBehavior.FAIL);
        PipelineJob created = loop.pipelines().createPipelineJob(CreatePipelineJobRequest.newBuilder().setParent(BY_ID)
                .setPipelineJobId("run-1").setPipelineJob(job).build());
        assertEquals(BY_NUMBER + "/pipelineJobs/run-1", created.getName());
        assertEquals(created.getName(), loop.pipelines().getPipelineJob(GetPipelineJobRequest.newBuilder()
                .setName(BY_ID + "/pipelineJobs/run-1").build()).getName());
        assertEquals(1, loop.pipelines().listPipelineJobs(ListPipelineJobsRequest.newBuilder().setParent(BY_NUMBER).build())
                .getPipelineJobsCount());
        loop.emulator.clock().advance(Duration.ofSeconds(30));
        var task = Pipelines.tasks(loop.pipelines().getPipelineJob(GetPipelineJobRequest.newBuilder()
                .setName(created.getName()).build())).get("train");
        String mainJob = task.getExecutorDetail().getContainerDetail().getMainJob();
        assertTrue(mainJob.startsWith(BY_NUMBER + "/customJobs/"), mainJob);
        assertTrue(task.getExecution().getName().startsWith(BY_NUMBER + "/metadataStores/"), task.getExecution().getName());
        assertEquals(mainJob, loop.jobs().getCustomJob(com.google.cloud.aiplatform.v1beta1.GetCustomJobRequest.newBuilder()
                .setName(mainJob.replace(BY_NUMBER, BY_ID)).build()).getName());
        loop.pipelines().cancelPipelineJob(CancelPipelineJobRequest.newBuilder().setName(BY_ID + "/pipelineJobs/run-1").build());
    }

    @Test
    void unsetNumbersAreDerivedFromTheIdAndStable() {
        loop = Loopback.frozen();
        long number = loop.emulator.projectNumber("demo-project");
        assertEquals(12, Long.toString(number).length());
        assertEquals(number, loop.emulator.projectNumber("demo-project"));
        assertNotEquals(number, loop.emulator.projectNumber("other-project"));
        try (Loopback again = Loopback.frozen()) {
            assertEquals(number, again.emulator.projectNumber("demo-project"), "the same in every run");
        }
        assertEquals(42L, loop.emulator.projectNumber("42"), "a number is its own number");
    }

    @Test
    void aNumberBelongsToOneProject() {
        loop = Loopback.frozen();
        VertexAiEmulator.Builder b = VertexAiEmulator.builder().projectNumber("a-project", 111111111111L);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> b.projectNumber("b-project", 111111111111L));
        assertTrue(e.getMessage().contains("already the number of a-project"), e.getMessage());
    }
}
