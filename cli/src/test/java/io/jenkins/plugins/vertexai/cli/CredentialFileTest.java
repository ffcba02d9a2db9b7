package io.jenkins.plugins.vertexai.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.jenkins.plugins.vertexai.emulator.VertexAiEmulator;
import java.io.File;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code vertex-ai} against an emulator that requires authentication, as a user runs it: a separate process with the
 * variables the emulator printed, and a key it generated given by {@code --credential-file} or
 * {@code GOOGLE_APPLICATION_CREDENTIALS}.
 */
class CredentialFileTest {
    @TempDir
    Path dir;

    private VertexAiEmulator emulator;
    private Path ca;

    @BeforeEach
    void start() throws Exception {
        emulator = VertexAiEmulator.builder().port(0).speed(6000).provisioningTime(Duration.ofMinutes(5)).requireAuth(true).build().start();
        ca = Files.writeString(dir.resolve("ca.pem"), emulator.auth().certificatePem());
    }

    @AfterEach
    void stop() {
        emulator.close();
    }

    private record Run(int exitCode, String out, String err) {
    }

    private Run cli(Map<String, String> extraEnv, String... args) throws Exception {
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", System.getProperty("java.class.path"), VertexAiCli.class.getName()));
        command.addAll(List.of(args));
        command.addAll(List.of("--project", "demo-project", "--region", "us-central1"));
        ProcessBuilder pb = new ProcessBuilder(command).redirectOutput(dir.resolve("out.txt").toFile())
                .redirectError(dir.resolve("err.txt").toFile());
        pb.environment().remove("GOOGLE_APPLICATION_CREDENTIALS");
        pb.environment().put("VERTEX_AI_EMULATOR_HOST", emulator.hostPort());
        pb.environment().put("VERTEX_AI_EMULATOR_CA", ca.toString());
        pb.environment().putAll(extraEnv);
        Process p = pb.start();
        if (!p.waitFor(2, TimeUnit.MINUTES)) {
            p.destroyForcibly();
            throw new AssertionError("vertex-ai did not finish");
        }
        return new Run(p.exitValue(), Files.readString(dir.resolve("out.txt")), Files.readString(dir.resolve("err.txt")));
    }

    private Path key(String name, boolean hasRole) throws Exception {
        return Files.writeString(dir.resolve(name + ".json"), emulator.auth().createServiceAccountKey(name, "demo-project", hasRole),
                StandardCharsets.UTF_8);
    }

    @Test
    void aGeneratedKeyWorksByFlagOrByApplicationDefaultCredentials() throws Exception {
        Path key = key("jenkins-ci", true);
        Run created = cli(Map.of(), "persistent-resources", "create", "--persistent-resource-id", "cli-pool",
                "--resource-pool-spec", "replica-count=1,machine-type=n1-standard-4", "--credential-file", key.toString());
        assertEquals(0, created.exitCode(), created.out() + created.err());
        assertTrue(created.out().contains("persistentResources/cli-pool  RUNNING"), created.out());

        Run listed = cli(Map.of("GOOGLE_APPLICATION_CREDENTIALS", key.toString()), "persistent-resources", "list");
        assertEquals(0, listed.exitCode(), listed.err());
        assertTrue(listed.out().contains("persistentResources/cli-pool"), listed.out());
        assertEquals(2, emulator.auth().tokensIssued());
    }

    @Test
    void refusalsAreReportedWithoutSecrets() throws Exception {
        Run denied = cli(Map.of(), "persistent-resources", "create", "--persistent-resource-id", "denied",
                "--resource-pool-spec", "replica-count=1,machine-type=n1-standard-4", "--credential-file", key("no-role-bot", false).toString());
        assertEquals(VertexAiCli.EXIT_FAILED, denied.exitCode());
        assertTrue(denied.err().contains("PERMISSION_DENIED: Permission 'aiplatform.persistentResources.create' denied"), denied.err());
        assertTrue(denied.err().contains("roles/aiplatform.admin"), denied.err());

        Run none = cli(Map.of(), "persistent-resources", "list");
        assertEquals(VertexAiCli.EXIT_INVALID, none.exitCode(), none.err());
        assertTrue(none.err().contains("GOOGLE_APPLICATION_CREDENTIALS"), none.err());

        Path notAKey = Files.writeString(dir.resolve("broken.json"), "{\"type\": \"service_account\", \"private_key\": \"secret-bits\"}");
        Run broken = cli(Map.of(), "persistent-resources", "list", "--credential-file", notAKey.toString());
        assertEquals(VertexAiCli.EXIT_INVALID, broken.exitCode());
        assertTrue(broken.err().contains("--credential-file: cannot read " + notAKey), broken.err());
        for (Run r : List.of(denied, none, broken)) {
            assertFalse((r.out() + r.err()).contains("PRIVATE KEY") || (r.out() + r.err()).contains("secret-bits")
                    || (r.out() + r.err()).contains("ya29."), r.err());
        }
    }
}
