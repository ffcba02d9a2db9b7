package io.jenkins.plugins.vertexai.core.job;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.cloud.aiplatform.v1beta1.PipelineJob.RuntimeConfig.PersistentResourceRuntimeDetail;
import com.google.cloud.aiplatform.v1beta1.PipelineJob.RuntimeConfig.PersistentResourceRuntimeDetail.TaskResourceUnavailableTimeoutBehavior;
import io.jenkins.plugins.vertexai.core.EmulatorFixture;
import io.jenkins.plugins.vertexai.core.ProgressEvent;
import io.jenkins.plugins.vertexai.core.async.Futures;
import io.jenkins.plugins.vertexai.core.pipeline.PipelineJobRequest;
import io.jenkins.plugins.vertexai.core.pipeline.PipelineJobRequestFactory;
import io.jenkins.plugins.vertexai.core.pipeline.PipelineRunSpec;
import io.jenkins.plugins.vertexai.core.pipeline.template.PipelineTemplate;
import io.jenkins.plugins.vertexai.core.pipeline.template.PipelineTemplateParser;
import java.io.IOException;
import java.io.InputStream;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.CompletionException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The same run key with a different request does not attach silently (issue 10). */
class AttachCheckTest {
    private EmulatorFixture fx;

    @AfterEach
    void close() {
        if (fx != null) {
            fx.close();
        }
    }

    private static PipelineJobRequest request(String rows) throws IOException {
        PipelineTemplate t;
        try (InputStream in = AttachCheckTest.class.getResourceAsStream("/runner/train-eval.yaml")) {
            t = PipelineTemplateParser.parse(in.readAllBytes(), "train-eval.yaml");
        }
        return new PipelineJobRequestFactory().create(t, PipelineRunSpec.builder().templateLocation("train-eval.yaml")
                .project("test-project").region("us-central1").runKey("nightly-1").parameter("rows", rows).build());
    }

    @Test
    void aDifferentRequestUnderTheSameIdFailsWithTheDifferencesUnlessAttachAnyway() throws Exception {
        fx = new EmulatorFixture(EmulatorFixture.fastEmulator().taskDuration(Duration.ofHours(1)));
        PipelineRunner runner = fx.engine.pipelines(fx.connection);
        PipelineJobRequest first = request("250");
        runner.submit(first.parent(), first.jobId(), first.pipelineJob(), fx.listener()).join();

        PipelineJobRequest same = request("250");
        assertEquals(first.jobId(), same.jobId());
        runner.submit(same.parent(), same.jobId(), same.pipelineJob(), fx.listener()).join(); // identical: attaches

        PipelineJobRequest other = request("999");
        Throwable t = Futures.unwrap(assertThrows(CompletionException.class,
                () -> runner.submit(other.parent(), other.jobId(), other.pipelineJob(), fx.listener()).join()));
        assertTrue(t.getMessage().contains("parameter rows: the job has 250, this request 999"), t.getMessage());
        assertTrue(t.getMessage().contains("attachAnyway"), t.getMessage());

        fx.events.clear();
        PipelineRunResult attached = runner.submit(other.parent(), other.jobId(), other.pipelineJob(), true, fx.listener()).join();
        assertEquals(first.jobId(), attached.jobId(), "the same job (the service names it with the project number)");
        assertTrue(fx.logged(ProgressEvent.Kind.WARNING, "attaching anyway"), fx.events.toString());
        assertEquals(1, fx.emulator.pipelineJobsCreated(), "never a second job");

        PipelineRunResult described = runner.describe(PipelineJobName.parse("name", first.jobName())).join();
        assertEquals(Map.of("rows", 250L), described.parameters());
        assertEquals(Map.of("rows", 250L), described.toMap().get("parameters"));
    }

    @Test
    void theResourceWaitIsWordedForWhatWasSet() {
        assertEquals("wait and then act as the service's defaults say",
                PipelineSubmission.whenFull(PersistentResourceRuntimeDetail.getDefaultInstance()));
        String both = PipelineSubmission.whenFull(PersistentResourceRuntimeDetail.newBuilder().setTaskResourceUnavailableWaitTimeMs(600_000)
                .setTaskResourceUnavailableTimeoutBehavior(TaskResourceUnavailableTimeoutBehavior.FALL_BACK_TO_ON_DEMAND).build());
        assertTrue(both.startsWith("wait 10m") && both.endsWith("then FALL_BACK_TO_ON_DEMAND"), both);
        assertTrue(!both.contains("0 ms"), both);
    }
}
