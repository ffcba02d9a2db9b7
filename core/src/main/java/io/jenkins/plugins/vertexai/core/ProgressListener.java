package io.jenkins.plugins.vertexai.core;

/**
 * Where progress goes: the build log, a console, a test. Called from scheduler or gRPC threads, one event at a
 * time per operation; implementations must be quick and must not block.
 */
@FunctionalInterface
public interface ProgressListener {
    ProgressListener NONE = e -> { };

    void onEvent(ProgressEvent event);
}
