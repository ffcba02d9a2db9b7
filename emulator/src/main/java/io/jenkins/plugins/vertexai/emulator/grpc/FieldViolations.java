package io.jenkins.plugins.vertexai.emulator.grpc;

import com.google.protobuf.Any;
import com.google.rpc.BadRequest;
import com.google.rpc.Code;
import io.grpc.StatusRuntimeException;
import io.grpc.protobuf.StatusProto;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;

/**
 * Collects invalid request fields and reports them together, like the service: INVALID_ARGUMENT whose description
 * names each field, plus a {@code google.rpc.BadRequest} detail that clients can read field by field.
 */
public final class FieldViolations {
    private final List<BadRequest.FieldViolation> violations = new ArrayList<>();

    public FieldViolations add(String field, String description) {
        violations.add(BadRequest.FieldViolation.newBuilder().setField(field).setDescription(description).build());
        return this;
    }

    public int size() {
        return violations.size();
    }

    public boolean isEmpty() {
        return violations.isEmpty();
    }

    public void throwIfAny() {
        if (!violations.isEmpty()) {
            throw toException();
        }
    }

    public static StatusRuntimeException single(String field, String description) {
        return new FieldViolations().add(field, description).toException();
    }

    private StatusRuntimeException toException() {
        String message = violations.stream().map(v -> v.getField() + ": " + v.getDescription())
                .collect(Collectors.joining("; "));
        com.google.rpc.Status status = com.google.rpc.Status.newBuilder()
                .setCode(Code.INVALID_ARGUMENT_VALUE)
                .setMessage(message)
                .addDetails(Any.pack(BadRequest.newBuilder().addAllFieldViolations(violations).build()))
                .build();
        return StatusProto.toStatusRuntimeException(status);
    }
}
