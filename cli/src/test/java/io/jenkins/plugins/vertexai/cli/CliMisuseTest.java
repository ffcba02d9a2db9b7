package io.jenkins.plugins.vertexai.cli;

import static io.jenkins.plugins.vertexai.cli.MisuseFixture.PROJECT;
import static io.jenkins.plugins.vertexai.cli.MisuseFixture.REGION;
import static io.jenkins.plugins.vertexai.cli.MisuseFixture.at;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.jenkins.plugins.vertexai.core.client.VertexConnection;
import io.jenkins.plugins.vertexai.emulator.VertexAiEmulator;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Issue 10, in-process against an emulator over real gRPC: endpoints, bounds, regions, stock-outs, run keys and
 * messages. Bad input exits 2 before any call; the emulator counts that no call reached it.
 */
class CliMisuseTest {
    private static final String SPEC = "replica-count=1,machine-type=n1-standard-4";
    private static final String GPU = "replica-count=1,machine-type=a2-highgpu-1g,accelerator-type=NVIDIA_TESLA_A100,accelerator-count=1";
    @TempDir
    Path dir;
    private VertexAiEmulator emulator;
    private String endpoint;

    @BeforeEach
    void start() {
        emulator = VertexAiEmulator.builder().port(0).speed(6000).provisioningTime(Duration.ofMinutes(5))
                .deleteTime(Duration.ofMinutes(1)).taskDuration(Duration.ofSeconds(20)).jobQueuedTime(Duration.ofSeconds(2))
                .jobPendingTime(Duration.ofSeconds(2)).build().start();
        endpoint = "http://" + emulator.hostPort();
    }

    @AfterEach
    void stop() {
        emulator.close();
    }

    private CliRunner.Result cli(String... args) {
        return CliRunner.run(at(endpoint, args));
    }

    private static String all(CliRunner.Result r) {
        return "exit " + r.exitCode() + "\nstdout:\n" + r.out() + "\nstderr:\n" + r.err();
    }

    /** Exit 2, each fragment on stderr, no stack trace, no full usage, and no call reached the emulator. */
    private void assertRefused(CliRunner.Result r, String... fragments) {
        assertEquals(VertexAiCli.EXIT_INVALID, r.exitCode(), all(r));
        for (String f : fragments) {
            assertTrue(r.err().contains(f), "stderr lacks '" + f + "'\n" + all(r));
        }
        assertFalse(r.err().contains("\tat ") || r.err().contains("Exception"), "no stack trace or exception name\n" + all(r));
        assertFalse(r.err().contains("Usage:"), "one line and a hint, not the whole usage\n" + all(r));
        assertEquals(0, emulator.stats().totalRpcs(), "no remote call\n" + all(r));
    }

    // Endpoints and ports.

    @ParameterizedTest
    @ValueSource(strings = {"http://127.0.0.1:99999", "file:///etc/passwd", "ftp://files.example", "https://host.example/v1",
            "https://host.example?key=1", "http://10.0.0.1:8085"})
    void badApiEndpointsExitTwoBeforeAnyCall(String value) {
        assertRefused(CliRunner.run("persistent-resources", "list", "--project", PROJECT, "--region", REGION, "--api-endpoint", value),
                "--api-endpoint");
    }

    @Test
    void userInfoInAnEndpointIsRefusedAndNotEchoed() {
        CliRunner.Result r = CliRunner.run("persistent-resources", "list", "--project", PROJECT, "--region", REGION,
                "--api-endpoint", "https://admin:s3cret@host.example");
        assertRefused(r, "--api-endpoint", "user info");
        assertFalse(r.err().contains("s3cret"), all(r));
    }

    @ParameterizedTest
    @ValueSource(strings = {"127.0.0.1:99999", "http://127.0.0.1:8085"})
    void badEmulatorHostVariableExitsTwo(String value) {
        assertRefused(CliRunner.runWithEnv(Map.of(VertexConnection.EMULATOR_HOST_ENV, value),
                "pipeline-jobs", "list", "--project", PROJECT, "--region", REGION), VertexConnection.EMULATOR_HOST_ENV);
    }

    @Test
    void theEmulatorVariableOverridingApiEndpointIsSaid() {
        CliRunner.Result r = CliRunner.runWithEnv(Map.of(VertexConnection.EMULATOR_HOST_ENV, emulator.hostPort()),
                "persistent-resources", "list", "--project", PROJECT, "--region", REGION, "--api-endpoint", "https://vertex.example");
        assertEquals(0, r.exitCode(), all(r));
        assertTrue(r.err().contains("VERTEX_AI_EMULATOR_HOST=" + emulator.hostPort() + " is set and wins over --api-endpoint"), all(r));
    }

    // Bounds: durations and counts.

    @Test
    void hugeTimeoutsExitTwoBeforeAnythingIsCreated() {
        assertRefused(cli("persistent-resources", "create", "--persistent-resource-id", "pool", "--resource-pool-spec", SPEC,
                "--timeout=999999999999d"), "--timeout", "too long", "at most 365d");
        assertRefused(cli("pipeline-jobs", "run", "--template", MisuseFixture.template(dir).toString(), "--parameter", "epochs=1",
                "--run-key", "k", "--timeout=999999999999d"), "--timeout", "at most 365d");
        assertRefused(cli("pipeline-jobs", "run", "--template", MisuseFixture.template(dir).toString(), "--parameter", "epochs=1",
                "--run-key", "k", "--persistent-resource-id", "pool", "--task-resource-unavailable-wait-time-ms", "999999999999h"),
                "--task-resource-unavailable-wait-time-ms", "at most 365d");
    }

    @Test
    void hugeReplicaCountExitsTwo() {
        assertRefused(cli("persistent-resources", "create", "--persistent-resource-id", "pool",
                "--resource-pool-spec", "replica-count=99999999999999,machine-type=n1-standard-4"), "replicaCount", "at most 1000");
    }

    // Regions.

    @Test
    void anUnknownRegionExitsTwoAndSaysHowToAllowANewOne() {
        assertRefused(CliRunner.run("persistent-resources", "list", "--project", PROJECT, "--region", "moon-central1",
                "--api-endpoint", endpoint), "--region", "'moon-central1' is not a Vertex AI region", "--allow-region=moon-central1");
        CliRunner.Result allowed = CliRunner.run("persistent-resources", "list", "--project", PROJECT, "--region", "venus-east1",
                "--allow-region", "venus-east1", "--api-endpoint", endpoint);
        assertEquals(0, allowed.exitCode(), all(allowed));
    }

    // Templates.

    @Test
    void anHttpsTemplateWithUserInfoIsRefusedBeforeAnyCall() {
        CliRunner.Result r = cli("pipeline-jobs", "run", "--template", "https://ci:hunter2@us-central1-kfp.pkg.dev/p/r/pipe/latest",
                "--run-key", "k");
        assertRefused(r, "user info");
        assertFalse(r.err().contains("hunter2"), all(r));
    }

    @Test
    void anUnreachableTemplateHostSaysWhichAndWhy() throws Exception {
        int port;
        try (ServerSocket s = new ServerSocket(0)) {
            port = s.getLocalPort();
        }
        assertRefused(cli("pipeline-jobs", "run", "--template", "https://127.0.0.1:" + port + "/p.yaml", "--run-key", "k"),
                "cannot connect to 127.0.0.1:" + port);
    }

    @Test
    void aShortBucketNameSaysTheRule() {
        assertRefused(cli("pipeline-jobs", "run", "--template", MisuseFixture.template(dir).toString(), "--parameter", "epochs=1",
                "--run-key", "k", "--pipeline-root", "gs://b/root"), "--pipeline-root", "3 to 63");
    }

    @Test
    void aConfigDirectoryIsNamedAsSuch() {
        assertRefused(cli("persistent-resources", "create", "--persistent-resource-id", "pool", "--config", dir.toString()),
                "is a directory");
    }

    // Stock-outs.

    @Test
    void aStockOutSaysWhatIsLeftAndCreateCleansUpUnlessKeepFailed() {
        emulator.stockOut("NVIDIA_TESLA_A100");
        CliRunner.Result created = cli("persistent-resources", "create", "--persistent-resource-id", "gpu", "--resource-pool-spec", GPU);
        assertEquals(VertexAiCli.EXIT_FAILED, created.exitCode(), all(created));
        assertTrue(created.err().contains("is in ERROR") && created.err().contains("deleted again"), all(created));
        assertTrue(cli("persistent-resources", "list").out().contains("no persistent resources"), "nothing left behind");

        CliRunner.Result kept = cli("persistent-resources", "create", "--persistent-resource-id", "gpu", "--resource-pool-spec", GPU,
                "--keep-failed");
        assertTrue(kept.err().contains("left in ERROR (--keep-failed)"), all(kept));
        CliRunner.Result ensured = cli("persistent-resources", "ensure", "--persistent-resource-id", "gpu2", "--resource-pool-spec", GPU);
        assertTrue(ensured.err().contains("left in ERROR: the next ensure deletes it and creates it again (with --if-exists 'fail'"),
                all(ensured));
    }

    // Run keys.

    @Test
    void theSameRunKeyWithOtherParametersFailsWithTheDifferencesUnlessAttachAnyway() {
        String template = MisuseFixture.template(dir).toString();
        CliRunner.Result first = cli("pipeline-jobs", "run", "--template", template, "--parameter", "epochs=3", "--run-key", "nightly",
                "--poll-interval-max", "100ms");
        assertEquals(0, first.exitCode(), all(first));
        CliRunner.Result other = cli("pipeline-jobs", "run", "--template", template, "--parameter", "epochs=5", "--run-key", "nightly");
        assertEquals(VertexAiCli.EXIT_FAILED, other.exitCode(), all(other));
        assertTrue(other.err().contains("parameter epochs: the job has 3, this request 5"), all(other));
        assertTrue(other.err().contains("--attach-anyway") && other.err().contains("--run-key"), all(other));
        assertFalse(other.err().contains("attachAnyway"), all(other));
        CliRunner.Result anyway = cli("pipeline-jobs", "run", "--template", template, "--parameter", "epochs=5", "--run-key", "nightly",
                "--attach-anyway", "--poll-interval-max", "100ms");
        assertEquals(0, anyway.exitCode(), all(anyway));
        assertEquals(1, emulator.pipelineJobsCreated(), "one run key, one job");
    }

    // Messages.

    @Test
    void anEmptyIdIsOneError() {
        CliRunner.Result r = cli("persistent-resources", "describe", "");
        assertRefused(r, "--persistent-resource-id: is required");
        assertFalse(r.err().contains("invalid fields"), all(r));
    }

    @Test
    void aMapOptionWithoutEqualsSaysOptionOnce() {
        CliRunner.Result r = cli("persistent-resources", "create", "--persistent-resource-id", "pool", "--labels", "team");
        assertRefused(r, "--labels", "Try 'vertex-ai persistent-resources create --help'");
        assertFalse(r.err().contains("option option"), all(r));
    }

    @Test
    void ifExistsIsNamedAsTheFlag() {
        assertEquals(0, cli("persistent-resources", "create", "--persistent-resource-id", "pool", "--resource-pool-spec", SPEC).exitCode());
        CliRunner.Result r = cli("persistent-resources", "ensure", "--persistent-resource-id", "pool", "--resource-pool-spec", SPEC,
                "--if-exists", "fail");
        assertEquals(VertexAiCli.EXIT_FAILED, r.exitCode(), all(r));
        assertTrue(r.err().contains("--if-exists is 'fail'"), all(r));
        assertFalse(r.err().contains("ifExists"), all(r));
    }

    @Test
    void noWaitTimeSetSaysTheServiceDefaultNotZeroMs() {
        assertEquals(0, cli("persistent-resources", "create", "--persistent-resource-id", "pool", "--resource-pool-spec", SPEC).exitCode());
        CliRunner.Result r = cli("pipeline-jobs", "run", "--template", MisuseFixture.template(dir).toString(), "--parameter", "epochs=1",
                "--run-key", "on-pool", "--persistent-resource-id", "pool", "--no-wait");
        assertEquals(0, r.exitCode(), all(r));
        assertTrue(r.out().contains("service's defaults"), all(r));
        assertFalse(r.out().contains("0 ms"), all(r));
    }

    @Test
    void aFullNameFromAnotherProjectDoesNotSilentlyOverrideProject() {
        String other = "projects/other-project/locations/" + REGION;
        assertRefused(cli("pipeline-jobs", "describe", other + "/pipelineJobs/job-1"), "other-project", "--project");
        assertRefused(cli("persistent-resources", "describe", other + "/persistentResources/pool"), "other-project");
        // Without --project the full name says where it is.
        CliRunner.Result r = CliRunner.run("pipeline-jobs", "describe", other + "/pipelineJobs/job-1", "--api-endpoint", endpoint);
        assertEquals(VertexAiCli.EXIT_FAILED, r.exitCode(), all(r));
        assertTrue(r.err().contains("NOT_FOUND"), all(r));
    }

    @Test
    void deletingAnAbsentResourcePrintsNoConsoleLink() {
        CliRunner.Result r = cli("persistent-resources", "delete", "never-created");
        assertEquals(0, r.exitCode(), all(r));
        assertTrue(r.out().contains("does not exist"), all(r));
        assertFalse(r.out().contains("console"), all(r));
    }
}
