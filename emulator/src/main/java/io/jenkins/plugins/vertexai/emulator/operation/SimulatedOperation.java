package io.jenkins.plugins.vertexai.emulator.operation;

import com.google.longrunning.Operation;
import java.time.Instant;
import java.util.Optional;

/** A long-running operation whose state is derived from simulated time when it is read. */
public interface SimulatedOperation {
    String name();

    /** The operation as of simulated instant {@code now}. */
    Operation snapshot(Instant now);

    /** The simulated instant it is or will be done, when known. */
    Optional<Instant> doneAt();

    /** Best-effort cancellation at {@code now}, as AIP-151 allows; operations that cannot be cancelled ignore it. */
    default void cancel(Instant now) {
    }
}
