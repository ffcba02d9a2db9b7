package io.jenkins.plugins.vertexai.emulator.pipeline.sim;

import com.google.protobuf.Struct;
import com.google.protobuf.Value;
import io.jenkins.plugins.vertexai.emulator.pipeline.spec.Structs;
import java.util.ArrayList;
import java.util.List;

/**
 * What the simulation needs of a leaf component beyond its resources, read from the compiled pipeline (KFP IR):
 * its executor's container (for the CustomJob's worker pool) and its {@code outputDefinitions}.
 */
final class ComponentDetails {
    /** One declared output: a parameter ({@code parameterType}) or an artifact ({@code artifactType.schemaTitle}). */
    record OutputDefinition(String name, boolean artifact, String type) {
    }

    private final Struct spec;

    ComponentDetails(Struct pipelineSpec) {
        this.spec = pipelineSpec;
    }

    /** {@code deploymentSpec.executors[executorLabel].container} of the component, or empty. */
    Struct container(String component) {
        Struct c = component(component);
        return Structs.string(c, "executorLabel")
                .flatMap(label -> Structs.struct(spec, "deploymentSpec").flatMap(d -> Structs.struct(d, "executors"))
                        .flatMap(executors -> Structs.struct(executors, label)))
                .flatMap(executor -> Structs.struct(executor, "container"))
                .orElse(Struct.getDefaultInstance());
    }

    /** The component's output parameters, then its output artifacts, each in declaration order. */
    List<OutputDefinition> outputs(String component) {
        List<OutputDefinition> out = new ArrayList<>();
        Struct definitions = Structs.struct(component(component), "outputDefinitions").orElse(Struct.getDefaultInstance());
        Structs.struct(definitions, "parameters").ifPresent(params -> params.getFieldsMap().forEach((name, def) -> {
            Struct d = def.hasStructValue() ? def.getStructValue() : Struct.getDefaultInstance();
            // Schema 2.1.0 says parameterType (NUMBER_DOUBLE, ...); 2.0.0 said type (INT, DOUBLE, STRING).
            out.add(new OutputDefinition(name, false,
                    Structs.string(d, "parameterType").or(() -> Structs.string(d, "type")).orElse("STRING")));
        }));
        Structs.struct(definitions, "artifacts").ifPresent(artifacts -> artifacts.getFieldsMap().forEach((name, def) -> {
            Struct d = def.hasStructValue() ? def.getStructValue() : Struct.getDefaultInstance();
            out.add(new OutputDefinition(name, true, Structs.struct(d, "artifactType")
                    .flatMap(t -> Structs.string(t, "schemaTitle")).orElse("system.Artifact")));
        }));
        return out;
    }

    private Struct component(String name) {
        return name == null ? Struct.getDefaultInstance()
                : Structs.struct(spec, "components").flatMap(all -> Structs.struct(all, name)).orElse(Struct.getDefaultInstance());
    }

    /** A placeholder value of a parameter type, used when no value is scripted. */
    static Value placeholder(String parameterType) {
        return switch (parameterType) {
            case "NUMBER_INTEGER", "NUMBER_DOUBLE", "INT", "DOUBLE" -> Value.newBuilder().setNumberValue(0).build();
            case "BOOLEAN" -> Value.newBuilder().setBoolValue(false).build();
            case "LIST" -> Value.newBuilder().setListValue(com.google.protobuf.ListValue.getDefaultInstance()).build();
            case "STRUCT" -> Value.newBuilder().setStructValue(Struct.getDefaultInstance()).build();
            default -> Value.newBuilder().setStringValue("").build();
        };
    }
}
