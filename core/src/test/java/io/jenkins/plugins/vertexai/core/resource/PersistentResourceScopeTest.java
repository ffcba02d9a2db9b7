package io.jenkins.plugins.vertexai.core.resource;

import static io.jenkins.plugins.vertexai.core.EmulatorFixture.FAST;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.jenkins.plugins.vertexai.core.EmulatorFixture;
import io.jenkins.plugins.vertexai.core.ValidationException;
import io.jenkins.plugins.vertexai.core.resource.PersistentResourceResult.Outcome;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Block-scoped resources: ensured on entry, deleted or kept on exit by policy and by the block's outcome. */
class PersistentResourceScopeTest {
    private final EmulatorFixture fx = new EmulatorFixture(EmulatorFixture.fastEmulator());
    private final EnsureOptions options = new EnsureOptions(IfExists.REUSE, true, FAST);

    @AfterEach
    void close() {
        fx.close();
    }

    private PersistentResourceResult openAndClose(String id, KeepPolicy keep, boolean blockFailed) {
        PersistentResourceScope scope = new PersistentResourceScope(fx.engine.persistentResources(fx.connection), keep);
        PersistentResourceSpec spec = PersistentResourceSpec.builder().persistentResourceId(id).project("test-project")
                .region("us-central1").addResourcePool(ResourcePoolSpecParser.parse("replica-count=1,machine-type=n1-standard-4")).build();
        java.util.List<Boolean> reused = new java.util.ArrayList<>();
        PersistentResourceResult opened = scope.open(spec, options, fx.listener(), reused::add).join();
        assertEquals("RUNNING", opened.state());
        assertEquals(1, reused.size(), "told once whether it was there before");
        return scope.close(PersistentResourceName.parse("n", opened.name()), blockFailed, reused.get(0), options, fx.listener()).join();
    }

    @Test
    void byDefaultWhatTheBlockCreatedIsDeletedAndWhatItFoundIsKept() {
        assertEquals(Outcome.DELETED, openAndClose("default-ok", KeepPolicy.IF_REUSED, false).outcome());
        assertEquals(Outcome.DELETED, openAndClose("default-failed", KeepPolicy.IF_REUSED, true).outcome());
        openAndClose("shared", KeepPolicy.ALWAYS, false); // another build's, left running
        PersistentResourceResult kept = openAndClose("shared", KeepPolicy.IF_REUSED, false);
        assertEquals("RUNNING", kept.state());
        assertTrue(fx.events.stream().anyMatch(e -> e.message().contains("kept: it existed before this block")), fx.events.toString());
        assertEquals("RUNNING", openAndClose("shared", KeepPolicy.ON_FAILURE, false).state(), "onFailure does not delete it either");
        assertEquals(Outcome.DELETED, openAndClose("shared", KeepPolicy.NEVER, false).outcome(), "keep: 'never' asks for it explicitly");
        assertTrue(fx.events.stream().anyMatch(e -> e.message().contains("existed before this block and is deleted now")), fx.events.toString());
    }

    @Test
    void reusedMeansUsedAsItWas() {
        PersistentResourceResult running = new PersistentResourceResult("projects/p/locations/us-central1/persistentResources/r",
                Outcome.DESCRIBED, "RUNNING", null, java.util.List.of(), false, null, null, null, null, null, null);
        PersistentResourceResult broken = new PersistentResourceResult(running.name(), Outcome.DESCRIBED, "ERROR", null,
                java.util.List.of(), false, null, null, null, null, null, null);
        assertTrue(PersistentResourceScope.reuses(java.util.Optional.of(running), IfExists.REUSE));
        assertFalse(PersistentResourceScope.reuses(java.util.Optional.empty(), IfExists.REUSE));
        assertFalse(PersistentResourceScope.reuses(java.util.Optional.of(running), IfExists.RECREATE), "recreated by the block");
        assertFalse(PersistentResourceScope.reuses(java.util.Optional.of(broken), IfExists.REUSE), "replaced by the block");
        assertTrue(PersistentResourceScope.reuses(java.util.Optional.of(running), IfExists.FAIL), "refused, so never deleted");
    }

    @Test
    void neverKeepsDeletesAfterSuccessAndFailure() {
        assertEquals(Outcome.DELETED, openAndClose("never-ok", KeepPolicy.NEVER, false).outcome());
        assertEquals(Outcome.DELETED, openAndClose("never-failed", KeepPolicy.NEVER, true).outcome());
        assertEquals(0, fx.engine.persistentResources(fx.connection).list("test-project", "us-central1").join().size());
    }

    @Test
    void onFailureKeepsOnlyAFailedBlocksResource() {
        assertEquals(Outcome.DELETED, openAndClose("onfail-ok", KeepPolicy.ON_FAILURE, false).outcome());
        PersistentResourceResult kept = openAndClose("onfail-failed", KeepPolicy.ON_FAILURE, true);
        assertEquals("RUNNING", kept.state());
        assertTrue(fx.events.stream().anyMatch(e -> e.message().contains("kept (keep: onFailure, the block failed)")), fx.events.toString());
    }

    @Test
    void alwaysKeeps() {
        assertEquals("RUNNING", openAndClose("always", KeepPolicy.ALWAYS, false).state());
    }

    @Test
    void aResourceThatFailsToComeUpIsDeletedUnlessKept() {
        fx.emulator.failProvisioning("broken-.*", "simulated stock-out");
        PersistentResourceManager m = fx.engine.persistentResources(fx.connection);
        PersistentResourceSpec spec = PersistentResourceSpec.builder().persistentResourceId("broken-1").project("test-project")
                .region("us-central1").addResourcePool(ResourcePoolSpecParser.parse("replica-count=1,machine-type=n1-standard-4")).build();
        var never = new PersistentResourceScope(m, KeepPolicy.NEVER).open(spec, options, fx.listener());
        Throwable t = assertThrows(java.util.concurrent.CompletionException.class, never::join).getCause();
        assertTrue(t.getMessage().contains("ERROR"), "the original failure: " + t.getMessage());
        assertEquals(0, m.list("test-project", "us-central1").join().size(), "nothing left running");

        var onFailure = new PersistentResourceScope(m, KeepPolicy.ON_FAILURE).open(spec, options, fx.listener());
        assertThrows(java.util.concurrent.CompletionException.class, onFailure::join);
        assertEquals(1, m.list("test-project", "us-central1").join().size(), "kept for a look");
    }

    @Test
    void aResourceThatWasThereBeforeIsNotDeletedWhenItFailsToComeUp() {
        fx.emulator.failProvisioning("others-.*", "simulated stock-out");
        PersistentResourceManager m = fx.engine.persistentResources(fx.connection);
        PersistentResourceSpec spec = PersistentResourceSpec.builder().persistentResourceId("others-1").project("test-project")
                .region("us-central1").addResourcePool(ResourcePoolSpecParser.parse("replica-count=1,machine-type=n1-standard-4")).build();
        m.ensure(spec, options.withWait(false), fx.listener()).join(); // another build's, still provisioning
        var f = new PersistentResourceScope(m, KeepPolicy.NEVER).open(spec, options, fx.listener());
        assertThrows(java.util.concurrent.CompletionException.class, f::join);
        assertEquals(1, m.list("test-project", "us-central1").join().size(), "not ours to delete");
    }

    @Test
    void anExistingResourceRefusedByIfExistsFailIsNotDeleted() {
        PersistentResourceManager m = fx.engine.persistentResources(fx.connection);
        openAndCloseKeeping("someone-elses");
        PersistentResourceSpec spec = PersistentResourceSpec.builder().persistentResourceId("someone-elses").project("test-project")
                .region("us-central1").addResourcePool(ResourcePoolSpecParser.parse("replica-count=1,machine-type=n1-standard-4")).build();
        var f = new PersistentResourceScope(m, KeepPolicy.NEVER).open(spec, options.withIfExists(IfExists.FAIL), fx.listener());
        assertThrows(java.util.concurrent.CompletionException.class, f::join);
        assertEquals("RUNNING", m.list("test-project", "us-central1").join().get(0).state());
    }

    private void openAndCloseKeeping(String id) {
        openAndClose(id, KeepPolicy.ALWAYS, false);
    }

    @Test
    void cancellingOpenStopsTheEnsureAndDeletesNothing() throws Exception {
        fx.close();
        try (EmulatorFixture slow = new EmulatorFixture(EmulatorFixture.fastEmulator().speed(1).provisioningTime(java.time.Duration.ofHours(1)))) {
            PersistentResourceManager m = slow.engine.persistentResources(slow.connection);
            PersistentResourceSpec spec = PersistentResourceSpec.builder().persistentResourceId("cancelled-open").project("test-project")
                    .region("us-central1").addResourcePool(ResourcePoolSpecParser.parse("replica-count=1,machine-type=n1-standard-4")).build();
            var f = new PersistentResourceScope(m, KeepPolicy.NEVER).open(spec, options, slow.listener());
            long deadline = System.nanoTime() + 10_000_000_000L;
            while (!slow.logged(io.jenkins.plugins.vertexai.core.ProgressEvent.Kind.STATE, "PROVISIONING") && System.nanoTime() < deadline) {
                Thread.onSpinWait();
            }
            f.cancel(true);
            long before = slow.emulator.stats().totalRpcs();
            Thread.sleep(400);
            assertTrue(slow.emulator.stats().totalRpcs() <= before + 2, "polling went on after cancel");
            assertEquals("PROVISIONING", m.list("test-project", "us-central1").join().get(0).state(), "the caller decides what to delete");
        }
    }

    @Test
    void keepPolicyParsesTheStepsSpellings() {
        assertEquals(KeepPolicy.ON_FAILURE, KeepPolicy.parse("keep", "onFailure"));
        assertEquals(KeepPolicy.ON_FAILURE, KeepPolicy.parse("keep", "on-failure"));
        assertEquals(KeepPolicy.IF_REUSED, KeepPolicy.parse("keep", null));
        assertEquals(KeepPolicy.IF_REUSED, KeepPolicy.parse("keep", "ifReused"));
        assertEquals(KeepPolicy.NEVER, KeepPolicy.parse("keep", "never"));
        ValidationException e = assertThrows(ValidationException.class, () -> KeepPolicy.parse("keep", "sometimes"));
        assertTrue(e.getMessage().contains("keep") && e.getMessage().contains("onFailure"), e.getMessage());
        assertFalse(KeepPolicy.ALWAYS.deletes(false, false));
        assertTrue(KeepPolicy.NEVER.deletes(false, true));
        assertFalse(KeepPolicy.IF_REUSED.deletes(true, true));
        assertTrue(KeepPolicy.IF_REUSED.deletes(true, false));
    }
}
