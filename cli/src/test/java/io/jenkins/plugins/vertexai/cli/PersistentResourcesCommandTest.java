package io.jenkins.plugins.vertexai.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.jenkins.plugins.vertexai.emulator.VertexAiEmulator;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The persistent-resources commands against the emulator, with gcloud's flags and exit codes. */
class PersistentResourcesCommandTest {
    private VertexAiEmulator emulator;
    private String endpoint;

    @BeforeEach
    void start() {
        emulator = VertexAiEmulator.builder().port(0).speed(6000).provisioningTime(Duration.ofMinutes(5))
                .deleteTime(Duration.ofMinutes(1)).build().start();
        endpoint = "http://" + emulator.hostPort();
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

    @Test
    void createDescribeListRebootDelete(@TempDir Path dir) throws Exception {
        Path config = dir.resolve("pr.yaml");
        Files.writeString(config, "resourcePoolSpecs:\n  machineSpec:\n    machineType: n1-standard-4\n  replicaCount: 1\nlabels:\n  team: ml\n");
        CliRunner.Result created = cli("persistent-resources", "create", "--persistent-resource-id", "cli-pool",
                "--config", config.toString(), "--display-name", "CLI pool", "--timeout", "2m");
        assertEquals(0, created.exitCode(), created.out() + created.err());
        // At speed 6000 provisioning lasts ~50 ms, so whether a poll sees PROVISIONING depends on the machine's
        // load. What must hold: the create was accepted as a long-running operation and ended RUNNING.
        assertTrue(created.out().contains("create accepted (operation "), created.out());
        assertTrue(created.out().contains("persistentResources/cli-pool  RUNNING  (created)"), created.out());

        CliRunner.Result described = cli("persistent-resources", "describe", "cli-pool", "--format", "json");
        assertEquals(0, described.exitCode(), described.err());
        assertTrue(described.out().contains("\"displayName\": \"CLI pool\"") && described.out().contains("\"state\": \"RUNNING\""), described.out());

        CliRunner.Result again = cli("persistent-resources", "create", "--persistent-resource-id", "cli-pool",
                "--resource-pool-spec", "replica-count=1,machine-type=n1-standard-4");
        assertEquals(VertexAiCli.EXIT_FAILED, again.exitCode());
        assertTrue(again.err().contains("ALREADY_EXISTS"), again.err());

        assertTrue(cli("persistent-resources", "list").out().contains("persistentResources/cli-pool"));
        assertEquals(0, cli("persistent-resources", "reboot", "cli-pool").exitCode());
        CliRunner.Result deleted = cli("persistent-resources", "delete", "cli-pool");
        assertEquals(0, deleted.exitCode(), deleted.err());
        assertTrue(deleted.out().contains("GONE"), deleted.out());
        CliRunner.Result absent = cli("persistent-resources", "delete", "cli-pool");
        assertEquals(0, absent.exitCode());
        assertTrue(absent.out().contains("does not exist"), absent.out());
    }

    @Test
    void invalidInputExitsTwoBeforeAnyCall() {
        CliRunner.Result r = cli("persistent-resources", "create", "--persistent-resource-id", "Bad_Id",
                "--resource-pool-spec", "replica-count=1,machine-type=n1-standard-4,colour=blue");
        assertEquals(VertexAiCli.EXIT_INVALID, r.exitCode(), r.out() + r.err());
        assertTrue(r.err().contains("--resource-pool-spec") && r.err().contains("colour"), r.err());
        assertEquals(0, emulator.stats().totalRpcs());
    }
}
