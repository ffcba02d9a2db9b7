package io.jenkins.plugins.vertexai.emulator.grpc;

import com.google.protobuf.Timestamp;
import java.time.Instant;

/** Instant to protobuf Timestamp. */
public final class Timestamps {
    private Timestamps() {
    }

    public static Timestamp of(Instant instant) {
        return Timestamp.newBuilder().setSeconds(instant.getEpochSecond()).setNanos(instant.getNano()).build();
    }

    public static Instant toInstant(Timestamp timestamp) {
        return Instant.ofEpochSecond(timestamp.getSeconds(), timestamp.getNanos());
    }
}
