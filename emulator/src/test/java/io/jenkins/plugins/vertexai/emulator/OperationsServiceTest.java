package io.jenkins.plugins.vertexai.emulator;

import static io.jenkins.plugins.vertexai.emulator.Requests.assertStatus;
import static io.jenkins.plugins.vertexai.emulator.Requests.create;
import static io.jenkins.plugins.vertexai.emulator.Requests.resourceName;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.cloud.aiplatform.v1.GetPersistentResourceRequest;
import com.google.cloud.aiplatform.v1.PersistentResource;
import com.google.longrunning.CancelOperationRequest;
import com.google.longrunning.DeleteOperationRequest;
import com.google.longrunning.GetOperationRequest;
import com.google.longrunning.ListOperationsRequest;
import com.google.longrunning.ListOperationsResponse;
import com.google.longrunning.Operation;
import com.google.longrunning.OperationsGrpc;
import com.google.longrunning.WaitOperationRequest;
import com.google.common.util.concurrent.ListenableFuture;
import io.grpc.Status;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class OperationsServiceTest {

    @Test
    void getListDeleteAndNotFound() throws Exception {
        try (Loopback loop = Loopback.frozen()) {
            Operation a = loop.resources().createPersistentResource(create("a"));
            Operation b = loop.resources().createPersistentResource(create("b"));
            for (int i = 0; i < 3; i++) {
                loop.resources().createPersistentResource(create("more-" + i));
            }
            ListOperationsResponse underA = loop.operations().listOperations(ListOperationsRequest.newBuilder()
                    .setName(resourceName("a")).build());
            assertEquals(List.of(a.getName()), underA.getOperationsList().stream().map(Operation::getName).toList());

            List<String> all = new ArrayList<>();
            String token = "";
            do {
                ListOperationsResponse page = loop.operations().listOperations(ListOperationsRequest.newBuilder()
                        .setName(Loopback.PARENT).setPageSize(2).setPageToken(token).build());
                page.getOperationsList().forEach(op -> all.add(op.getName()));
                token = page.getNextPageToken();
            } while (!token.isEmpty());
            assertEquals(5, all.size());
            assertEquals(List.of(a.getName(), b.getName()), all.subList(0, 2));
            assertEquals(0, loop.operations().listOperations(ListOperationsRequest.newBuilder()
                    .setName(Loopback.PARENT).setFilter("done=true").build()).getOperationsCount());

            loop.operations().deleteOperation(DeleteOperationRequest.newBuilder().setName(a.getName()).build());
            String missing = assertStatus(Status.Code.NOT_FOUND, () -> loop.operations().getOperation(
                    GetOperationRequest.newBuilder().setName(a.getName()).build()));
            assertEquals("Operation " + a.getName() + " not found", missing);
            assertStatus(Status.Code.NOT_FOUND, () -> loop.operations().deleteOperation(
                    DeleteOperationRequest.newBuilder().setName(a.getName()).build()));
            assertStatus(Status.Code.NOT_FOUND, () -> loop.operations().cancelOperation(
                    CancelOperationRequest.newBuilder().setName(a.getName()).build()));
            assertStatus(Status.Code.NOT_FOUND, () -> loop.operations().waitOperation(
                    WaitOperationRequest.newBuilder().setName(a.getName()).build()));
        }
    }

    @Test
    void cancellingCreateEndsItCancelledAndDeletesTheResource() throws Exception {
        try (Loopback loop = Loopback.frozen()) {
            Operation op = loop.resources().createPersistentResource(create("c"));
            loop.operations().cancelOperation(CancelOperationRequest.newBuilder().setName(op.getName()).build());
            Operation cancelled = loop.operations().getOperation(GetOperationRequest.newBuilder().setName(op.getName()).build());
            assertTrue(cancelled.getDone());
            assertEquals(Status.Code.CANCELLED.value(), cancelled.getError().getCode());
            PersistentResource stopping = loop.resources().getPersistentResource(
                    GetPersistentResourceRequest.newBuilder().setName(resourceName("c")).build());
            assertEquals(PersistentResource.State.STOPPING, stopping.getState());
            // Cancelling again, or a done operation, changes nothing.
            loop.operations().cancelOperation(CancelOperationRequest.newBuilder().setName(op.getName()).build());
        }
    }

    @Test
    void waitOperationAnswersWhenDoneWithoutPollingByTheClient() throws Exception {
        // 10 simulated minutes at 6000× are 100 ms of real time.
        try (Loopback loop = new Loopback(VertexAiEmulator.builder().speed(6000).provisioningTime(Duration.ofMinutes(10)))) {
            Operation op = loop.resources().createPersistentResource(create("w"));
            long start = System.nanoTime();
            Operation done = loop.operations().waitOperation(WaitOperationRequest.newBuilder().setName(op.getName())
                    .setTimeout(com.google.protobuf.Duration.newBuilder().setSeconds(5)).build());
            long tookMillis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start);
            assertTrue(done.getDone());
            assertTrue(done.getResponse().is(PersistentResource.class));
            assertTrue(tookMillis < 2000, "took " + tookMillis + " ms");
            assertEquals(1, loop.emulator.stats().rpcCount("google.longrunning.Operations/WaitOperation"));
        }
    }

    @Test
    void waitOperationReturnsTheUnfinishedOperationAtItsTimeout() throws Exception {
        try (Loopback loop = Loopback.frozen()) {
            Operation op = loop.resources().createPersistentResource(create("t"));
            long start = System.nanoTime();
            Operation notYet = loop.operations().waitOperation(WaitOperationRequest.newBuilder().setName(op.getName())
                    .setTimeout(com.google.protobuf.Duration.newBuilder().setNanos(150_000_000)).build());
            long tookMillis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start);
            assertFalse(notYet.getDone());
            assertTrue(tookMillis >= 140 && tookMillis < 2000, "took " + tookMillis + " ms");
        }
    }

    @Test
    void waitOperationWakesUpWhenTheClockIsAdvanced() throws Exception {
        ScheduledExecutorService later = Executors.newSingleThreadScheduledExecutor();
        try (Loopback loop = Loopback.frozen()) {
            Operation op = loop.resources().createPersistentResource(create("a"));
            ListenableFuture<Operation> waiting = OperationsGrpc.newFutureStub(loop.channel).waitOperation(
                    WaitOperationRequest.newBuilder().setName(op.getName()).build());
            later.schedule(() -> loop.emulator.clock().advance(Duration.ofMinutes(10)), 100, TimeUnit.MILLISECONDS);
            Operation done = waiting.get(5, TimeUnit.SECONDS);
            assertTrue(done.getDone());
        } finally {
            later.shutdownNow();
        }
    }

    @Test
    void rejectsUnsupportedFilterAndNegativeTimeout() throws Exception {
        try (Loopback loop = Loopback.frozen()) {
            Operation op = loop.resources().createPersistentResource(create("f"));
            assertStatus(Status.Code.INVALID_ARGUMENT, () -> loop.operations().listOperations(ListOperationsRequest.newBuilder()
                    .setName(Loopback.PARENT).setFilter("metadata.x=1").build()));
            assertStatus(Status.Code.INVALID_ARGUMENT, () -> loop.operations().waitOperation(WaitOperationRequest.newBuilder()
                    .setName(op.getName()).setTimeout(com.google.protobuf.Duration.newBuilder().setSeconds(-1)).build()));
        }
    }
}
