package io.jenkins.plugins.vertexai.emulator.pipeline;

import io.jenkins.plugins.vertexai.emulator.pipeline.sim.PipelineRun;

/** A pipeline job in the store: its name, creation order, pipeline name (for filters) and simulated run. */
record StoredPipelineJob(String name, long sequence, String pipelineName, PipelineRun run) {

    String id() {
        return name.substring(name.lastIndexOf('/') + 1);
    }
}
