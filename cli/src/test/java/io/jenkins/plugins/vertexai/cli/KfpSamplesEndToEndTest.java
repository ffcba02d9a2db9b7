package io.jenkins.plugins.vertexai.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.jenkins.plugins.vertexai.core.pipeline.template.PipelineParameter;
import io.jenkins.plugins.vertexai.core.pipeline.template.PipelineTemplate;
import io.jenkins.plugins.vertexai.core.pipeline.template.PipelineTemplateParser;
import io.jenkins.plugins.vertexai.emulator.VertexAiEmulator;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

/**
 * Every compiled KFP sample in ../shared/kfp-samples, end to end through the CLI against the emulator: valid
 * ones SUCCEED (given values for their required parameters), invalid ones are rejected before submission,
 * failing ones FAIL when their failing tasks are scripted to fail. Skipped, and says so, when the folder is absent.
 */
class KfpSamplesEndToEndTest {
    private static VertexAiEmulator emulator;

    static Path samples() {
        String prop = System.getProperty("kfp.samples");
        Path p = prop != null ? Path.of(prop) : Path.of("..", "..", "shared", "kfp-samples");
        return p.toAbsolutePath().normalize();
    }

    @BeforeAll
    static void start() {
        emulator = VertexAiEmulator.builder().port(0).speed(3000).taskDuration(Duration.ofSeconds(20))
                .jobQueuedTime(Duration.ofSeconds(2)).jobPendingTime(Duration.ofSeconds(2))
                .failTasks("fail|fail-op", "scripted failure: the sample's component exits 1").build().start();
    }

    @AfterAll
    static void stop() {
        if (emulator != null) {
            emulator.close();
        }
    }

    @TestFactory
    Stream<DynamicTest> everySample() throws IOException {
        Path dir = samples();
        if (!Files.isDirectory(dir)) {
            System.out.println("KfpSamplesEndToEndTest: skipped, no samples at " + dir);
            Assumptions.abort("no samples at " + dir);
        }
        try (Stream<Path> files = Files.list(dir)) {
            return files.filter(f -> f.toString().endsWith(".yaml")).sorted().toList().stream()
                    .map(f -> DynamicTest.dynamicTest(f.getFileName().toString(), () -> check(f)));
        }
    }

    private void check(Path file) throws IOException {
        String name = file.getFileName().toString();
        List<String> args = new ArrayList<>(List.of("pipeline-jobs", "run", "--template", file.toString(),
                "--project", "kfp-samples", "--region", "us-central1", "--api-endpoint", "http://" + emulator.hostPort(),
                "--pipeline-root", "gs://samples-bucket/root", "--run-key", name, "--poll-interval-max", "100ms"));
        if (!name.startsWith("invalid-")) {
            PipelineTemplate t = PipelineTemplateParser.parse(Files.readAllBytes(file), name);
            for (PipelineParameter p : t.inputParameters().values()) {
                if (p.required()) {
                    args.add("--parameter");
                    args.add(p.name() + "=" + sampleValue(p));
                }
            }
        }
        long jobsBefore = emulator.pipelineJobsCreated();
        CliRunner.Result r = CliRunner.run(args.toArray(String[]::new));
        String all = r.out() + r.err();
        if (name.startsWith("invalid-")) {
            assertEquals(VertexAiCli.EXIT_INVALID, r.exitCode(), all);
            assertTrue(r.err().contains("invalid input") || r.err().contains("template"), all);
            assertEquals(jobsBefore, emulator.pipelineJobsCreated(), "rejected before submission");
        } else if (name.startsWith("failing-")) {
            assertEquals(VertexAiCli.EXIT_FAILED, r.exitCode(), all);
            assertTrue(r.out().contains("FAILED") && r.out().contains("scripted failure"), all);
        } else {
            assertEquals(0, r.exitCode(), all);
            assertTrue(r.out().contains("SUCCEEDED"), all);
        }
    }

    private static String sampleValue(PipelineParameter p) {
        return switch (p.type()) {
            case STRING -> "sample";
            case NUMBER_INTEGER -> "3";
            case NUMBER_DOUBLE -> "0.5";
            case BOOLEAN -> "true";
            case LIST -> "[1, 2]";
            case STRUCT -> "{\"a\": 1}";
            case OTHER -> throw new AssertionError(p.name() + ": a parameter of type " + p.typeName() + " is never required");
        };
    }
}
