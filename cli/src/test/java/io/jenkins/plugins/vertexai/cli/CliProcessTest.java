package io.jenkins.plugins.vertexai.cli;

import static io.jenkins.plugins.vertexai.cli.MisuseFixture.PROJECT;
import static io.jenkins.plugins.vertexai.cli.MisuseFixture.REGION;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.jenkins.plugins.vertexai.core.VertexEngine;
import io.jenkins.plugins.vertexai.core.client.VertexConnection;
import io.jenkins.plugins.vertexai.core.job.PipelineJobName;
import io.jenkins.plugins.vertexai.core.pipeline.PipelineJobIds;
import io.jenkins.plugins.vertexai.emulator.VertexAiEmulator;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The CLI as a process against an emulator started here: SIGTERM during {@code pipeline-jobs run} says which job is
 * left and how to re-attach or cancel it, or cancels it with {@code --cancel-on-interrupt}; missing credentials say
 * how to get them.
 */
class CliProcessTest {
    /** 128+15: the JVM's exit code after SIGTERM, shutdown hooks run. */
    private static final int SIGTERM_EXIT = 143;
    @TempDir
    Path dir;
    private VertexAiEmulator emulator;

    @BeforeEach
    void start() {
        // Slow enough that the job is still running when the signal comes: a task lasts an hour of simulated time.
        emulator = VertexAiEmulator.builder().port(0).speed(60).taskDuration(Duration.ofHours(1))
                .jobQueuedTime(Duration.ofSeconds(1)).jobPendingTime(Duration.ofSeconds(1))
                .jobCancellingTime(Duration.ofSeconds(5)).build().start();
    }

    @AfterEach
    void stop() {
        emulator.close();
    }

    private CliProcess run(String runKey, String... extra) throws Exception {
        String[] args = new String[] {"pipeline-jobs", "run", "--template", MisuseFixture.template(dir).toString(), "--parameter",
                "epochs=3", "--run-key", runKey, "--project", PROJECT, "--region", REGION, "--poll-interval-max", "1s"};
        String[] all = java.util.stream.Stream.concat(java.util.Arrays.stream(args), java.util.Arrays.stream(extra)).toArray(String[]::new);
        return CliProcess.start(Map.of(VertexConnection.EMULATOR_HOST_ENV, emulator.hostPort()), dir, all);
    }

    private static PipelineJobName job(String runKey) {
        return new PipelineJobName(PROJECT, REGION, PipelineJobIds.derive("misuse-train", runKey));
    }

    private String state(PipelineJobName name) {
        try (VertexEngine engine = new VertexEngine()) {
            return engine.pipelines(VertexConnection.emulator(emulator.hostPort())).describe(name).join().state();
        }
    }

    @Test
    void sigtermLeavesTheJobRunningAndSaysHowToReattachOrCancel() throws Exception {
        try (CliProcess cli = run("interrupted")) {
            assertTrue(cli.awaitStdout("submitted"), cli.stdout() + cli.stderr());
            cli.terminate(); // SIGTERM
            assertEquals(SIGTERM_EXIT, cli.exitCode(), cli.stdout() + cli.stderr());
            String err = cli.stderr();
            PipelineJobName name = job("interrupted");
            assertTrue(err.contains("interrupted: pipeline job " + name + " is left running"), err);
            assertTrue(err.contains("same --run-key"), err);
            assertTrue(err.contains("vertex-ai pipeline-jobs cancel " + name), err);
            assertFalse(Set.of("CANCELLED", "CANCELLING").contains(state(name)), "left as it was");
        }
    }

    @Test
    void sigtermWithCancelOnInterruptCancelsTheJobBeforeExiting() throws Exception {
        try (CliProcess cli = run("cancelled", "--cancel-on-interrupt")) {
            assertTrue(cli.awaitStdout("submitted"), cli.stdout() + cli.stderr());
            cli.terminate();
            assertEquals(SIGTERM_EXIT, cli.exitCode(), cli.stdout() + cli.stderr());
            PipelineJobName name = job("cancelled");
            assertTrue(cli.stderr().contains("interrupted: cancelling pipeline job " + name), cli.stderr());
            assertTrue(Set.of("CANCELLED", "CANCELLING").contains(state(name)), cli.stderr());
        }
    }

    @Test
    void withoutCredentialsItSaysHowToGetThem() throws Exception {
        // No emulator variable, an empty home (no gcloud login), no metadata server lookup: no credentials at all.
        try (CliProcess cli = CliProcess.start(Map.of("NO_GCE_CHECK", "true", "HOME", dir.toString()), dir,
                "persistent-resources", "list", "--project", PROJECT, "--region", REGION, "--api-endpoint", "https://127.0.0.1:1")) {
            assertEquals(VertexAiCli.EXIT_FAILED, cli.exitCode(), cli.stderr());
            assertTrue(cli.stderr().contains("no Google Cloud credentials"), cli.stderr());
            assertTrue(cli.stderr().contains("gcloud auth application-default login") && cli.stderr().contains("GOOGLE_APPLICATION_CREDENTIALS"),
                    cli.stderr());
            assertFalse(cli.stderr().contains("\tat "), cli.stderr());
        }
    }
}
