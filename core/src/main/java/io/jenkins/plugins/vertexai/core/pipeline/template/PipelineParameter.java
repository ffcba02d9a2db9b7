package io.jenkins.plugins.vertexai.core.pipeline.template;

import com.google.protobuf.Value;

/**
 * One input parameter of a pipeline's root component ({@code root.inputDefinitions.parameters}).
 *
 * @param defaultValue the spec's {@code defaultValue}, or null when it has none
 * @param optional     the spec's {@code isOptional}
 * @param description  the spec's {@code description}, or null
 */
public record PipelineParameter(String name, ParameterType type, Value defaultValue, boolean optional, String description) {

    /** A run must give a value: there is no default and the parameter is not optional. */
    public boolean required() {
        return defaultValue == null && !optional;
    }
}
