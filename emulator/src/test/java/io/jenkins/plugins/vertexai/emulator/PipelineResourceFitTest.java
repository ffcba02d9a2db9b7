package io.jenkins.plugins.vertexai.emulator;

import static io.jenkins.plugins.vertexai.emulator.Pipelines.create;
import static io.jenkins.plugins.vertexai.emulator.Pipelines.get;
import static io.jenkins.plugins.vertexai.emulator.Pipelines.job;
import static io.jenkins.plugins.vertexai.emulator.Pipelines.onResource;
import static io.jenkins.plugins.vertexai.emulator.Pipelines.state;
import static io.jenkins.plugins.vertexai.emulator.Requests.assertStatus;
import static io.jenkins.plugins.vertexai.emulator.Requests.pool;
import static io.jenkins.plugins.vertexai.emulator.Requests.resource;
import static io.jenkins.plugins.vertexai.emulator.Requests.resourceName;
import static io.jenkins.plugins.vertexai.emulator.SpecBuilder.task;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.cloud.aiplatform.v1.EncryptionSpec;
import com.google.cloud.aiplatform.v1.PersistentResource;
import com.google.cloud.aiplatform.v1.RebootPersistentResourceRequest;
import com.google.cloud.aiplatform.v1beta1.PipelineJob;
import com.google.cloud.aiplatform.v1beta1.PipelineJob.RuntimeConfig.PersistentResourceRuntimeDetail.TaskResourceUnavailableTimeoutBehavior;
import com.google.cloud.aiplatform.v1beta1.PipelineState;
import com.google.cloud.aiplatform.v1beta1.PipelineTaskDetail.State;
import io.grpc.Status;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * What a pipeline job on a persistent resource needs at submission: a REBOOTING resource ("expected to be ready again
 * later") takes the job and its tasks wait; the job's network and CMEK key must be the resource's.
 */
class PipelineResourceFitTest {
    private static final String NETWORK = "projects/123456789012/global/networks/ml-vpc";
    private static final String KEY = "projects/demo/locations/us-central1/keyRings/ml/cryptoKeys/pipelines";
    private Loopback loop;

    @BeforeEach
    void start() {
        // Provisioning 10 min, reboot 5 min; jobs QUEUED 5 s, PENDING 15 s; tasks 30 s.
        loop = new Loopback(VertexAiEmulator.builder().speed(0).provisioningTime(Duration.ofMinutes(10))
                .rebootTime(Duration.ofMinutes(5)));
    }

    @AfterEach
    void stop() {
        loop.close();
    }

    private String runningResource(String id, PersistentResource resource) {
        loop.resources().createPersistentResource(Requests.create(id, resource));
        loop.emulator.clock().advance(Duration.ofMinutes(10));
        return resourceName(id);
    }

    private void reboot(String name) {
        loop.resources().rebootPersistentResource(RebootPersistentResourceRequest.newBuilder().setName(name).build());
    }

    private static PipelineJob oneTask(String resource, long waitMs, TaskResourceUnavailableTimeoutBehavior behavior) {
        return onResource(job(new SpecBuilder("one").root(task("train", "comp-train")).build()), resource, waitMs, behavior);
    }

    @Test
    void aJobOnARebootingResourceWaitsThenRunsThere() {
        String resource = runningResource("rebooting", resource(pool("n1-standard-4", 1)));
        reboot(resource);
        PipelineJob created = loop.pipelines().createPipelineJob(create("during-reboot",
                oneTask(resource, Duration.ofMinutes(10).toMillis(), TaskResourceUnavailableTimeoutBehavior.FAIL)));
        assertEquals(PipelineState.PIPELINE_STATE_QUEUED, created.getState());
        loop.emulator.clock().advance(Duration.ofMinutes(2));
        assertEquals(State.PENDING, state(get(loop, "during-reboot"), "train"), "waits while the resource reboots");
        loop.emulator.clock().advance(Duration.ofMinutes(3)); // the reboot ends at 5 min
        assertEquals(State.RUNNING, state(get(loop, "during-reboot"), "train"));
        loop.emulator.clock().advance(Duration.ofMinutes(1));
        assertEquals(PipelineState.PIPELINE_STATE_SUCCEEDED, get(loop, "during-reboot").getState());
    }

    @Test
    void aWaitShorterThanTheRebootFailsOrFallsBack() {
        String resource = runningResource("rebooting-2", resource(pool("n1-standard-4", 1)));
        reboot(resource);
        loop.pipelines().createPipelineJob(create("short-fail", oneTask(resource, 60_000, TaskResourceUnavailableTimeoutBehavior.FAIL)));
        loop.pipelines().createPipelineJob(create("short-fallback",
                oneTask(resource, 60_000, TaskResourceUnavailableTimeoutBehavior.FALL_BACK_TO_ON_DEMAND)));
        loop.emulator.clock().advance(Duration.ofMinutes(3));
        PipelineJob failed = get(loop, "short-fail");
        assertEquals(PipelineState.PIPELINE_STATE_FAILED, failed.getState());
        assertEquals(Status.Code.RESOURCE_EXHAUSTED.value(), Pipelines.tasks(failed).get("train").getError().getCode());
        assertEquals(PipelineState.PIPELINE_STATE_SUCCEEDED, get(loop, "short-fallback").getState());
    }

    @Test
    void provisioningAndStoppingResourcesAreStillRefused() {
        loop.resources().createPersistentResource(Requests.create("young", resource(pool("n1-standard-4", 1))));
        String message = assertStatus(Status.Code.FAILED_PRECONDITION, () -> loop.pipelines().createPipelineJob(
                create("on-young", oneTask(resourceName("young"), 0, TaskResourceUnavailableTimeoutBehavior.FAIL))));
        assertTrue(message.contains("is PROVISIONING; pipeline jobs can only run on a RUNNING (or REBOOTING) persistent resource"), message);
    }

    @Test
    void theJobsNetworkAndKeyMustBeTheResources() {
        String resource = runningResource("private", resource(pool("n1-standard-4", 1)).toBuilder().setNetwork(NETWORK)
                .setEncryptionSpec(EncryptionSpec.newBuilder().setKmsKeyName(KEY)).build());
        PipelineJob plain = oneTask(resource, 0, TaskResourceUnavailableTimeoutBehavior.FAIL);
        String noNetwork = assertStatus(Status.Code.FAILED_PRECONDITION,
                () -> loop.pipelines().createPipelineJob(create("no-network", plain)));
        assertTrue(noNetwork.contains("network of the pipeline job ('') is not consistent with the network of PersistentResource"), noNetwork);

        PipelineJob networkOnly = plain.toBuilder().setNetwork(NETWORK).build();
        String noKey = assertStatus(Status.Code.FAILED_PRECONDITION,
                () -> loop.pipelines().createPipelineJob(create("no-key", networkOnly)));
        assertTrue(noKey.contains("CMEK key of the pipeline job ('') is not consistent"), noKey);

        PipelineJob fits = networkOnly.toBuilder().setEncryptionSpec(
                com.google.cloud.aiplatform.v1beta1.EncryptionSpec.newBuilder().setKmsKeyName(KEY)).build();
        assertEquals(PipelineState.PIPELINE_STATE_QUEUED, loop.pipelines().createPipelineJob(create("fits", fits)).getState());
        assertEquals(0, Pipelines.tasks(get(loop, "fits")).size());
    }

    @Test
    void aJobWithANetworkDoesNotFitAResourceWithout() {
        String resource = runningResource("public", resource(pool("n1-standard-4", 1)));
        PipelineJob peered = oneTask(resource, 0, TaskResourceUnavailableTimeoutBehavior.FAIL).toBuilder().setNetwork(NETWORK).build();
        assertStatus(Status.Code.FAILED_PRECONDITION, () -> loop.pipelines().createPipelineJob(create("peered", peered)));
    }
}
