package io.jenkins.plugins.vertexai.core;

import static io.jenkins.plugins.vertexai.core.EmulatorFixture.FAST;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.jenkins.plugins.vertexai.core.async.Futures;
import io.jenkins.plugins.vertexai.core.resource.EnsureOptions;
import io.jenkins.plugins.vertexai.core.resource.IfExists;
import io.jenkins.plugins.vertexai.core.resource.PersistentResourceResult;
import io.jenkins.plugins.vertexai.core.resource.PersistentResourceSpec;
import io.jenkins.plugins.vertexai.core.resource.ResourcePoolSpecParser;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** Shutting the engine down ends what is in flight instead of leaving callers waiting for ever. */
class EngineShutdownTest {
    @Test
    void closingTheEngineEndsAWaitInFlight() throws Exception {
        try (EmulatorFixture fx = new EmulatorFixture(EmulatorFixture.fastEmulator().speed(1).provisioningTime(Duration.ofHours(1)))) {
            PersistentResourceSpec spec = PersistentResourceSpec.builder().persistentResourceId("slow").project("test-project")
                    .region("us-central1").addResourcePool(ResourcePoolSpecParser.parse("replica-count=1,machine-type=n1-standard-4")).build();
            CompletableFuture<PersistentResourceResult> f = fx.engine.persistentResources(fx.connection)
                    .ensure(spec, new EnsureOptions(IfExists.REUSE, true, FAST.withTimeout(Duration.ofHours(1))), fx.listener());
            long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
            while (!fx.logged(ProgressEvent.Kind.STATE, "PROVISIONING") && System.nanoTime() < deadline) {
                Thread.onSpinWait();
            }
            assertEquals(1, fx.engine.chains().size());
            fx.engine.close();
            ExecutionException e = assertThrows(ExecutionException.class, () -> f.get(5, TimeUnit.SECONDS));
            assertInstanceOf(VertexException.class, Futures.unwrap(e));
            assertTrue(e.getCause().getMessage().contains("shut down"), e.getCause().getMessage());
            assertEquals(0, fx.engine.chains().size());
        }
    }
}
