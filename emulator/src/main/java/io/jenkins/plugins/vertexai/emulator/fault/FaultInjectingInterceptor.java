package io.jenkins.plugins.vertexai.emulator.fault;

import io.grpc.ForwardingServerCall;
import io.grpc.Metadata;
import io.grpc.ServerCall;
import io.grpc.ServerCallHandler;
import io.grpc.ServerInterceptor;
import io.grpc.Status;
import io.jenkins.plugins.vertexai.emulator.grpc.RpcStats;

/** Injects the faults a {@link FaultInjector} picks, and counts them. */
public final class FaultInjectingInterceptor implements ServerInterceptor {
    private final FaultInjector injector;
    private final RpcStats stats;

    public FaultInjectingInterceptor(FaultInjector injector, RpcStats stats) {
        this.injector = injector;
        this.stats = stats;
    }

    @Override
    public <Q, R> ServerCall.Listener<Q> interceptCall(ServerCall<Q, R> call, Metadata headers,
                                                       ServerCallHandler<Q, R> next) {
        String method = call.getMethodDescriptor().getFullMethodName();
        FaultKind fault = injector.next(method);
        if (fault == null) {
            return next.startCall(call, headers);
        }
        stats.recordFault(method, fault);
        return switch (fault) {
            case UNAVAILABLE -> reject(call, Status.UNAVAILABLE, "the service is currently unavailable");
            case DEADLINE_EXCEEDED -> reject(call, Status.DEADLINE_EXCEEDED, "deadline exceeded");
            case RESOURCE_EXHAUSTED -> reject(call, Status.RESOURCE_EXHAUSTED, "quota exceeded: too many requests");
            case APPLIED_THEN_UNAVAILABLE -> next.startCall(new ResponseLost<>(call), headers);
        };
    }

    private static <Q, R> ServerCall.Listener<Q> reject(ServerCall<Q, R> call, Status status, String what) {
        call.close(status.withDescription(what + " (fault injected by the Vertex AI emulator)"), new Metadata());
        return new ServerCall.Listener<>() {
        };
    }

    /** Lets the method run to completion, then drops its response and reports UNAVAILABLE instead. */
    private static final class ResponseLost<Q, R> extends ForwardingServerCall.SimpleForwardingServerCall<Q, R> {
        ResponseLost(ServerCall<Q, R> call) {
            super(call);
        }

        @Override
        public void sendMessage(R message) {
            // dropped: the change is applied, the client never learns of it
        }

        @Override
        public void close(Status status, Metadata trailers) {
            super.close(Status.UNAVAILABLE.withDescription("connection lost after the request was applied"
                    + " (fault injected by the Vertex AI emulator)"), new Metadata());
        }
    }
}
