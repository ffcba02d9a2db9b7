package io.jenkins.plugins.vertexai.core;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.jenkins.plugins.vertexai.core.pipeline.PersistentResourceRuntime;
import io.jenkins.plugins.vertexai.core.resource.PersistentResourceSpec;
import io.jenkins.plugins.vertexai.core.resource.PersistentResourceSpecValidator;
import io.jenkins.plugins.vertexai.core.resource.ResourcePoolSpecParser;
import org.junit.jupiter.api.Test;

/** Counts and durations past their bounds are refused before any call, with the bound in the message. */
class RequestBoundsTest {
    private static PersistentResourceSpec.Builder spec(String pool) {
        return PersistentResourceSpec.builder().persistentResourceId("pool").project("test-project").region("us-central1")
                .addResourcePool(ResourcePoolSpecParser.parse(pool));
    }

    @Test
    void hugeReplicaCountIsRefused() {
        ValidationException e = assertThrows(ValidationException.class,
                () -> PersistentResourceSpecValidator.validate(spec("replica-count=99999999999999,machine-type=n1-standard-4").build()));
        assertEquals("resourcePools[0].replicaCount", e.problems().get(0).field());
        assertTrue(e.getMessage().contains("at most " + RequestBounds.MAX_REPLICAS), e.getMessage());
        PersistentResourceSpecValidator.validate(spec("replica-count=1000,machine-type=n1-standard-4").build());
    }

    @Test
    void tooManyAcceleratorsAreRefused() {
        ValidationException e = assertThrows(ValidationException.class, () -> PersistentResourceSpecValidator.validate(
                spec("replica-count=1,machine-type=a2-highgpu-1g,accelerator-type=NVIDIA_TESLA_A100,accelerator-count=2147483647").build()));
        assertTrue(e.getMessage().contains("resourcePools[0].acceleratorCount: must be at most 16"), e.getMessage());
    }

    @Test
    void hugeTaskWaitTimeIsRefused() {
        Problems problems = new Problems();
        new PersistentResourceRuntime("pool", "99999999999h", null).toDefaultRuntime("test-project", "us-central1", problems);
        ValidationException e = assertThrows(ValidationException.class, problems::throwIfAny);
        assertEquals(PersistentResourceRuntime.WAIT_TIME_FIELD, e.problems().get(0).field());
        assertTrue(e.getMessage().contains("at most " + RequestBounds.MAX_DURATION_TEXT), e.getMessage());
    }

    @Test
    void unknownRegionIsRefusedUnlessAllowed() {
        ValidationException e = assertThrows(ValidationException.class,
                () -> PersistentResourceSpecValidator.validateLocation("test-project", "moon-central1"));
        assertTrue(e.getMessage().contains("'moon-central1' is not a Vertex AI region"), e.getMessage());
        assertTrue(e.getMessage().contains(VertexRegions.ALLOW_ENV), e.getMessage());
        PersistentResourceSpecValidator.validateLocation("test-project", "me-central2");
        VertexRegions.allow("mars-north7");
        PersistentResourceSpecValidator.validateLocation("test-project", "mars-north7");
    }

    @Test
    void anEmptyIdIsOneProblem() {
        ValidationException e = assertThrows(ValidationException.class,
                () -> PersistentResourceSpecValidator.resolveName("", "test-project", "us-central1"));
        assertEquals(1, e.problems().size(), e.getMessage());
    }
}
