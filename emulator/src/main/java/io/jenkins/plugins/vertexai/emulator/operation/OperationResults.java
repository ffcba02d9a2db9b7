package io.jenkins.plugins.vertexai.emulator.operation;

import com.google.longrunning.Operation;
import com.google.protobuf.Any;
import com.google.protobuf.Message;

/** Builds the three shapes of an Operation; responses and metadata are packed so clients unpack them by type. */
public final class OperationResults {
    private OperationResults() {
    }

    public static Operation running(String name, Message metadata) {
        return Operation.newBuilder().setName(name).setMetadata(Any.pack(metadata)).setDone(false).build();
    }

    public static Operation succeeded(String name, Message metadata, Message response) {
        return Operation.newBuilder().setName(name).setMetadata(Any.pack(metadata)).setDone(true)
                .setResponse(Any.pack(response)).build();
    }

    public static Operation failed(String name, Message metadata, com.google.rpc.Status error) {
        return Operation.newBuilder().setName(name).setMetadata(Any.pack(metadata)).setDone(true).setError(error).build();
    }
}
