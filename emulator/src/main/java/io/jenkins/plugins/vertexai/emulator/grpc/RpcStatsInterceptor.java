package io.jenkins.plugins.vertexai.emulator.grpc;

import io.grpc.Metadata;
import io.grpc.ServerCall;
import io.grpc.ServerCallHandler;
import io.grpc.ServerInterceptor;

/** Counts every call as it arrives, before any fault is injected, so stats show what clients really sent. */
public final class RpcStatsInterceptor implements ServerInterceptor {
    private final RpcStats stats;

    public RpcStatsInterceptor(RpcStats stats) {
        this.stats = stats;
    }

    @Override
    public <Q, R> ServerCall.Listener<Q> interceptCall(ServerCall<Q, R> call, Metadata headers,
                                                       ServerCallHandler<Q, R> next) {
        stats.recordCall(call.getMethodDescriptor().getFullMethodName());
        return next.startCall(call, headers);
    }
}
