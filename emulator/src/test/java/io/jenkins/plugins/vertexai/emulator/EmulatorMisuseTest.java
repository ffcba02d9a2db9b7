package io.jenkins.plugins.vertexai.emulator;

import static io.jenkins.plugins.vertexai.emulator.Requests.assertStatus;
import static io.jenkins.plugins.vertexai.emulator.Requests.create;
import static io.jenkins.plugins.vertexai.emulator.Requests.pool;
import static io.jenkins.plugins.vertexai.emulator.Requests.resource;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.grpc.Status;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The emulator's command line under misuse (issue 10): every bad option is refused with a reason and exit code 2. */
class EmulatorMisuseTest {
    private static IllegalArgumentException refused(String... args) {
        return assertThrows(IllegalArgumentException.class, () -> EmulatorOptions.parse(args));
    }

    @ParameterizedTest
    @ValueSource(strings = {"0", "-1", "Infinity", "NaN"})
    void aSpeedThatWouldFreezeTheClockIsRefused(String speed) {
        assertTrue(refused("--speed", speed).getMessage().contains("--speed: '" + speed + "' is not a positive number"));
    }

    @Test
    void aBadRegexSaysWhichOptionAndWhatIsWrong() {
        String m = refused("--fail-tasks", "train(").getMessage();
        assertTrue(m.startsWith("--fail-tasks: 'train(' is not a valid regular expression (Unclosed group"), m);
        assertTrue(refused("--fail-provisioning", "*x").getMessage().contains("--fail-provisioning: '*x' is not a valid regular expression"));
    }

    @Test
    void aPortOutOfRangeIsRefused() {
        assertTrue(refused("--port", "99999").getMessage().contains("--port: 99999 is not a port"));
    }

    @Test
    void aPortInUseSaysSo() {
        try (VertexAiEmulator first = VertexAiEmulator.builder().port(0).build().start()) {
            UncheckedIOException e = assertThrows(UncheckedIOException.class,
                    () -> VertexAiEmulator.builder().port(first.port()).build().start());
            assertTrue(e.getMessage().contains("the port is in use"), e.getMessage());
        }
    }

    /** The real entry point in a child JVM: exit code 2 and one error line for each bad option. */
    @ParameterizedTest
    @ValueSource(strings = {"--speed=0", "--fail-tasks=(", "--port=99999", "--prot=1", "--provisioning-time=soon", "--fault-unavailable=2"})
    void everyBadOptionExitsTwo(String option) throws IOException, InterruptedException {
        List<String> cmd = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-cp",
                System.getProperty("surefire.test.class.path", System.getProperty("java.class.path")),
                EmulatorMain.class.getName(), option));
        Process p = new ProcessBuilder(cmd).redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
        String err = new String(p.getErrorStream().readAllBytes(), StandardCharsets.UTF_8);
        assertEquals(2, p.waitFor(), err);
        assertTrue(err.startsWith("error: "), err);
    }

    @Test
    void aHugeReplicaCountIsRefusedLikeAnAutoscalingMaximum() {
        try (Loopback loop = Loopback.frozen()) {
            String d = assertStatus(Status.Code.INVALID_ARGUMENT,
                    () -> loop.resources().createPersistentResource(create("huge", resource(pool("n1-standard-4", 99_999_999_999_999L)))));
            assertTrue(d.contains("replica_count: must be at most 1000"), d);
        }
    }
}
