package io.jenkins.plugins.vertexai.emulator;

import com.google.cloud.aiplatform.v1.PersistentResourceServiceGrpc;
import com.google.cloud.aiplatform.v1beta1.PipelineServiceGrpc;
import com.google.longrunning.OperationsGrpc;
import io.grpc.ManagedChannel;
import io.grpc.ManagedChannelBuilder;
import java.util.concurrent.TimeUnit;

/** A started emulator and a plaintext channel to it, as a client would use them. */
final class Loopback implements AutoCloseable {
    /** Requests name the project by number here; ProjectNumbersTest covers ids. */
    static final String PARENT = "projects/123456789012/locations/us-central1";

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

    PipelineServiceGrpc.PipelineServiceBlockingStub pipelines() {
        return PipelineServiceGrpc.newBlockingStub(channel).withDeadlineAfter(10, TimeUnit.SECONDS);
    }

    /** A persistent resource with these pools, RUNNING (the clock is advanced past provisioning). */
    String runningResource(String id, com.google.cloud.aiplatform.v1.ResourcePool... pools) {
        resources().createPersistentResource(Requests.create(id, Requests.resource(pools)));
        emulator.clock().advance(java.time.Duration.ofHours(1));
        return Requests.resourceName(id);
    }

    com.google.cloud.aiplatform.v1beta1.JobServiceGrpc.JobServiceBlockingStub jobs() {
        return com.google.cloud.aiplatform.v1beta1.JobServiceGrpc.newBlockingStub(channel).withDeadlineAfter(10, TimeUnit.SECONDS);
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
