package io.jenkins.plugins.vertexai.emulator.pipeline.spec;

import com.google.protobuf.Struct;

/**
 * One executor of {@code deploymentSpec.executors}; {@code resources} is its {@code container.resources} (empty for
 * importers, resolvers and containers without requests). Values may be placeholders resolved per task.
 * {@code fingerprint} identifies the whole executor (image, command, args, resources) for the task cache.
 */
public record ExecutorSpec(String label, Struct resources, String fingerprint) {
}
