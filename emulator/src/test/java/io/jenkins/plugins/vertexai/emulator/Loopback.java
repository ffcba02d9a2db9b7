package io.jenkins.plugins.vertexai.emulator;

import com.google.cloud.aiplatform.v1.PersistentResourceServiceGrpc;
import com.google.longrunning.OperationsGrpc;
import io.grpc.ManagedChannel;
import io.grpc.ManagedChannelBuilder;
import java.util.concurrent.TimeUnit;

/** A started emulator and a plaintext channel to it, as a client would use them. */
final class Loopback implements AutoCloseable {
    static final String PARENT = "projects/demo/locations/us-central1";

    final VertexAiEmulator emulator;
    final ManagedChannel channel;

    Loopback(VertexAiEmulator.Builder builder) {
        this.emulator = builder.build().start();
        this.channel = ManagedChannelBuilder.forTarget(emulator.hostPort()).usePlaintext().build();
    }

    /** Time frozen (speed 0) so tests move it with {@code clock().advance}. */
    static Loopback frozen() {
        return new Loopback(VertexAiEmulator.builder().speed(0));
    }

    PersistentResourceServiceGrpc.PersistentResourceServiceBlockingStub resources() {
        return PersistentResourceServiceGrpc.newBlockingStub(channel).withDeadlineAfter(10, TimeUnit.SECONDS);
    }

    OperationsGrpc.OperationsBlockingStub operations() {
        return OperationsGrpc.newBlockingStub(channel).withDeadlineAfter(10, TimeUnit.SECONDS);
    }

    @Override
    public void close() {
        channel.shutdownNow();
        try {
            channel.awaitTermination(5, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        emulator.close();
    }
}
