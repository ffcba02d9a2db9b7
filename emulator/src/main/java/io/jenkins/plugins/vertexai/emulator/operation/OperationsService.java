package io.jenkins.plugins.vertexai.emulator.operation;

import com.google.longrunning.CancelOperationRequest;
import com.google.longrunning.DeleteOperationRequest;
import com.google.longrunning.GetOperationRequest;
import com.google.longrunning.ListOperationsRequest;
import com.google.longrunning.ListOperationsResponse;
import com.google.longrunning.Operation;
import com.google.longrunning.OperationsGrpc;
import com.google.longrunning.WaitOperationRequest;
import com.google.protobuf.Empty;
import io.grpc.StatusRuntimeException;
import io.grpc.stub.StreamObserver;
import io.jenkins.plugins.vertexai.emulator.clock.SimulatedClock;
import io.jenkins.plugins.vertexai.emulator.project.ProjectNumbers;
import io.jenkins.plugins.vertexai.emulator.grpc.FieldViolations;
import io.jenkins.plugins.vertexai.emulator.grpc.Paging;
import io.jenkins.plugins.vertexai.emulator.grpc.RpcErrors;
import io.jenkins.plugins.vertexai.emulator.grpc.Unary;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

/** {@code google.longrunning.Operations} over the emulator's operations, which the official clients poll. */
public final class OperationsService extends OperationsGrpc.OperationsImplBase {
    /** Without a timeout, WaitOperation is bounded by the caller's deadline, and by this. */
    static final Duration MAX_WAIT = Duration.ofHours(1);

    private final OperationStore operations;
    private final OperationWaiters waiters;
    private final SimulatedClock clock;

    private final ProjectNumbers projects;

    public OperationsService(OperationStore operations, OperationWaiters waiters, SimulatedClock clock,
                             ProjectNumbers projects) {
        this.projects = projects;
        this.operations = operations;
        this.waiters = waiters;
        this.clock = clock;
    }

    @Override
    public void getOperation(GetOperationRequest request, StreamObserver<Operation> observer) {
        Unary.respond(observer, () -> find(request.getName()).snapshot(clock.now()));
    }

    @Override
    public void listOperations(ListOperationsRequest request, StreamObserver<ListOperationsResponse> observer) {
        Unary.respond(observer, () -> {
            Boolean done = parseFilter(request.getFilter());
            Instant now = clock.now();
            List<Listed> matching = operations.under(projects.canonical(request.getName())).stream()
                    .map(e -> new Listed(e.sequence(), e.operation().snapshot(now)))
                    .filter(listed -> done == null || listed.operation().getDone() == done)
                    .toList();
            Paging.Page<Listed> page = Paging.page(matching, Listed::sequence, false, request.getPageSize(),
                    request.getPageToken(), request.getName() + "|" + request.getFilter());
            return ListOperationsResponse.newBuilder()
                    .addAllOperations(page.items().stream().map(Listed::operation).toList())
                    .setNextPageToken(page.nextPageToken())
                    .build();
        });
    }

    private record Listed(long sequence, Operation operation) {
    }

    @Override
    public void cancelOperation(CancelOperationRequest request, StreamObserver<Empty> observer) {
        Unary.respond(observer, () -> {
            find(request.getName()).cancel(clock.now());
            waiters.recheckAllLater();
            return Empty.getDefaultInstance();
        });
    }

    @Override
    public void deleteOperation(DeleteOperationRequest request, StreamObserver<Empty> observer) {
        Unary.respond(observer, () -> {
            if (!operations.remove(projects.canonical(request.getName()))) {
                throw notFound(request.getName());
            }
            return Empty.getDefaultInstance();
        });
    }

    @Override
    public void waitOperation(WaitOperationRequest request, StreamObserver<Operation> observer) {
        SimulatedOperation operation;
        Duration timeout = MAX_WAIT;
        try {
            operation = find(request.getName());
            if (request.hasTimeout()) {
                timeout = Duration.ofSeconds(request.getTimeout().getSeconds(), request.getTimeout().getNanos());
                if (timeout.isNegative()) {
                    throw FieldViolations.single("timeout", "must not be negative");
                }
            }
        } catch (StatusRuntimeException e) {
            observer.onError(e);
            return;
        }
        waiters.await(operation, timeout.compareTo(MAX_WAIT) > 0 ? MAX_WAIT : timeout, observer);
    }

    private SimulatedOperation find(String name) {
        return operations.find(projects.canonical(name)).orElseThrow(() -> notFound(name));
    }

    private static RuntimeException notFound(String name) {
        return RpcErrors.notFound("Operation " + name + " not found");
    }

    /** Supports the one filter that makes sense here, {@code done=true|false}; empty means all. */
    private static Boolean parseFilter(String filter) {
        String f = filter.replace(" ", "");
        return switch (f) {
            case "" -> null;
            case "done=true" -> Boolean.TRUE;
            case "done=false" -> Boolean.FALSE;
            default -> throw FieldViolations.single("filter", "unsupported filter '" + filter
                    + "'; the emulator supports done=true and done=false");
        };
    }
}
