package io.jenkins.plugins.vertexai.core;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.api.gax.grpc.GrpcStatusCode;
import com.google.api.gax.rpc.ApiException;
import com.google.api.gax.rpc.ApiExceptionFactory;
import io.grpc.Status;
import java.util.concurrent.CompletionException;
import org.junit.jupiter.api.Test;

class VertexErrorsTest {
    private static ApiException rpc(Status.Code code, String text) {
        return ApiExceptionFactory.createException(Status.fromCode(code).withDescription(text).asRuntimeException(),
                GrpcStatusCode.of(code), false);
    }

    @Test
    void transientCodesAreRetriedOthersAreNot() {
        assertTrue(VertexErrors.isTransient(rpc(Status.Code.UNAVAILABLE, "x")));
        assertTrue(VertexErrors.isTransient(rpc(Status.Code.DEADLINE_EXCEEDED, "x")));
        assertTrue(VertexErrors.isTransient(new CompletionException(rpc(Status.Code.RESOURCE_EXHAUSTED, "x"))));
        assertFalse(VertexErrors.isTransient(rpc(Status.Code.PERMISSION_DENIED, "x")));
        assertFalse(VertexErrors.isTransient(rpc(Status.Code.INVALID_ARGUMENT, "x")));
        assertFalse(VertexErrors.isTransient(new IllegalStateException("not an RPC")));
    }

    @Test
    void permissionDeniedNamesTheRoleAndPermission() {
        RuntimeException e = VertexErrors.describe("create persistent resource projects/p/locations/l/persistentResources/x",
                rpc(Status.Code.PERMISSION_DENIED, "Permission 'aiplatform.persistentResources.create' denied"));
        assertTrue(e instanceof VertexException);
        assertEquals("PERMISSION_DENIED", ((VertexException) e).code());
        assertTrue(e.getMessage().startsWith("could not create persistent resource"), e.getMessage());
        assertTrue(e.getMessage().contains("Permission 'aiplatform.persistentResources.create' denied"), "the server's text");
        assertTrue(e.getMessage().contains("roles/aiplatform.admin"), e.getMessage());
        assertFalse(e.getMessage().contains("StatusRuntimeException"), "no transport noise: " + e.getMessage());
    }

    @Test
    void permissionHintsFitTheCall() {
        RuntimeException e = VertexErrors.describe("submit pipeline job projects/p/locations/l/pipelineJobs/j",
                rpc(Status.Code.PERMISSION_DENIED, "denied"));
        assertTrue(e.getMessage().contains("aiplatform.pipelineJobs") && !e.getMessage().contains("persistentResources.create"), e.getMessage());
    }

    @Test
    void validationAndVertexExceptionsPassThrough() {
        ValidationException v = ValidationException.of("region", "is required");
        assertSame(v, VertexErrors.describe("x", new CompletionException(v)));
        VertexException x = new VertexException("already explained");
        assertSame(x, VertexErrors.describe("x", x));
    }
}
