package io.jenkins.plugins.vertexai.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import io.jenkins.plugins.vertexai.emulator.VertexAiEmulator;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The block-plus-run flow through the command line against the emulator, with the names the service returns (the
 * project number): the resource's full name feeds the run, which reports where each task ran, its outputs and
 * metrics, in text and JSON.
 */
class PipelineJobsOutputsTest {
    private static final String NUMBER = "123456789012";
    private VertexAiEmulator emulator;
    private String endpoint;
    private Path template;

    @BeforeEach
    void start(@TempDir Path dir) throws Exception {
        emulator = VertexAiEmulator.builder().port(0).speed(6000).provisioningTime(Duration.ofMinutes(5))
                .projectNumber("cli-project", Long.parseLong(NUMBER)).taskDuration("train-.*", Duration.ofMinutes(8))
                .taskOutput("evaluate", "accuracy", 0.93).build().start();
        endpoint = "http://" + emulator.hostPort();
        template = dir.resolve("nightly.yaml");
        try (InputStream in = PipelineJobsOutputsTest.class.getResourceAsStream("/demo/nightly-retraining.yaml")) {
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
        System.arraycopy(new String[] {"--project", "cli-project", "--region", "europe-west4", "--api-endpoint", endpoint}, 0, all, args.length, 6);
        return CliRunner.run(all);
    }

    /** The JSON document at the end of stdout (progress lines may come first). */
    private static JsonObject json(String out) {
        int start = out.startsWith("{") ? 0 : out.lastIndexOf("\n{") + 1;
        return JsonParser.parseString(out.substring(start)).getAsJsonObject();
    }

    private static JsonObject task(JsonObject run, String name) {
        for (JsonElement t : run.getAsJsonArray("tasks")) {
            if (t.getAsJsonObject().get("name").getAsString().equals(name)) {
                return t.getAsJsonObject();
            }
        }
        throw new AssertionError("no task " + name + " in " + run);
    }

    @Test
    void runOnTheResourceByItsNumberedNameReportsPlacementOutputsAndMetrics() {
        CliRunner.Result created = cli("persistent-resources", "create", "--persistent-resource-id", "nightly", "--timeout", "2m",
                "--resource-pool-spec", "replica-count=1,machine-type=n1-standard-8",
                "--resource-pool-spec", "replica-count=1,machine-type=n1-standard-8,accelerator-type=NVIDIA_TESLA_T4,accelerator-count=1");
        assertEquals(0, created.exitCode(), created.out() + created.err());
        String resource = "projects/" + NUMBER + "/locations/europe-west4/persistentResources/nightly";
        assertTrue(created.out().contains(resource), "the service's name has the number: " + created.out());

        CliRunner.Result run = cli("pipeline-jobs", "run", "--template", template.toString(), "--run-key", "nightly-json",
                "--parameter", "snapshot_date=2026-12-01", "--persistent-resource-id", resource,
                "--task-resource-unavailable-wait-time-ms", "5m", "--task-resource-unavailable-timeout-behavior",
                "FALL_BACK_TO_ON_DEMAND", "--poll-interval-max", "100ms", "--format", "json");
        assertEquals(0, run.exitCode(), run.out() + run.err());
        JsonObject result = json(run.out());
        assertEquals(0.93, result.getAsJsonObject("metrics").getAsJsonObject("evaluate").get("accuracy").getAsDouble());
        JsonObject evaluate = task(result, "evaluate");
        assertEquals("nightly", evaluate.get("persistentResource").getAsString());
        assertTrue(evaluate.getAsJsonObject("outputs").getAsJsonObject("artifacts").getAsJsonObject("metrics")
                .get("uri").getAsString().startsWith("gs://demo-bucket/pipeline-root/" + NUMBER + "/"), evaluate.toString());
        JsonArray tasks = result.getAsJsonArray("tasks");
        long onDemand = tasks.asList().stream().filter(t -> t.getAsJsonObject().get("onDemand").getAsBoolean()).count();
        assertEquals(1, onDemand, "one trainer found the single T4 taken and fell back: " + tasks);
        assertTrue((run.out() + run.err()).contains("on demand instead of persistent resource nightly, after waiting 5m 00s"),
                run.out() + run.err());

        String jobId = result.get("jobId").getAsString();
        CliRunner.Result described = cli("pipeline-jobs", "describe", jobId);
        assertEquals(0, described.exitCode(), described.err());
        assertTrue(described.out().contains("metrics of evaluate: accuracy=0.93"), described.out());
        assertTrue(described.out().contains("evaluate  SUCCEEDED  30s  on nightly"), described.out());
        CliRunner.Result describedJson = cli("pipeline-jobs", "describe", jobId, "--format", "json");
        assertEquals(json(run.out()).getAsJsonObject("metrics"), json(describedJson.out()).getAsJsonObject("metrics"));
        assertEquals(1, emulator.pipelineJobsCreated());
    }
}
