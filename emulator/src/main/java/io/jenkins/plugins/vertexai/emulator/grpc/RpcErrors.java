package io.jenkins.plugins.vertexai.emulator.grpc;

import io.grpc.Status;
import io.grpc.StatusRuntimeException;

/** The non-validation errors the services answer with; each description says what to do about it. */
public final class RpcErrors {
    private RpcErrors() {
    }

    public static StatusRuntimeException notFound(String description) {
        return Status.NOT_FOUND.withDescription(description).asRuntimeException();
    }

    public static StatusRuntimeException alreadyExists(String description) {
        return Status.ALREADY_EXISTS.withDescription(description).asRuntimeException();
    }

    public static StatusRuntimeException failedPrecondition(String description) {
        return Status.FAILED_PRECONDITION.withDescription(description).asRuntimeException();
    }

    /** A google.rpc.Status (as stored in resources and operations) with a code and message. */
    public static com.google.rpc.Status status(Status.Code code, String message) {
        return com.google.rpc.Status.newBuilder().setCode(code.value()).setMessage(message).build();
    }
}
