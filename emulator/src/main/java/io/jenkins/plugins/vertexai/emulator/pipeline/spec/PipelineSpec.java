package io.jenkins.plugins.vertexai.emulator.pipeline.spec;

import java.util.Map;

/** The parts of a compiled KFP pipeline (IR) the emulator validates and simulates. */
public record PipelineSpec(String pipelineName, SchemaVersion schemaVersion, String defaultPipelineRoot,
                           ComponentSpec root, Map<String, ComponentSpec> components,
                           Map<String, ExecutorSpec> executors) {
}
