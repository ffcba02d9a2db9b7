package io.jenkins.plugins.vertexai.core.resource;

import static io.jenkins.plugins.vertexai.core.EmulatorFixture.FAST;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.jenkins.plugins.vertexai.core.EmulatorFixture;
import io.jenkins.plugins.vertexai.core.ProgressEvent;
import io.jenkins.plugins.vertexai.core.ValidationException;
import io.jenkins.plugins.vertexai.core.VertexException;
import io.jenkins.plugins.vertexai.core.async.Futures;
import io.jenkins.plugins.vertexai.core.resource.PersistentResourceResult.Outcome;
import io.jenkins.plugins.vertexai.emulator.fault.FaultPlan;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The persistent-resource engine over real gRPC against the emulator, through the official client. */
class PersistentResourceManagerTest {
    private static final String CREATE = "google.cloud.aiplatform.v1.PersistentResourceService/CreatePersistentResource";
    private EmulatorFixture fx;

    @AfterEach
    void close() {
        if (fx != null) {
            fx.close();
        }
    }

    private PersistentResourceManager start(io.jenkins.plugins.vertexai.emulator.VertexAiEmulator.Builder b) {
        fx = new EmulatorFixture(b);
        return fx.engine.persistentResources(fx.connection);
    }

    private static PersistentResourceSpec.Builder spec(String id) {
        return PersistentResourceSpec.builder().persistentResourceId(id).project("test-project").region("us-central1")
                .addResourcePool(ResourcePoolSpecParser.parse("replica-count=2,machine-type=n1-standard-4"));
    }

    private static EnsureOptions fast(IfExists ifExists) {
        return new EnsureOptions(ifExists, true, FAST);
    }

    private static Throwable failure(CompletableFuture<?> f) {
        CompletionException e = assertThrows(CompletionException.class, f::join);
        return Futures.unwrap(e);
    }

    @Test
    void gcloudSpecStringsCreateAndWaitUntilRunningWithProgress() {
        PersistentResourceManager m = start(EmulatorFixture.fastEmulator());
        PersistentResourceSpec s = PersistentResourceSpec.builder().persistentResourceId("train-pool").project("test-project")
                .region("us-central1")
                .addResourcePool(ResourcePoolSpecParser.parse("replica-count=2,machine-type=n1-standard-4,accelerator-type=NVIDIA_TESLA_T4,accelerator-count=1,disk-type=pd-ssd,disk-size=200"))
                .addResourcePool(ResourcePoolSpecParser.parse("min-replica-count=1,max-replica-count=4,machine-type=e2-standard-8"))
                .build();
        PersistentResourceResult r = m.ensure(s, fast(IfExists.REUSE), fx.listener()).join();
        assertEquals(Outcome.CREATED, r.outcome());
        assertEquals("RUNNING", r.state());
        assertEquals("projects/" + fx.emulator.projectNumber("test-project") + "/locations/us-central1/persistentResources/train-pool",
                r.name(), "the service names it with the project number");
        assertEquals(2, r.pools().size());
        assertEquals("NVIDIA_TESLA_T4", r.pools().get(0).acceleratorType());
        assertEquals(0, r.pools().get(0).usedReplicaCount(), "used_replica_count counts machines running jobs: none");
        assertEquals(4L, r.pools().get(1).maxReplicaCount());
        assertTrue(r.customServiceAccount(), "enable_custom_service_account defaults to true");
        assertTrue(fx.logged(ProgressEvent.Kind.STATE, "PROVISIONING"), fx.events.toString());
        assertTrue(fx.logged(ProgressEvent.Kind.STATE, "RUNNING"), fx.events.toString());
        assertTrue(fx.events.stream().anyMatch(e -> e.kind() == ProgressEvent.Kind.PROGRESS), "progress messages: " + fx.events);
        assertTrue(fx.events.stream().anyMatch(e -> e.link() != null && e.link().startsWith("https://console.cloud.google.com/")));
        assertTrue(fx.logged(ProgressEvent.Kind.RESULT, "0 in use"), fx.events.toString());
    }

    @Test
    void configYamlCreatesTheSameWayAndExplicitValuesWin(@TempDir Path dir) throws Exception {
        PersistentResourceManager m = start(EmulatorFixture.fastEmulator());
        Path yaml = dir.resolve("pr.yaml");
        Files.writeString(yaml, """
                displayName: from-file
                labels:
                  team: ml
                resourcePoolSpecs:
                  machineSpec:
                    machineType: n1-standard-4
                  replicaCount: 1
                """);
        PersistentResourceSpec explicit = PersistentResourceSpec.builder().persistentResourceId("from-yaml")
                .project("test-project").region("us-central1").displayName("explicit-name").build();
        PersistentResourceSpec merged = PersistentResourceSpecs.merge(PersistentResourceConfigFile.read(yaml), explicit);
        PersistentResourceResult r = m.ensure(merged, fast(IfExists.REUSE), fx.listener()).join();
        assertEquals("RUNNING", r.state());
        assertEquals("explicit-name", r.displayName());
        assertEquals("n1-standard-4", r.pools().get(0).machineType());
        assertEquals(1, r.pools().get(0).replicaCount());
    }

    @Test
    void invalidSpecsFailBeforeAnyRemoteCall() {
        PersistentResourceManager m = start(EmulatorFixture.fastEmulator());
        ValidationException e = assertThrows(ValidationException.class, () -> m.ensure(
                PersistentResourceSpec.builder().persistentResourceId("Bad_Id").project("test-project").region("us-central1")
                        .addResourcePool(ResourcePoolSpec.builder().machineType("n1-standard-4").replicaCount(0L).build())
                        .label("Team", "x").build(), fast(IfExists.REUSE), fx.listener()));
        assertTrue(e.getMessage().contains("Bad_Id"), e.getMessage());
        assertTrue(e.problems().size() >= 3, e.getMessage());
        assertThrows(ValidationException.class, () -> m.create(spec("ok-id").region(null).build(), fast(IfExists.FAIL), fx.listener()));
        assertEquals(0, fx.emulator.stats().totalRpcs(), "no RPC may be sent for invalid input");
    }

    @Test
    void ensureReusesWarnsOnDriftFailsOrRecreatesByPolicy() {
        PersistentResourceManager m = start(EmulatorFixture.fastEmulator());
        PersistentResourceResult first = m.ensure(spec("shared").build(), fast(IfExists.REUSE), fx.listener()).join();
        assertEquals(Outcome.CREATED, first.outcome());

        PersistentResourceSpec bigger = spec("shared").resourcePools(java.util.List.of(
                ResourcePoolSpecParser.parse("replica-count=3,machine-type=n1-standard-4"))).build();
        fx.events.clear();
        PersistentResourceResult reused = m.ensure(bigger, fast(IfExists.REUSE), fx.listener()).join();
        assertEquals(Outcome.REUSED, reused.outcome());
        assertEquals(2, reused.pools().get(0).replicaCount(), "reuse leaves the resource as it is");
        assertTrue(fx.logged(ProgressEvent.Kind.WARNING, "replicaCount"), fx.events.toString());

        Throwable fail = failure(m.ensure(bigger, fast(IfExists.FAIL), fx.listener()));
        assertInstanceOf(VertexException.class, fail);
        assertTrue(fail.getMessage().contains("already exists"), fail.getMessage());

        PersistentResourceResult recreated = m.ensure(bigger, fast(IfExists.RECREATE), fx.listener()).join();
        assertEquals(Outcome.RECREATED, recreated.outcome());
        assertEquals(3, recreated.pools().get(0).replicaCount());
        assertEquals(2, fx.emulator.stats().persistentResourcesCreated());
        assertEquals(1, m.list("test-project", "us-central1").join().size());
    }

    @Test
    void twoEnsuresAtOnceBothGetTheOneResource() {
        PersistentResourceManager m = start(EmulatorFixture.fastEmulator());
        var a = m.ensure(spec("raced").build(), fast(IfExists.REUSE), fx.listener());
        var b = m.ensure(spec("raced").build(), fast(IfExists.REUSE), fx.listener());
        assertEquals("RUNNING", a.join().state());
        assertEquals("RUNNING", b.join().state());
        assertEquals(1, fx.emulator.stats().persistentResourcesCreated());
    }

    @Test
    void createOfAnExistingResourceFailsLikeGcloud() {
        PersistentResourceManager m = start(EmulatorFixture.fastEmulator());
        m.create(spec("once").build(), fast(IfExists.FAIL), fx.listener()).join();
        Throwable t = failure(m.create(spec("once").build(), fast(IfExists.FAIL), fx.listener()));
        assertTrue(t.getMessage().contains("ALREADY_EXISTS"), t.getMessage());
    }

    @Test
    void provisioningErrorEndsTheWaitWithTheServerMessage() {
        PersistentResourceManager m = start(EmulatorFixture.fastEmulator());
        fx.emulator.stockOut("NVIDIA_TESLA_A100");
        PersistentResourceSpec gpu = PersistentResourceSpec.builder().persistentResourceId("a100-pool").project("test-project")
                .region("us-central1").addResourcePool(ResourcePoolSpecParser.parse(
                        "replica-count=1,machine-type=a2-highgpu-1g,accelerator-type=NVIDIA_TESLA_A100,accelerator-count=1")).build();
        Throwable t = failure(m.ensure(gpu, fast(IfExists.REUSE), fx.listener()));
        assertInstanceOf(VertexException.class, t);
        assertTrue(t.getMessage().contains("ERROR"), t.getMessage());
        assertTrue(fx.logged(ProgressEvent.Kind.STATE, "ERROR"), fx.events.toString());
    }

    @Test
    void ensureReplacesAResourceLeftInError() {
        PersistentResourceManager m = start(EmulatorFixture.fastEmulator());
        fx.emulator.failProvisioning("flaky-.*", "simulated zone stock-out");
        assertThrows(CompletionException.class, () -> m.ensure(spec("flaky-1").build(), fast(IfExists.REUSE), fx.listener()).join());
        // The scripted failure keeps matching the id, so the replacement fails too: what counts is that ensure
        // deleted the broken resource and created it again rather than reusing it.
        fx.events.clear();
        assertThrows(CompletionException.class, () -> m.ensure(spec("flaky-1").build(), fast(IfExists.REUSE), fx.listener()).join());
        assertTrue(fx.logged(ProgressEvent.Kind.WARNING, "in ERROR"), fx.events.toString());
        assertEquals(2, fx.emulator.stats().persistentResourcesCreated());
    }

    @Test
    void rebootRecoversAResourceInError() {
        // The service reboots a resource that is RUNNING or in ERROR; a reboot is how one recovers from ERROR.
        PersistentResourceManager m = start(EmulatorFixture.fastEmulator());
        fx.emulator.failProvisioning("broken", "simulated zone stock-out");
        assertThrows(CompletionException.class, () -> m.ensure(spec("broken").build(), fast(IfExists.FAIL), fx.listener()).join());
        PersistentResourceName name = PersistentResourceName.parse("n", "projects/test-project/locations/us-central1/persistentResources/broken");
        assertEquals("ERROR", m.describe(name).join().state());
        PersistentResourceResult rebooted = m.reboot(name, fast(IfExists.REUSE), fx.listener()).join();
        assertEquals("RUNNING", rebooted.state());
        assertEquals(PersistentResourceResult.Outcome.REBOOTED, rebooted.outcome());
        assertEquals(1, fx.emulator.stats().persistentResourcesCreated());
    }

    @Test
    void waitTimesOutAndLeavesTheResource() {
        PersistentResourceManager m = start(EmulatorFixture.fastEmulator().speed(1).provisioningTime(Duration.ofHours(1)));
        EnsureOptions shortWait = new EnsureOptions(IfExists.REUSE, true, FAST.withTimeout(Duration.ofMillis(300)));
        Throwable t = failure(m.ensure(spec("slow").build(), shortWait, fx.listener()));
        assertTrue(t.getMessage().contains("timed out"), t.getMessage());
        assertEquals("PROVISIONING", m.describe(PersistentResourceName.parse("n", "projects/test-project/locations/us-central1/persistentResources/slow")).join().state());
    }

    @Test
    void cancellingTheFutureStopsPolling() throws Exception {
        PersistentResourceManager m = start(EmulatorFixture.fastEmulator().speed(1).provisioningTime(Duration.ofHours(1)));
        CompletableFuture<PersistentResourceResult> f = m.ensure(spec("cancelled").build(), fast(IfExists.REUSE), fx.listener());
        long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        while (!fx.logged(ProgressEvent.Kind.STATE, "PROVISIONING") && System.nanoTime() < deadline) {
            Thread.onSpinWait();
        }
        f.cancel(true);
        long before = fx.emulator.stats().totalRpcs();
        Thread.sleep(400); // several poll intervals: none may happen
        assertTrue(fx.emulator.stats().totalRpcs() <= before + 2, "polls went on after cancel");
        assertTrue(f.isCancelled());
    }

    @Test
    void deleteWaitsUntilGoneAndAnAbsentResourceIsFine() {
        PersistentResourceManager m = start(EmulatorFixture.fastEmulator());
        PersistentResourceResult r = m.ensure(spec("to-delete").build(), fast(IfExists.REUSE), fx.listener()).join();
        PersistentResourceName name = PersistentResourceName.parse("n", r.name());
        PersistentResourceResult deleted = m.delete(name, fast(IfExists.REUSE), fx.listener()).join();
        assertEquals(Outcome.DELETED, deleted.outcome());
        assertEquals(PersistentResourceResult.GONE, deleted.state());
        assertTrue(fx.logged(ProgressEvent.Kind.STATE, "STOPPING"), fx.events.toString());
        fx.events.clear();
        PersistentResourceResult again = m.delete(name, fast(IfExists.REUSE), fx.listener()).join();
        assertEquals(Outcome.ABSENT, again.outcome());
        assertTrue(fx.logged(ProgressEvent.Kind.RESULT, "does not exist"), fx.events.toString());
        assertEquals(0, m.list("test-project", "us-central1").join().size());
    }

    @Test
    void rebootGoesThroughRebootingBackToRunning() {
        PersistentResourceManager m = start(EmulatorFixture.fastEmulator());
        PersistentResourceResult r = m.ensure(spec("rebooted").build(), fast(IfExists.REUSE), fx.listener()).join();
        fx.events.clear();
        PersistentResourceResult rebooted = m.reboot(PersistentResourceName.parse("n", r.name()), fast(IfExists.REUSE), fx.listener()).join();
        assertEquals(Outcome.REBOOTED, rebooted.outcome());
        assertEquals("RUNNING", rebooted.state());
        assertTrue(fx.logged(ProgressEvent.Kind.STATE, "REBOOTING"), fx.events.toString());
    }

    @Test
    void underInjectedFaultsEnsureStillEndsRunningWithExactlyOneResource() {
        FaultPlan faults = FaultPlan.builder().unavailable(FaultPlan.ALL_METHODS, 0.20).deadlineExceeded(FaultPlan.ALL_METHODS, 0.05)
                .appliedThenUnavailable(CREATE, 0.5).build();
        PersistentResourceManager m = start(EmulatorFixture.fastEmulator().seed(20251129L).faults(faults));
        PersistentResourceResult r = m.ensure(spec("faulty").build(), fast(IfExists.REUSE), fx.listener()).join();
        assertEquals("RUNNING", r.state());
        assertEquals(1, fx.emulator.stats().persistentResourcesCreated(), "exactly one resource");
        assertTrue(fx.emulator.stats().totalFaults() > 0, "faults were injected");
        assertTrue(fx.events.stream().anyMatch(e -> e.kind() == ProgressEvent.Kind.RETRY), "retries are logged");
        assertEquals(1, m.list("test-project", "us-central1").join().size());
    }
}
