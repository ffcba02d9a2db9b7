package io.jenkins.plugins.vertexai.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.jenkins.plugins.vertexai.emulator.VertexAiEmulator;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Task logs through the command line: {@code run --logs}, {@code logs JOB}, against the emulator's Cloud Logging. */
class TaskLogsCommandTest {
    private VertexAiEmulator emulator;
    private String endpoint;
    private Path template;

    @BeforeEach
    void start(@TempDir Path dir) throws Exception {
        emulator = VertexAiEmulator.builder().port(0).speed(6000).taskDuration("train-.*", Duration.ofMinutes(8))
                .taskLog("train-dnn", "epoch 1/2: loss 0.52\nepoch 2/2: loss 0.31").build().start();
        endpoint = "http://" + emulator.hostPort();
        template = dir.resolve("nightly.yaml");
        try (InputStream in = TaskLogsCommandTest.class.getResourceAsStream("/demo/nightly-retraining.yaml")) {
            Files.write(template, in.readAllBytes());
        }
    }

    @AfterEach
    void stop() {
        emulator.close();
    }

    private CliRunner.Result cli(String... args) {
        String[] all = new String[args.length + 6];
        System.arraycopy(args, 0, all, 0, args.length);
        System.arraycopy(new String[] {"--project", "cli-project", "--region", "us-central1", "--api-endpoint", endpoint}, 0, all, args.length, 6);
        return CliRunner.run(all);
    }

    private CliRunner.Result run(String runKey, String... more) {
        String[] base = {"pipeline-jobs", "run", "--template", template.toString(), "--run-key", runKey,
                "--parameter", "snapshot_date=2026-12-01", "--poll-interval-max", "200ms"};
        String[] all = new String[base.length + more.length];
        System.arraycopy(base, 0, all, 0, base.length);
        System.arraycopy(more, 0, all, base.length, more.length);
        return cli(all);
    }

    @Test
    void runWithAllLogsPrintsEveryTasksLinesPrefixedAndInOrder() {
        CliRunner.Result r = run("logs-all", "--logs=all");
        assertEquals(0, r.exitCode(), r.out() + r.err());
        int first = r.out().indexOf("] task train-dnn: epoch 1/2: loss 0.52\n");
        int second = r.out().indexOf("] task train-dnn: epoch 2/2: loss 0.31\n");
        assertTrue(first > 0 && second > first, r.out());
        assertEquals(first, r.out().lastIndexOf("] task train-dnn: epoch 1/2: loss 0.52\n"), "once");
        assertTrue(r.out().contains("] task evaluate: Job completed successfully."), r.out());
        assertTrue(r.out().contains("] task preprocess: logs https://console.cloud.google.com/logs/query;query=resource.type%3D%22ml_job%22"),
                r.out());

        String jobId = r.out().lines().filter(l -> l.startsWith("projects/")).findFirst().orElseThrow().split("/")[5].split(" ")[0];
        CliRunner.Result logs = cli("pipeline-jobs", "logs", jobId);
        assertEquals(0, logs.exitCode(), logs.out() + logs.err());
        assertTrue(logs.out().indexOf("task train-dnn: epoch 1/2") < logs.out().indexOf("task train-dnn: epoch 2/2"), logs.out());
        assertEquals(4, logs.out().lines().filter(l -> l.contains("Job completed successfully.")).count(), logs.out());
    }

    @Test
    void aFailedTaskShowsItsLastLinesByDefaultAndNoneShowsNothing() {
        emulator.failTasks("train-dnn", "CUDA out of memory");
        CliRunner.Result r = run("logs-errors");
        assertEquals(1, r.exitCode(), r.out() + r.err());
        assertTrue(r.out().contains("] task train-dnn: failed; its last "), r.out());
        assertTrue(r.out().contains("] task train-dnn: epoch 2/2: loss 0.31\n"), r.out());
        assertTrue(r.out().contains("] task train-dnn: RuntimeError: CUDA out of memory\n"), r.out());
        assertFalse(r.out().contains("] task preprocess: Job"), "only the failed task's lines: " + r.out());

        CliRunner.Result none = run("logs-none", "--logs", "none");
        assertEquals(1, none.exitCode());
        assertFalse(none.out().contains("RuntimeError"), none.out());
    }

    @Test
    void badLogOptionsAreUsageErrors() {
        CliRunner.Result r = run("logs-bad", "--logs=verbose");
        assertEquals(2, r.exitCode());
        assertTrue(r.err().contains("--logs") && r.err().contains("'verbose' is not one of none, errors, all"), r.err());
        CliRunner.Result l = cli("pipeline-jobs", "logs", "some-job", "--max-lines", "0");
        assertEquals(2, l.exitCode());
        assertTrue(l.err().contains("--max-lines"), l.err());
        assertEquals(0, emulator.stats().totalRpcs(), "rejected before any remote call");
    }
}
