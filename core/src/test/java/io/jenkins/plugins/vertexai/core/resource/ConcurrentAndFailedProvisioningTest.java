package io.jenkins.plugins.vertexai.core.resource;

import static io.jenkins.plugins.vertexai.core.EmulatorFixture.FAST;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.jenkins.plugins.vertexai.core.EmulatorFixture;
import io.jenkins.plugins.vertexai.core.async.Futures;
import io.jenkins.plugins.vertexai.core.resource.PersistentResourceResult.Outcome;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Issue 10: concurrent recreates of one id all end with exactly one resource; provisioning that ends in ERROR says
 * what it leaves, and {@code create} deletes what it created unless told to keep it.
 */
class ConcurrentAndFailedProvisioningTest {
    private static final String GPU = "replica-count=1,machine-type=a2-highgpu-1g,accelerator-type=NVIDIA_TESLA_A100,accelerator-count=1";
    private EmulatorFixture fx;

    @AfterEach
    void close() {
        fx.close();
    }

    private PersistentResourceManager start() {
        fx = new EmulatorFixture(EmulatorFixture.fastEmulator());
        return fx.engine.persistentResources(fx.connection);
    }

    private static PersistentResourceSpec spec(String id, String pool) {
        return PersistentResourceSpec.builder().persistentResourceId(id).project("test-project").region("us-central1")
                .addResourcePool(ResourcePoolSpecParser.parse(pool)).build();
    }

    private static Throwable failure(CompletableFuture<?> f) {
        return Futures.unwrap(assertThrows(CompletionException.class, f::join));
    }

    @Test
    void threeConcurrentRecreatesAllEndWithExactlyOneResource() {
        PersistentResourceManager m = start();
        PersistentResourceSpec s = spec("shared-pool", "replica-count=1,machine-type=n1-standard-4");
        m.ensure(s, new EnsureOptions(IfExists.REUSE, true, FAST), fx.listener()).join();
        long createdBefore = fx.emulator.stats().persistentResourcesCreated();

        List<CompletableFuture<PersistentResourceResult>> all = IntStream.range(0, 3)
                .mapToObj(i -> m.ensure(s, new EnsureOptions(IfExists.RECREATE, true, FAST), fx.listener())).toList();
        // FAST bounds each wait (30 s), so a caller stuck waiting for a deletion would fail here, not hang.
        List<PersistentResourceResult> results = all.stream().map(CompletableFuture::join).toList();

        results.forEach(r -> assertEquals("RUNNING", r.state(), r.toString()));
        List<PersistentResourceResult> listed = m.list("test-project", "us-central1").join();
        assertEquals(1, listed.size(), listed.toString());
        assertEquals("RUNNING", listed.get(0).state());
        long created = fx.emulator.stats().persistentResourcesCreated() - createdBefore;
        assertTrue(created >= 1 && created <= 3, "each recreate creates at most once: " + created);
        // Whoever came late may find the id free and create it (CREATED) or find another's new one (REUSED,
        // RECREATED): all three end on the same incarnation, the one listed.
        results.forEach(r -> assertEquals(listed.get(0).createTime(), r.createTime(), results.toString()));
        assertTrue(results.stream().anyMatch(r -> r.outcome() != Outcome.REUSED), "someone recreated it: " + results);
    }

    @Test
    void ensureSaysTheErrorResourceIsLeftAndWhatTheNextEnsureDoes() {
        PersistentResourceManager m = start();
        fx.emulator.stockOut("NVIDIA_TESLA_A100");
        Throwable t = failure(m.ensure(spec("a100-pool", GPU), new EnsureOptions(IfExists.REUSE, true, FAST), fx.listener()));
        assertTrue(t.getMessage().contains("is in ERROR"), t.getMessage());
        assertTrue(t.getMessage().contains("left in ERROR: the next ensure deletes it and creates it again"), t.getMessage());
        assertEquals("ERROR", m.describe(new PersistentResourceName("test-project", "us-central1", "a100-pool")).join().state());
    }

    @Test
    void createDeletesWhatItCreatedWhenProvisioningEndsInError() {
        PersistentResourceManager m = start();
        fx.emulator.stockOut("NVIDIA_TESLA_A100");
        Throwable t = failure(m.create(spec("a100-pool", GPU), new EnsureOptions(IfExists.FAIL, true, FAST), fx.listener(), false));
        assertTrue(t.getMessage().contains("is in ERROR"), t.getMessage());
        assertTrue(t.getMessage().contains("deleted again"), t.getMessage());
        assertFalse(m.find(new PersistentResourceName("test-project", "us-central1", "a100-pool")).join().isPresent(),
                "nothing is left behind");
    }

    @Test
    void createKeepsTheFailedResourceWhenAsked() {
        PersistentResourceManager m = start();
        fx.emulator.stockOut("NVIDIA_TESLA_A100");
        Throwable t = failure(m.create(spec("a100-pool", GPU), new EnsureOptions(IfExists.FAIL, true, FAST), fx.listener(), true));
        assertTrue(t.getMessage().contains("left in ERROR (keepFailed)"), t.getMessage());
        assertEquals("ERROR", m.describe(new PersistentResourceName("test-project", "us-central1", "a100-pool")).join().state());
    }
}
