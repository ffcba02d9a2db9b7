package io.jenkins.plugins.vertexai.emulator;

import static io.jenkins.plugins.vertexai.emulator.Requests.assertStatus;
import static io.jenkins.plugins.vertexai.emulator.Requests.create;
import static io.jenkins.plugins.vertexai.emulator.Requests.gpuPool;
import static io.jenkins.plugins.vertexai.emulator.Requests.pool;
import static io.jenkins.plugins.vertexai.emulator.Requests.resource;
import static io.jenkins.plugins.vertexai.emulator.Requests.resourceName;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.cloud.aiplatform.v1.AcceleratorType;
import com.google.cloud.aiplatform.v1.CreatePersistentResourceOperationMetadata;
import com.google.cloud.aiplatform.v1.DeleteOperationMetadata;
import com.google.cloud.aiplatform.v1.DeletePersistentResourceRequest;
import com.google.cloud.aiplatform.v1.GetPersistentResourceRequest;
import com.google.cloud.aiplatform.v1.ListPersistentResourcesRequest;
import com.google.cloud.aiplatform.v1.ListPersistentResourcesResponse;
import com.google.cloud.aiplatform.v1.MachineSpec;
import com.google.cloud.aiplatform.v1.PersistentResource;
import com.google.cloud.aiplatform.v1.PersistentResource.State;
import com.google.cloud.aiplatform.v1.RebootPersistentResourceOperationMetadata;
import com.google.cloud.aiplatform.v1.RebootPersistentResourceRequest;
import com.google.cloud.aiplatform.v1.ResourcePool;
import com.google.longrunning.GetOperationRequest;
import com.google.longrunning.Operation;
import com.google.protobuf.Empty;
import io.grpc.Status;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class PersistentResourceLifecycleTest {
    private Loopback loop;

    @BeforeEach
    void start() {
        loop = new Loopback(VertexAiEmulator.builder().speed(0)
                .provisioningTime(Duration.ofMinutes(10)).rebootTime(Duration.ofMinutes(2)).deleteTime(Duration.ofMinutes(1)));
    }

    @AfterEach
    void stop() {
        loop.close();
    }

    @Test
    void provisionsThroughProgressMessagesToRunning() throws Exception {
        PersistentResource requested = resource(gpuPool("n1-standard-8", 2, AcceleratorType.NVIDIA_TESLA_T4, 1)).toBuilder()
                .putLabels("team", "ml").setDisplayName("GPU pool").build();
        Operation op = loop.resources().createPersistentResource(create("gpu", requested));
        assertFalse(op.getDone());
        assertTrue(op.getName().startsWith(resourceName("gpu") + "/operations/"), op.getName());

        List<String> progress = new ArrayList<>();
        for (int minute = 0; minute < 10; minute++) {
            Operation now = getOperation(op.getName());
            assertFalse(now.getDone(), "minute " + minute);
            CreatePersistentResourceOperationMetadata metadata = now.getMetadata().unpack(CreatePersistentResourceOperationMetadata.class);
            assertTrue(metadata.getGenericMetadata().hasCreateTime());
            if (progress.isEmpty() || !progress.get(progress.size() - 1).equals(metadata.getProgressMessage())) {
                progress.add(metadata.getProgressMessage());
            }
            assertEquals(State.PROVISIONING, get("gpu").getState());
            loop.emulator.clock().advance(Duration.ofMinutes(1));
        }
        assertEquals(List.of("Creating resource pool pool-0 (2 × n1-standard-8)", "Allocating accelerators (2 × NVIDIA_TESLA_T4)",
                "Starting workers 1/2", "Starting workers 2/2"), progress);

        Operation done = getOperation(op.getName());
        assertTrue(done.getDone());
        PersistentResource response = done.getResponse().unpack(PersistentResource.class);
        assertEquals(State.RUNNING, response.getState());
        PersistentResource running = get("gpu");
        assertEquals(State.RUNNING, running.getState());
        assertEquals(resourceName("gpu"), running.getName());
        assertEquals("GPU pool", running.getDisplayName());
        assertEquals("ml", running.getLabelsOrThrow("team"));
        assertTrue(running.hasStartTime() && running.hasCreateTime() && running.hasUpdateTime());
        assertEquals(running.getStartTime(), running.getUpdateTime());
        assertEquals(Duration.ofMinutes(10).getSeconds(),
                running.getStartTime().getSeconds() - running.getCreateTime().getSeconds());
        ResourcePool pool = running.getResourcePools(0);
        assertEquals("pool-0", pool.getId());
        assertEquals(0, pool.getUsedReplicaCount(), "used_replica_count: machines in use by jobs, none yet");
        assertTrue(running.getResourceRuntimeSpec().getServiceAccountSpec().getEnableCustomServiceAccount());
    }

    @Test
    void autoscalingPoolKeepsGivenPoolIds() {
        ResourcePool scaling = ResourcePool.newBuilder().setId("workers")
                .setMachineSpec(MachineSpec.newBuilder().setMachineType("e2-standard-4"))
                .setAutoscalingSpec(ResourcePool.AutoscalingSpec.newBuilder().setMinReplicaCount(3).setMaxReplicaCount(6))
                .build();
        loop.resources().createPersistentResource(create("scaling", resource(pool("n1-standard-4", 1), scaling)));
        assertEquals(0, get("scaling").getResourcePools(1).getUsedReplicaCount());
        loop.emulator.clock().advance(Duration.ofMinutes(10));
        PersistentResource running = get("scaling");
        assertEquals(List.of("pool-0", "workers"), running.getResourcePoolsList().stream().map(ResourcePool::getId).toList());
        assertEquals(0, running.getResourcePools(1).getUsedReplicaCount(), "no job runs on it");
    }

    @Test
    void failProvisioningEndsInErrorWithTheMessage() throws Exception {
        loop.emulator.failProvisioning("doomed-.*", "Quota 'CPUS' exceeded. Limit: 24.0 in region us-central1.");
        Operation op = loop.resources().createPersistentResource(create("doomed-1"));
        loop.resources().createPersistentResource(create("fine-1"));
        loop.emulator.clock().advance(Duration.ofMinutes(10));

        PersistentResource doomed = get("doomed-1");
        assertEquals(State.ERROR, doomed.getState());
        assertEquals("Quota 'CPUS' exceeded. Limit: 24.0 in region us-central1.", doomed.getError().getMessage());
        assertFalse(doomed.hasStartTime());
        Operation done = getOperation(op.getName());
        assertTrue(done.getDone());
        assertEquals(done.getError().getMessage(), doomed.getError().getMessage());
        assertEquals(State.RUNNING, get("fine-1").getState());
    }

    @Test
    void stockOutFailsResourcesNeedingThatAcceleratorWhenAllocating() throws Exception {
        loop.emulator.stockOut("NVIDIA_L4");
        Operation op = loop.resources().createPersistentResource(create("l4", resource(pool("g2-standard-8", 1))));
        loop.resources().createPersistentResource(create("cpu", resource(pool("n1-standard-4", 1))));
        // Steps: create pool, allocate, start worker 1/1: the stock-out shows after the allocation step (2/3 of 10 min).
        loop.emulator.clock().advance(Duration.ofMinutes(6));
        assertEquals(State.PROVISIONING, get("l4").getState());
        assertEquals("Allocating accelerators (1 × NVIDIA_L4)", getOperation(op.getName()).getMetadata()
                .unpack(CreatePersistentResourceOperationMetadata.class).getProgressMessage());
        loop.emulator.clock().advance(Duration.ofMinutes(1));
        PersistentResource l4 = get("l4");
        assertEquals(State.ERROR, l4.getState());
        assertEquals(Status.Code.RESOURCE_EXHAUSTED.value(), l4.getError().getCode());
        assertTrue(l4.getError().getMessage().contains("NVIDIA_L4 is out of stock"), l4.getError().getMessage());
        assertEquals(Status.Code.RESOURCE_EXHAUSTED.value(), getOperation(op.getName()).getError().getCode());
        assertEquals(State.PROVISIONING, get("cpu").getState());
    }

    @Test
    void rebootNeedsRunningThenGoesThroughRebooting() throws Exception {
        loop.resources().createPersistentResource(create("r"));
        RebootPersistentResourceRequest reboot = RebootPersistentResourceRequest.newBuilder().setName(resourceName("r")).build();
        String message = assertStatus(Status.Code.FAILED_PRECONDITION, () -> loop.resources().rebootPersistentResource(reboot));
        assertTrue(message.contains("is PROVISIONING; only a persistent resource that is RUNNING or in ERROR can be rebooted"), message);

        loop.emulator.clock().advance(Duration.ofMinutes(10));
        Operation op = loop.resources().rebootPersistentResource(reboot);
        assertFalse(op.getDone());
        assertEquals("Stopping workers", op.getMetadata().unpack(RebootPersistentResourceOperationMetadata.class).getProgressMessage());
        assertEquals(State.REBOOTING, get("r").getState());
        assertStatus(Status.Code.FAILED_PRECONDITION, () -> loop.resources().rebootPersistentResource(reboot));

        loop.emulator.clock().advance(Duration.ofMinutes(2));
        Operation done = getOperation(op.getName());
        assertTrue(done.getDone());
        assertEquals(State.RUNNING, done.getResponse().unpack(PersistentResource.class).getState());
        assertEquals(State.RUNNING, get("r").getState());
    }

    @Test
    void rebootRecoversAResourceInError() throws Exception {
        // "You can reboot any persistent resource that's in the RUNNING or ERROR state ... to recover from errors".
        loop.emulator.failProvisioning("broken", "simulated zone stock-out");
        loop.resources().createPersistentResource(create("broken"));
        loop.emulator.clock().advance(Duration.ofMinutes(10));
        PersistentResource failed = get("broken");
        assertEquals(State.ERROR, failed.getState());
        assertTrue(failed.hasError());
        assertFalse(failed.hasStartTime());

        Operation op = loop.resources().rebootPersistentResource(
                RebootPersistentResourceRequest.newBuilder().setName(resourceName("broken")).build());
        assertEquals(State.REBOOTING, get("broken").getState());
        assertFalse(get("broken").hasError());
        loop.emulator.clock().advance(Duration.ofMinutes(2));
        assertTrue(getOperation(op.getName()).getDone());
        PersistentResource recovered = get("broken");
        assertEquals(State.RUNNING, recovered.getState());
        assertFalse(recovered.hasError());
        assertTrue(recovered.hasStartTime(), "start_time: when it first entered RUNNING");
    }

    @Test
    void deleteStopsThenRemovesAndFreesTheId() throws Exception {
        loop.resources().createPersistentResource(create("d"));
        loop.emulator.clock().advance(Duration.ofMinutes(10));
        Operation op = loop.resources().deletePersistentResource(DeletePersistentResourceRequest.newBuilder().setName(resourceName("d")).build());
        assertFalse(op.getDone());
        assertTrue(op.getMetadata().is(DeleteOperationMetadata.class));
        assertEquals(State.STOPPING, get("d").getState());
        String exists = assertStatus(Status.Code.ALREADY_EXISTS, () -> loop.resources().createPersistentResource(create("d")));
        assertEquals("PersistentResource " + resourceName("d") + " already exists", exists);

        loop.emulator.clock().advance(Duration.ofMinutes(1));
        Operation done = getOperation(op.getName());
        assertTrue(done.getDone());
        assertEquals(Empty.getDefaultInstance(), done.getResponse().unpack(Empty.class));
        String missing = assertStatus(Status.Code.NOT_FOUND, () -> get("d"));
        assertEquals("PersistentResource " + resourceName("d") + " not found", missing);
        loop.resources().createPersistentResource(create("d"));
        assertEquals(State.PROVISIONING, get("d").getState());
        assertEquals(2, loop.emulator.stats().persistentResourcesCreated());
    }

    @Test
    void deletingWhileProvisioningAbortsTheCreateOperation() {
        Operation create = loop.resources().createPersistentResource(create("early"));
        loop.emulator.clock().advance(Duration.ofMinutes(3));
        loop.resources().deletePersistentResource(DeletePersistentResourceRequest.newBuilder().setName(resourceName("early")).build());
        Operation done = getOperation(create.getName());
        assertTrue(done.getDone());
        assertEquals(Status.Code.ABORTED.value(), done.getError().getCode());
    }

    @Test
    void unknownAndMalformedNames() {
        String missing = assertStatus(Status.Code.NOT_FOUND, () -> get("nope"));
        assertEquals("PersistentResource " + resourceName("nope") + " not found", missing);
        assertStatus(Status.Code.NOT_FOUND, () -> loop.resources().deletePersistentResource(
                DeletePersistentResourceRequest.newBuilder().setName(resourceName("nope")).build()));
        assertStatus(Status.Code.NOT_FOUND, () -> loop.resources().rebootPersistentResource(
                RebootPersistentResourceRequest.newBuilder().setName(resourceName("nope")).build()));
        String malformed = assertStatus(Status.Code.INVALID_ARGUMENT, () -> loop.resources().getPersistentResource(
                GetPersistentResourceRequest.newBuilder().setName("nope").build()));
        assertTrue(malformed.startsWith("name: 'nope' is not of the form"), malformed);
    }

    @Test
    void alreadyExists() {
        loop.resources().createPersistentResource(create("twice"));
        String message = assertStatus(Status.Code.ALREADY_EXISTS, () -> loop.resources().createPersistentResource(create("twice")));
        assertEquals("PersistentResource " + resourceName("twice") + " already exists", message);
    }

    @Test
    void listsPageByPageInCreationOrderPerParent() {
        for (int i = 0; i < 5; i++) {
            loop.resources().createPersistentResource(create("res-" + i));
        }
        loop.resources().createPersistentResource(create("elsewhere").toBuilder().setParent("projects/demo/locations/europe-west4").build());

        List<String> names = new ArrayList<>();
        String token = "";
        int pages = 0;
        do {
            ListPersistentResourcesResponse page = loop.resources().listPersistentResources(ListPersistentResourcesRequest.newBuilder()
                    .setParent(Loopback.PARENT).setPageSize(2).setPageToken(token).build());
            assertTrue(page.getPersistentResourcesCount() <= 2);
            page.getPersistentResourcesList().forEach(r -> names.add(r.getName().substring(r.getName().lastIndexOf('/') + 1)));
            token = page.getNextPageToken();
            pages++;
        } while (!token.isEmpty());
        assertEquals(List.of("res-0", "res-1", "res-2", "res-3", "res-4"), names);
        assertEquals(3, pages);

        assertEquals(5, loop.resources().listPersistentResources(ListPersistentResourcesRequest.newBuilder()
                .setParent(Loopback.PARENT).build()).getPersistentResourcesCount());
        assertStatus(Status.Code.INVALID_ARGUMENT, () -> loop.resources().listPersistentResources(ListPersistentResourcesRequest.newBuilder()
                .setParent(Loopback.PARENT).setPageToken("garbage").build()));
        assertStatus(Status.Code.INVALID_ARGUMENT, () -> loop.resources().listPersistentResources(ListPersistentResourcesRequest.newBuilder()
                .setParent("projects/demo").build()));
    }

    private PersistentResource get(String id) {
        return loop.resources().getPersistentResource(GetPersistentResourceRequest.newBuilder().setName(resourceName(id)).build());
    }

    private Operation getOperation(String name) {
        return loop.operations().getOperation(GetOperationRequest.newBuilder().setName(name).build());
    }
}
