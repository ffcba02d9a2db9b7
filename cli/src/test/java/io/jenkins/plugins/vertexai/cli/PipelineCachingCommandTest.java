package io.jenkins.plugins.vertexai.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.jenkins.plugins.vertexai.emulator.VertexAiEmulator;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code --enable-caching} has a visible effect: a rerun says how many tasks were cache hits and warns when all were. */
class PipelineCachingCommandTest {
    private static final String PIPELINE = """
            components:
              comp-train: {executorLabel: exec-train}
            deploymentSpec:
              executors:
                exec-train: {container: {image: 'python:3.11', command: [python, -c, "print('train')"]}}
            pipelineInfo: {name: retrain}
            root:
              dag:
                tasks:
                  train: {componentRef: {name: comp-train}, taskInfo: {name: train}}
            schemaVersion: 2.1.0
            """;
    private VertexAiEmulator emulator;
    @TempDir
    Path dir;

    @BeforeEach
    void start() {
        emulator = VertexAiEmulator.builder().port(0).speed(3000).taskDuration(Duration.ofSeconds(20))
                .jobQueuedTime(Duration.ofSeconds(2)).jobPendingTime(Duration.ofSeconds(2)).build().start();
    }

    @AfterEach
    void stop() {
        emulator.close();
    }

    private CliRunner.Result run(String key, String caching) throws Exception {
        Path template = dir.resolve("retrain.yaml");
        Files.writeString(template, PIPELINE);
        return CliRunner.run("pipeline-jobs", "run", "--template", template.toString(), "--project", "retrain-project",
                "--region", "us-central1", "--api-endpoint", "http://" + emulator.hostPort(),
                "--pipeline-root", "gs://bucket/root", "--run-key", key, "--poll-interval-max", "100ms", caching);
    }

    @Test
    void aCachedRerunIsReportedAndWarnedAbout() throws Exception {
        CliRunner.Result first = run("night-1", "--enable-caching");
        assertEquals(0, first.exitCode(), first.out() + first.err());
        assertFalse((first.out() + first.err()).contains("cache hit"), first.out() + first.err());

        CliRunner.Result second = run("night-2", "--enable-caching");
        String all = second.out() + second.err();
        assertEquals(0, second.exitCode(), all);
        assertTrue(all.contains("train  SKIPPED"), all);
        assertTrue(all.contains("cache hits: 1"), all);
        assertTrue(all.contains("every task was a cache hit"), all);

        CliRunner.Result forced = run("night-3", "--no-enable-caching");
        assertFalse((forced.out() + forced.err()).contains("cache hit"), forced.out() + forced.err());
    }
}
