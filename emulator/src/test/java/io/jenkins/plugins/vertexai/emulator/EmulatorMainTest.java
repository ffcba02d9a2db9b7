package io.jenkins.plugins.vertexai.emulator;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.jenkins.plugins.vertexai.emulator.fault.FaultKind;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

class EmulatorMainTest {

    @Test
    void parsesOptions() {
        EmulatorOptions o = EmulatorOptions.parse("--port", "0", "--speed=60", "--provisioning-time", "10m",
                "--seed", "42", "--fault-unavailable", "0.2", "--fault-deadline-exceeded", "0.05",
                "--fail-tasks", "train.*", "--fail-tasks", "eval", "--task-duration", "PT45S", "--stock-out", "NVIDIA_L4");
        assertEquals(0, o.port);
        assertEquals(60.0, o.speed);
        assertEquals(Duration.ofMinutes(10), o.provisioningTime);
        assertEquals(42L, o.seed);
        assertEquals(0.2, o.faultRates.get(FaultKind.UNAVAILABLE));
        assertEquals(0.05, o.faultRates.get(FaultKind.DEADLINE_EXCEEDED));
        assertEquals(java.util.List.of("train.*", "eval"), o.failTasks);
        assertEquals(Duration.ofSeconds(45), o.taskDuration);
        assertTrue(EmulatorOptions.parse("--help").help);
    }

    @Test
    void rejectsBadOptionsSayingWhy() {
        assertEquals("unknown option --prot (see --help)",
                assertThrows(IllegalArgumentException.class, () -> EmulatorOptions.parse("--prot", "1")).getMessage());
        assertEquals("--port needs a value", assertThrows(IllegalArgumentException.class, () -> EmulatorOptions.parse("--port")).getMessage());
        assertThrows(IllegalArgumentException.class, () -> EmulatorOptions.parse("--fault-unavailable", "2"));
        assertThrows(IllegalArgumentException.class, () -> EmulatorOptions.parse("--provisioning-time", "soon"));
        assertEquals(Duration.ofMillis(1500), DurationText.parse("1.5s"));
        assertEquals(Duration.ofHours(2), DurationText.parse("2h"));
    }

    @Test
    void launchPrintsTheExportLine() {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        EmulatorOptions options = EmulatorOptions.parse("--port", "0", "--speed", "60", "--fail-provisioning", "bad-.*");
        try (VertexAiEmulator emulator = EmulatorMain.launch(options, new PrintStream(bytes, true, StandardCharsets.UTF_8))) {
            assertEquals("export VERTEX_AI_EMULATOR_HOST=127.0.0.1:" + emulator.port() + System.lineSeparator(),
                    bytes.toString(StandardCharsets.UTF_8));
            assertTrue(emulator.port() > 0);
            assertEquals(60.0, emulator.clock().speed());
        }
    }

    @Test
    void projectNumbersAndTaskOutputsFromTheCommandLine() {
        EmulatorOptions o = EmulatorOptions.parse("--port", "0", "--speed", "60", "--project-number", "ml-prod=123456789012",
                "--task-output", "evaluate.accuracy=0.93", "--task-output=train.model_name=xgb");
        try (VertexAiEmulator e = EmulatorMain.launch(o, new java.io.PrintStream(java.io.OutputStream.nullOutputStream()))) {
            assertEquals(123456789012L, e.projectNumber("ml-prod"));
        }
        assertEquals(List.of("evaluate", "accuracy", "0.93"), List.of(o.taskOutputs.get(0)));
        assertEquals(List.of("train", "model_name", "xgb"), List.of(o.taskOutputs.get(1)));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> EmulatorOptions.parse("--project-number", "ml-prod"))
                .getMessage().contains("ID=NUMBER"));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> EmulatorOptions.parse("--project-number", "a-project=1",
                "--project-number", "b-project=1")).getMessage().contains("already the number of a-project"));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> EmulatorOptions.parse("--task-output", "accuracy=1"))
                .getMessage().contains("TASK.NAME=VALUE"));
    }
}
