package io.jenkins.plugins.vertexai.core.resource;

import static io.jenkins.plugins.vertexai.core.EmulatorFixture.FAST;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.jenkins.plugins.vertexai.core.EmulatorFixture;
import io.jenkins.plugins.vertexai.core.ProgressListener;
import io.jenkins.plugins.vertexai.core.async.WatchSettings;
import io.jenkins.plugins.vertexai.emulator.EmulatorStats;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Persistent-resource waits share one ListPersistentResources per region and interval, over real gRPC. */
class PersistentResourceWatcherTest {
    private static final String SERVICE = "google.cloud.aiplatform.v1.PersistentResourceService/";
    private EmulatorFixture fx;

    @AfterEach
    void close() {
        if (fx != null) {
            fx.close();
        }
    }

    @Test
    void waitsForManyResourcesListInsteadOfGettingEach() {
        // 200 ms intervals against provisioning of 0.5 s real: a few lists per wait, whatever the number of waits.
        fx = new EmulatorFixture(EmulatorFixture.fastEmulator(), EmulatorFixture.FAST_WATCH.withInterval(Duration.ofMillis(200)));
        PersistentResourceManager m = fx.engine.persistentResources(fx.connection);
        List<CompletableFuture<PersistentResourceResult>> ensures = new ArrayList<>();
        for (int i = 0; i < 6; i++) {
            ensures.add(m.ensure(PersistentResourceSpec.builder().persistentResourceId("pool-" + i).project("test-project")
                    .region("us-central1").addResourcePool(ResourcePoolSpecParser.parse("replica-count=1,machine-type=n1-standard-4"))
                    .build(), new EnsureOptions(IfExists.REUSE, true, FAST), ProgressListener.NONE));
        }
        ensures.forEach(e -> assertEquals("RUNNING", e.join().state()));
        EmulatorStats s = fx.emulator.stats();
        long lists = s.rpcCount(SERVICE + "ListPersistentResources");
        long gets = s.rpcCount(SERVICE + "GetPersistentResource");
        // Each ensure looks once before creating; the waits then read the list, which every wait shares.
        assertEquals(6, gets, s.rpcCounts().toString());
        assertTrue(lists >= 1 && lists == fx.engine.watchStats().lists(), s.rpcCounts().toString());
        assertTrue(lists < 6 * 3, "lists are per interval, not per wait: " + s.rpcCounts());
    }

    @Test
    void aResourceDeletedWhileWaitedForIsReportedGone() {
        fx = new EmulatorFixture(EmulatorFixture.fastEmulator(), WatchSettings.DEFAULT.withInterval(Duration.ofMillis(50)).withRequestsPerMinute(0));
        PersistentResourceManager m = fx.engine.persistentResources(fx.connection);
        PersistentResourceResult r = m.ensure(PersistentResourceSpec.builder().persistentResourceId("gone").project("test-project")
                .region("us-central1").addResourcePool(ResourcePoolSpecParser.parse("replica-count=1,machine-type=n1-standard-4"))
                .build(), new EnsureOptions(IfExists.REUSE, true, FAST), ProgressListener.NONE).join();
        PersistentResourceResult deleted = m.delete(PersistentResourceName.parse("n", r.name()), new EnsureOptions(IfExists.REUSE, true, FAST),
                ProgressListener.NONE).join();
        assertEquals(PersistentResourceResult.Outcome.DELETED, deleted.outcome());
        assertTrue(fx.emulator.stats().rpcCount(SERVICE + "ListPersistentResources") >= 1);
    }
}
