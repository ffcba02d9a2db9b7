package io.jenkins.plugins.vertexai.emulator.auth;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.cloud.aiplatform.v1.CreatePersistentResourceRequest;
import com.google.logging.v2.ListLogEntriesRequest;
import com.google.rpc.ErrorInfo;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.grpc.protobuf.StatusProto;
import org.junit.jupiter.api.Test;

class PermissionsTest {
    @Test
    void vertexMethodsNeedAiplatformPermissionsOnTheirParent() {
        StatusRuntimeException e = BearerTokenInterceptor.permissionDenied(
                "google.cloud.aiplatform.v1.PersistentResourceService/CreatePersistentResource",
                CreatePersistentResourceRequest.newBuilder().setParent("projects/p/locations/us-central1").build());
        assertEquals(Status.Code.PERMISSION_DENIED, e.getStatus().getCode());
        assertEquals("Permission 'aiplatform.persistentResources.create' denied on resource "
                + "'//aiplatform.googleapis.com/projects/p/locations/us-central1' (or it may not exist).", e.getStatus().getDescription());
    }

    @Test
    void cloudLoggingListsNeedLoggingPermissionsOnTheFirstResourceName() throws Exception {
        StatusRuntimeException e = BearerTokenInterceptor.permissionDenied("google.logging.v2.LoggingServiceV2/ListLogEntries",
                ListLogEntriesRequest.newBuilder().addResourceNames("projects/p").build());
        assertEquals("Permission 'logging.logEntries.list' denied on resource '//logging.googleapis.com/projects/p' "
                + "(or it may not exist).", e.getStatus().getDescription());
        ErrorInfo info = StatusProto.fromThrowable(e).getDetails(0).unpack(ErrorInfo.class);
        assertEquals("logging.googleapis.com", info.getDomain());
        assertEquals("logging.logEntries.list", info.getMetadataOrThrow("permission"));
        assertTrue(Permissions.resource(ListLogEntriesRequest.getDefaultInstance()).isEmpty());
    }
}
