package io.jenkins.plugins.vertexai.emulator.pipeline.spec;

import com.google.protobuf.Value;

/** Where a task's input parameter comes from. */
public sealed interface InputBinding {
    /** A literal ({@code runtimeValue.constant}). */
    record Constant(Value value) implements InputBinding {
    }

    /** An input of the enclosing component, optionally narrowed by a {@code parameterExpressionSelector}. */
    record ComponentInput(String name, String selector) implements InputBinding {
    }

    /** Known only at run time: another task's output, a task's final status, an artifact. */
    record RuntimeOnly() implements InputBinding {
    }
}
