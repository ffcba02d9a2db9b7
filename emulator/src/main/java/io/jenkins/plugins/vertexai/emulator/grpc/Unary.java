package io.jenkins.plugins.vertexai.emulator.grpc;

import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.grpc.stub.StreamObserver;
import java.util.function.Supplier;
import java.util.logging.Level;
import java.util.logging.Logger;

/** Answers a unary call from a body that either returns the response or throws a gRPC status. */
public final class Unary {
    private static final Logger LOG = Logger.getLogger(Unary.class.getName());

    private Unary() {
    }

    public static <T> void respond(StreamObserver<T> observer, Supplier<T> body) {
        T response;
        try {
            response = body.get();
        } catch (StatusRuntimeException e) {
            observer.onError(e);
            return;
        } catch (RuntimeException e) {
            // A bug in the emulator: tell the client plainly instead of the generic UNKNOWN.
            LOG.log(Level.WARNING, "emulator bug while answering a call", e);
            observer.onError(Status.INTERNAL.withDescription("emulator error: " + e).withCause(e).asRuntimeException());
            return;
        }
        observer.onNext(response);
        observer.onCompleted();
    }
}
