package io.jenkins.plugins.vertexai.emulator;

import static io.jenkins.plugins.vertexai.emulator.Requests.assertStatus;
import static io.jenkins.plugins.vertexai.emulator.Requests.create;
import static io.jenkins.plugins.vertexai.emulator.Requests.resourceName;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.cloud.aiplatform.v1.GetPersistentResourceRequest;
import com.google.cloud.aiplatform.v1.PersistentResource;
import com.google.cloud.aiplatform.v1.PersistentResourceServiceGrpc;
import com.google.longrunning.GetOperationRequest;
import com.google.longrunning.Operation;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.jenkins.plugins.vertexai.emulator.fault.FaultKind;
import io.jenkins.plugins.vertexai.emulator.fault.FaultPlan;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class FaultInjectionTest {
    private static final String GET = PersistentResourceServiceGrpc.getGetPersistentResourceMethod().getFullMethodName();
    private static final String CREATE = PersistentResourceServiceGrpc.getCreatePersistentResourceMethod().getFullMethodName();

    @Test
    void sameSeedInjectsTheSameFaultsInTheSameOrder() throws Exception {
        FaultPlan plan = FaultPlan.builder().unavailable(GET, 0.3).deadlineExceeded(GET, 0.2).resourceExhausted(GET, 0.1).build();
        List<Status.Code> first = outcomesOfGets(plan, 7L);
        List<Status.Code> second = outcomesOfGets(plan, 7L);
        List<Status.Code> otherSeed = outcomesOfGets(plan, 8L);
        assertEquals(first, second);
        assertNotEquals(first, otherSeed);
        assertTrue(first.contains(Status.Code.OK) && first.contains(Status.Code.UNAVAILABLE)
                && first.contains(Status.Code.DEADLINE_EXCEEDED) && first.contains(Status.Code.RESOURCE_EXHAUSTED), first::toString);
    }

    @Test
    void appliedThenUnavailableReallyAppliesTheChange() throws Exception {
        FaultPlan plan = FaultPlan.builder().appliedThenUnavailable(CREATE, 1.0).build();
        try (Loopback loop = new Loopback(VertexAiEmulator.builder().speed(0).faults(plan))) {
            String description = assertStatus(Status.Code.UNAVAILABLE, () -> loop.resources().createPersistentResource(create("applied")));
            assertTrue(description.contains("fault injected"), description);
            PersistentResource created = loop.resources().getPersistentResource(
                    GetPersistentResourceRequest.newBuilder().setName(resourceName("applied")).build());
            assertEquals(PersistentResource.State.PROVISIONING, created.getState());
            // A blind retry now meets the resource the lost call created.
            assertStatus(Status.Code.UNAVAILABLE, () -> loop.resources().createPersistentResource(create("applied")));
            EmulatorStats stats = loop.emulator.stats();
            assertEquals(1, stats.persistentResourcesCreated());
            assertEquals(2, stats.rpcCount(CREATE));
            assertEquals(2, stats.faults(FaultKind.APPLIED_THEN_UNAVAILABLE));
        }
    }

    @Test
    void wildcardReachesOperationsUnlessExempt() throws Exception {
        FaultPlan everything = FaultPlan.builder().unavailable("*", 1.0).exempt(CREATE).build();
        try (Loopback loop = new Loopback(VertexAiEmulator.builder().speed(0).faults(everything))) {
            Operation op = loop.resources().createPersistentResource(create("x"));
            assertStatus(Status.Code.UNAVAILABLE, () -> loop.operations().getOperation(
                    GetOperationRequest.newBuilder().setName(op.getName()).build()));
            assertEquals(1, loop.emulator.stats().faults("google.longrunning.Operations/GetOperation"));
            assertEquals(0, loop.emulator.stats().faults(CREATE));
        }
        FaultPlan exemptOperations = FaultPlan.builder().unavailable("*", 1.0).exempt("google.longrunning.Operations/*", CREATE).build();
        try (Loopback loop = new Loopback(VertexAiEmulator.builder().speed(0).faults(exemptOperations))) {
            Operation op = loop.resources().createPersistentResource(create("x"));
            assertEquals(op.getName(), loop.operations().getOperation(GetOperationRequest.newBuilder().setName(op.getName()).build()).getName());
            assertStatus(Status.Code.UNAVAILABLE, () -> loop.resources().getPersistentResource(
                    GetPersistentResourceRequest.newBuilder().setName(resourceName("x")).build()));
            EmulatorStats stats = loop.emulator.stats();
            assertEquals(3, stats.totalRpcs());
            assertEquals(1, stats.totalFaults());
            assertEquals(1, stats.faults(FaultKind.UNAVAILABLE));
        }
    }

    @Test
    void rejectsImpossiblePlans() {
        assertThrows(IllegalArgumentException.class, () -> FaultPlan.builder().unavailable("*", 0.7).deadlineExceeded("*", 0.5).build());
        assertThrows(IllegalArgumentException.class, () -> FaultPlan.builder().unavailable("*", 1.5));
        assertThrows(IllegalArgumentException.class, () -> FaultPlan.builder().unavailable("GetPersistentResource", 0.5));
    }

    private static List<Status.Code> outcomesOfGets(FaultPlan plan, long seed) throws Exception {
        List<Status.Code> outcomes = new ArrayList<>();
        try (Loopback loop = new Loopback(VertexAiEmulator.builder().speed(0).seed(seed).faults(plan))) {
            loop.resources().createPersistentResource(create("target"));
            for (int i = 0; i < 40; i++) {
                try {
                    loop.resources().getPersistentResource(GetPersistentResourceRequest.newBuilder().setName(resourceName("target")).build());
                    outcomes.add(Status.Code.OK);
                } catch (StatusRuntimeException e) {
                    outcomes.add(e.getStatus().getCode());
                }
            }
            EmulatorStats stats = loop.emulator.stats();
            assertEquals(40, stats.rpcCount(GET));
            assertEquals(outcomes.stream().filter(c -> c != Status.Code.OK).count(), stats.faults(GET));
        }
        return outcomes;
    }
}
