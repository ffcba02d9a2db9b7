package io.jenkins.plugins.vertexai.emulator.pipeline.spec;

import com.google.protobuf.Value;
import java.util.Optional;

/**
 * One declared input parameter: its type ({@code parameterType} such as NUMBER_INTEGER in schema 2.1.0, or the
 * legacy {@code type} INT/DOUBLE/STRING), default and whether it may be left out.
 */
public record ParameterSpec(String name, String type, Optional<Value> defaultValue, boolean optional) {

    /** Required: no default and not optional. */
    public boolean required() {
        return defaultValue.isEmpty() && !optional;
    }
}
