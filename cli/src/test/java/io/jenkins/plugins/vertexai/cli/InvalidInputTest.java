package io.jenkins.plugins.vertexai.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.jenkins.plugins.vertexai.core.pipeline.PipelineJobIds;
import io.jenkins.plugins.vertexai.emulator.VertexAiEmulator;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Bad input is a usage error: exit 2, a message naming the flag and the accepted form, and no remote call. An
 * emulator is up (and addressed) only to count that no call reached it.
 */
class InvalidInputTest {
    private static final String SPEC = "replica-count=1,machine-type=n1-standard-4";

    private VertexAiEmulator emulator;
    private String endpoint;

    @BeforeEach
    void start() {
        emulator = VertexAiEmulator.builder().port(0).build().start();
        endpoint = "http://" + emulator.hostPort();
    }

    @AfterEach
    void stop() {
        emulator.close();
    }

    private CliRunner.Result cli(String... args) {
        String[] all = Stream.concat(Stream.of(args),
                Stream.of("--project", "cli-project", "--region", "europe-west4", "--api-endpoint", endpoint)).toArray(String[]::new);
        return CliRunner.run(all);
    }

    /** Exit 2, every fragment in stderr, nothing sent. */
    private void assertInvalid(CliRunner.Result r, String... fragments) {
        assertEquals(VertexAiCli.EXIT_INVALID, r.exitCode(), "stdout:\n" + r.out() + "\nstderr:\n" + r.err());
        for (String f : fragments) {
            assertTrue(r.err().contains(f), "stderr lacks '" + f + "':\n" + r.err());
        }
        assertEquals(0, emulator.stats().totalRpcs(), "no remote call for bad input");
    }

    // 1. Durations must be positive.

    @ParameterizedTest
    @ValueSource(strings = {"-PT1M", "PT0S", "0s", "soon"})
    void nonPositiveOrMalformedTimeoutIsRefused(String timeout) {
        assertInvalid(cli("persistent-resources", "create", "--persistent-resource-id", "pool", "--resource-pool-spec", SPEC,
                "--timeout=" + timeout), "--timeout", "'" + timeout + "'", DurationConverter.FORM);
    }

    @Test
    void nonPositiveGraceAndPipelineTimeoutAreRefused() {
        assertInvalid(cli("pipeline-jobs", "cancel", "some-job", "--grace", "-PT5M"), "--grace", DurationConverter.FORM);
        assertInvalid(cli("pipeline-jobs", "run", "--template", "missing.yaml", "--timeout", "PT0S"), "--timeout", DurationConverter.FORM);
    }

    @Test
    void benchUsesTheSameStrictParser() {
        assertInvalid(CliRunner.run("bench", "--runs", "1", "--task-duration", "0s"), "--task-duration", DurationConverter.FORM);
        assertInvalid(CliRunner.run("bench", "--runs", "1", "--poll-interval", "-PT1S"), "--poll-interval", DurationConverter.FORM);
    }

    // 2. --poll-interval-max > 0: a usage error, not a bare IllegalArgumentException (exit 1).

    @ParameterizedTest
    @ValueSource(strings = {"0s", "PT0S", "-PT1S"})
    void zeroPollIntervalMaxIsAUsageError(String value) {
        CliRunner.Result r = cli("pipeline-jobs", "run", "--template", "missing.yaml", "--poll-interval-max=" + value);
        assertInvalid(r, "--poll-interval-max", DurationConverter.FORM);
        assertTrue(!r.err().contains("IllegalArgumentException"), r.err());
    }

    // 3. --format is text or json.

    @Test
    void formatIsTextOrJson() {
        assertInvalid(cli("persistent-resources", "describe", "pool", "--format", "yaml"), "--format", "text, json", "'yaml'");
        assertInvalid(cli("persistent-resources", "list", "--format=JSON"), "--format", "text, json");
        assertInvalid(cli("pipeline-jobs", "list", "--format", "table"), "--format", "text, json");
        assertInvalid(cli("pipeline-jobs", "describe", "some-job", "--format", "xml"), "--format", "text, json");
    }

    @Test
    void jsonFormatStillWorks() {
        CliRunner.Result r = cli("pipeline-jobs", "list", "--format", "json");
        assertEquals(0, r.exitCode(), r.err());
        assertEquals("[]", r.out().strip());
    }

    // 4. A short job id is checked against PipelineJobIds.ID before any call.

    @ParameterizedTest
    @ValueSource(strings = {"Bad_Job", "1job", "job.v1", "job with spaces", "UPPER"})
    void describeAndCancelRefuseABadJobId(String id) {
        for (String sub : List.of("describe", "cancel")) {
            assertInvalid(cli("pipeline-jobs", sub, id), "PIPELINE_JOB", "'" + id + "'", PipelineJobIds.ID_FORM);
        }
    }

    @Test
    void tooLongJobIdIsRefused() {
        assertInvalid(cli("pipeline-jobs", "describe", "j".repeat(129)), "PIPELINE_JOB", PipelineJobIds.ID_FORM);
    }

    @Test
    void fullNameWithABadJobIdIsRefused() {
        assertInvalid(cli("pipeline-jobs", "describe", "projects/p/locations/europe-west4/pipelineJobs/Bad_Job"),
                "PIPELINE_JOB", "'Bad_Job'", PipelineJobIds.ID_FORM);
    }

    @Test
    void aValidJobIdReachesTheService() {
        CliRunner.Result r = cli("pipeline-jobs", "describe", "no-such-job");
        assertEquals(VertexAiCli.EXIT_FAILED, r.exitCode(), r.out() + r.err());
        assertTrue(r.err().contains("NOT_FOUND"), r.err());
        assertTrue(emulator.stats().totalRpcs() > 0);
    }

    // 5. demo --speed > 0.

    @ParameterizedTest
    @ValueSource(strings = {"0", "-120", "NaN", "Infinity"})
    void demoSpeedMustBePositive(String speed) {
        CliRunner.Result r = CliRunner.run("demo", "--speed", speed);
        assertEquals(VertexAiCli.EXIT_INVALID, r.exitCode(), r.out() + r.err());
        assertTrue(r.err().contains("--speed") && r.err().contains("positive"), r.err());
        assertTrue(!r.out().contains("emulator on"), "no emulator is started: " + r.out());
    }

    @Test
    void demoProvisioningTimeMustBePositive() {
        CliRunner.Result r = CliRunner.run("demo", "--provisioning-time", "0s");
        assertEquals(VertexAiCli.EXIT_INVALID, r.exitCode(), r.out() + r.err());
        assertTrue(r.err().contains("--provisioning-time") && r.err().contains(DurationConverter.FORM), r.err());
    }

    // 6. Every bad --resource-pool-spec is reported, each with its index.

    @Test
    void everyBadPoolSpecIsReportedWithItsIndex() {
        CliRunner.Result r = cli("persistent-resources", "create", "--persistent-resource-id", "pool",
                "--resource-pool-spec", "replica-count=1,machine-type=n1-standard-4,colour=blue",
                "--resource-pool-spec", SPEC,
                "--resource-pool-spec", "replica-count=two,machine-type=n1-standard-4");
        assertInvalid(r, "--resource-pool-spec[0]", "colour", "--resource-pool-spec[2]", "replica-count=2");
        assertTrue(!r.err().contains("--resource-pool-spec[1]"), "the good spec is not blamed: " + r.err());
    }
}
