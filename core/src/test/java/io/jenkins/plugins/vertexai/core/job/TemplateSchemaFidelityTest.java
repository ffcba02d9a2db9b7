package io.jenkins.plugins.vertexai.core.job;

import static io.jenkins.plugins.vertexai.core.EmulatorFixture.FAST;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.jenkins.plugins.vertexai.core.EmulatorFixture;
import io.jenkins.plugins.vertexai.core.ValidationException;
import io.jenkins.plugins.vertexai.core.job.PipelineRunResult.Outcome;
import io.jenkins.plugins.vertexai.core.pipeline.PipelineJobRequest;
import io.jenkins.plugins.vertexai.core.pipeline.PipelineJobRequestFactory;
import io.jenkins.plugins.vertexai.core.pipeline.PipelineRunSpec;
import io.jenkins.plugins.vertexai.core.pipeline.template.PipelineTemplate;
import io.jenkins.plugins.vertexai.core.pipeline.template.PipelineTemplateParser;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Templates as the Python SDK treats them, checked against the emulator over gRPC: every schema above 2.0.0 takes
 * {@code parameterValues}, and a root parameter of a type this tool does not know is left to the service.
 */
class TemplateSchemaFidelityTest {
    private EmulatorFixture fx;

    @AfterEach
    void close() {
        if (fx != null) {
            fx.close();
        }
    }

    private static PipelineTemplate variant(String schemaVersion, boolean finalStatusParameter) throws IOException {
        String yaml;
        try (InputStream in = TemplateSchemaFidelityTest.class.getResourceAsStream("/runner/train-eval.yaml")) {
            yaml = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
        yaml = yaml.replace("schemaVersion: 2.1.0", "schemaVersion: " + schemaVersion);
        if (finalStatusParameter) {
            // KFP IR has more parameter types than core converts, e.g. the status an exit handler receives.
            yaml = yaml.replace("  inputDefinitions:\n    parameters:\n      rows:\n",
                    "  inputDefinitions:\n    parameters:\n      status:\n        parameterType: TASK_FINAL_STATUS\n      rows:\n");
        }
        return PipelineTemplateParser.parse(yaml.getBytes(StandardCharsets.UTF_8), "train-eval.yaml");
    }

    private static PipelineRunSpec.Builder run(String key) {
        return PipelineRunSpec.builder().templateLocation("train-eval.yaml").project("test-project").region("us-central1")
                .runKey(key).parameter("rows", "250");
    }

    private PipelineRunResult runToEnd(PipelineJobRequest req) {
        fx = fx != null ? fx : new EmulatorFixture(EmulatorFixture.fastEmulator().taskDuration(Duration.ofSeconds(30)));
        return fx.engine.pipelines(fx.connection).run(req.parent(), req.jobId(), req.pipelineJob(),
                PipelineWaitOptions.DEFAULT.withPolling(FAST), fx.listener()).join();
    }

    @Test
    void aSchemaAbove210TakesParameterValuesAndRuns() throws Exception {
        PipelineJobRequest req = new PipelineJobRequestFactory().create(variant("2.2.0", false), run("schema-2-2").build());
        assertEquals(250.0, req.pipelineJob().getRuntimeConfig().getParameterValuesOrThrow("rows").getNumberValue());
        assertEquals(0, legacyParameterCount(req));
        assertEquals(Outcome.SUCCEEDED, runToEnd(req).outcome());
    }

    @Test
    void everyVersionAbove200TakesParameterValues() throws Exception {
        assertFalse(variant("2.0.1", false).legacyParameters(), "every version above 2.0.0 takes parameterValues");
        assertThrows(ValidationException.class, () -> variant("3.0.0", false));
    }

    @Test
    void aRootParameterOfAnUnknownTypeIsPassedThroughWhenLeftOut() throws Exception {
        PipelineTemplate t = variant("2.1.0", true);
        PipelineJobRequest req = new PipelineJobRequestFactory().create(t, run("final-status").build());
        assertFalse(req.pipelineJob().getRuntimeConfig().containsParameterValues("status"));
        assertEquals(Outcome.SUCCEEDED, runToEnd(req).outcome());
    }

    @Test
    void settingAParameterOfAnUnknownTypeIsRefusedNamingTheType() throws Exception {
        PipelineTemplate t = variant("2.1.0", true);
        ValidationException e = assertThrows(ValidationException.class,
                () -> new PipelineJobRequestFactory().create(t, run("final-status-set").parameter("status", "SUCCEEDED").build()));
        assertTrue(e.getMessage().contains("parameter 'status' has type TASK_FINAL_STATUS"), e.getMessage());
    }

    @SuppressWarnings("deprecation")
    private static int legacyParameterCount(PipelineJobRequest req) {
        return req.pipelineJob().getRuntimeConfig().getParametersCount();
    }
}
