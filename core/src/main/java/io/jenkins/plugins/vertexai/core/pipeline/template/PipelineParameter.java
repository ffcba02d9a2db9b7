package io.jenkins.plugins.vertexai.core.pipeline.template;

import com.google.protobuf.Value;

/**
 * One input parameter of a pipeline's root component ({@code root.inputDefinitions.parameters}).
 *
 * @param defaultValue the spec's {@code defaultValue}, or null when it has none
 * @param optional     the spec's {@code isOptional}
 * @param description  the spec's {@code description}, or null
 * @param typeName     the type as the spec names it, e.g. {@code TASK_FINAL_STATUS} for {@link ParameterType#OTHER}
 */
public record PipelineParameter(String name, ParameterType type, Value defaultValue, boolean optional, String description,
                                String typeName) {

    public PipelineParameter(String name, ParameterType type, Value defaultValue, boolean optional, String description) {
        this(name, type, defaultValue, optional, description, type.name());
    }

    /**
     * A run must give a value: there is no default and the parameter is not optional. Never for a type this tool
     * does not know: the service may fill it in (TASK_FINAL_STATUS), and it decides.
     */
    public boolean required() {
        return defaultValue == null && !optional && type != ParameterType.OTHER;
    }
}
