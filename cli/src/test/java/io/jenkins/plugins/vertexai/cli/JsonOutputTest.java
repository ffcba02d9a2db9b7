package io.jenkins.plugins.vertexai.cli;

import static io.jenkins.plugins.vertexai.cli.MisuseFixture.at;
import static io.jenkins.plugins.vertexai.cli.MisuseFixture.onlyJson;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.JsonElement;
import io.jenkins.plugins.vertexai.emulator.VertexAiEmulator;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** With {@code --format=json} every command prints exactly one JSON document on stdout; progress goes to stderr. */
class JsonOutputTest {
    private static final String SPEC = "replica-count=1,machine-type=n1-standard-4";
    private VertexAiEmulator emulator;
    private String endpoint;

    @BeforeEach
    void start() {
        emulator = VertexAiEmulator.builder().port(0).speed(6000).provisioningTime(Duration.ofMinutes(5))
                .deleteTime(Duration.ofMinutes(1)).rebootTime(Duration.ofMinutes(1)).taskDuration(Duration.ofSeconds(20))
                .jobQueuedTime(Duration.ofSeconds(2)).jobPendingTime(Duration.ofSeconds(2)).build().start();
        endpoint = "http://" + emulator.hostPort();
    }

    @AfterEach
    void stop() {
        emulator.close();
    }

    private JsonElement json(String... args) {
        CliRunner.Result r = CliRunner.run(at(endpoint, args));
        assertEquals(0, r.exitCode(), r.out() + r.err());
        return onlyJson(r);
    }

    @Test
    void persistentResourceCommands() {
        JsonElement created = json("persistent-resources", "create", "--persistent-resource-id", "pool", "--resource-pool-spec", SPEC,
                "--format=json", "--timeout=2m");
        assertEquals("RUNNING", created.getAsJsonObject().get("state").getAsString());
        json("persistent-resources", "ensure", "--persistent-resource-id", "pool", "--resource-pool-spec", SPEC, "--format=json");
        json("persistent-resources", "describe", "pool", "--format=json");
        assertEquals(1, json("persistent-resources", "list", "--format=json").getAsJsonArray().size());
        json("persistent-resources", "reboot", "pool", "--format=json");
        assertEquals("GONE", json("persistent-resources", "delete", "pool", "--format=json").getAsJsonObject().get("state").getAsString());
        assertEquals("ABSENT", json("persistent-resources", "delete", "pool", "--format=json").getAsJsonObject().get("outcome").getAsString());
    }

    @Test
    void pipelineJobCommandsIncludingProgressfulRun(@TempDir Path dir) {
        String template = MisuseFixture.template(dir).toString();
        CliRunner.Result run = CliRunner.run(at(endpoint, "pipeline-jobs", "run", "--template", template, "--parameter", "epochs=3",
                "--run-key", "json-1", "--poll-interval-max", "100ms", "--format=json"));
        assertEquals(0, run.exitCode(), run.out() + run.err());
        JsonElement ran = onlyJson(run);
        assertEquals("SUCCEEDED", ran.getAsJsonObject().get("state").getAsString());
        assertTrue(run.err().contains("submitted"), "progress goes to stderr: " + run.err());
        String job = ran.getAsJsonObject().get("jobId").getAsString();

        JsonElement described = json("pipeline-jobs", "describe", job, "--format=json");
        assertEquals(3, described.getAsJsonObject().getAsJsonObject("parameters").get("epochs").getAsInt(), described.toString());
        assertEquals(1, json("pipeline-jobs", "list", "--format=json").getAsJsonArray().size());

        JsonElement submitted = json("pipeline-jobs", "run", "--template", template, "--parameter", "epochs=3", "--run-key", "json-2",
                "--no-wait", "--format=json");
        String second = submitted.getAsJsonObject().get("jobId").getAsString();
        // The fast emulator may have ended the job already (cancel then exits 1): either way stdout is one document.
        onlyJson(CliRunner.run(at(endpoint, "pipeline-jobs", "cancel", second, "--format=json", "--grace=1m")));
    }
}
