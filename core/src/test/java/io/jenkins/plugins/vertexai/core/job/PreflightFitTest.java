package io.jenkins.plugins.vertexai.core.job;

import static io.jenkins.plugins.vertexai.core.EmulatorFixture.FAST;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.jenkins.plugins.vertexai.core.EmulatorFixture;
import io.jenkins.plugins.vertexai.core.ProgressEvent;
import io.jenkins.plugins.vertexai.core.async.Futures;
import io.jenkins.plugins.vertexai.core.job.PipelineRunResult.Outcome;
import io.jenkins.plugins.vertexai.core.pipeline.PersistentResourceRuntime;
import io.jenkins.plugins.vertexai.core.pipeline.PipelineJobRequest;
import io.jenkins.plugins.vertexai.core.pipeline.PipelineJobRequestFactory;
import io.jenkins.plugins.vertexai.core.pipeline.PipelineRunSpec;
import io.jenkins.plugins.vertexai.core.pipeline.template.PipelineTemplate;
import io.jenkins.plugins.vertexai.core.pipeline.template.PipelineTemplateParser;
import io.jenkins.plugins.vertexai.core.resource.EnsureOptions;
import io.jenkins.plugins.vertexai.core.resource.IfExists;
import io.jenkins.plugins.vertexai.core.resource.PersistentResourceName;
import io.jenkins.plugins.vertexai.core.resource.PersistentResourceSpec;
import io.jenkins.plugins.vertexai.core.resource.ResourcePoolSpecParser;
import java.io.InputStream;
import java.time.Duration;
import java.util.concurrent.CompletionException;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Core's preflight and the emulator agree on what is refused at submission and what waits: a REBOOTING resource
 * takes the run (its tasks wait), and the job's network and CMEK key must be the resource's.
 */
class PreflightFitTest {
    private static final String NETWORK = "projects/123456789012/global/networks/ml-vpc";
    private static final String KEY = "projects/test-project/locations/us-central1/keyRings/ml/cryptoKeys/pipelines";
    private EmulatorFixture fx;
    private PipelineTemplate template;

    @BeforeEach
    void start() throws Exception {
        // The reboot lasts 10 simulated minutes (0.5 s) and the tasks wait up to an hour.
        fx = new EmulatorFixture(EmulatorFixture.fastEmulator().taskDuration(Duration.ofSeconds(30)));
        try (InputStream in = PreflightFitTest.class.getResourceAsStream("/runner/train-eval.yaml")) {
            template = PipelineTemplateParser.parse(in.readAllBytes(), "train-eval.yaml");
        }
    }

    @AfterEach
    void close() {
        fx.close();
    }

    private String resource(String id, UnaryOperator<PersistentResourceSpec.Builder> extra) {
        PersistentResourceSpec spec = extra.apply(PersistentResourceSpec.builder().persistentResourceId(id).project("test-project")
                .region("us-central1").addResourcePool(ResourcePoolSpecParser.parse(
                        "replica-count=1,machine-type=n1-standard-8,accelerator-type=NVIDIA_TESLA_T4,accelerator-count=1"))).build();
        return fx.engine.persistentResources(fx.connection).ensure(spec, new EnsureOptions(IfExists.REUSE, true, FAST), fx.listener()).join().name();
    }

    private PipelineJobRequest request(String key, String resource, UnaryOperator<PipelineRunSpec.Builder> extra) {
        return new PipelineJobRequestFactory().create(template, extra.apply(PipelineRunSpec.builder().templateLocation("train-eval.yaml")
                .project("test-project").region("us-central1").runKey(key).parameter("rows", "250")
                .persistentResourceRuntime(new PersistentResourceRuntime(resource, "1h", "fail"))).build());
    }

    private PipelineRunResult submitAndWait(PipelineJobRequest req, boolean preflight) {
        return new PipelineSubmission(fx.engine, fx.connection).submit(req, preflight, fx.listener())
                .thenCompose(s -> fx.engine.pipelines(fx.connection).await(PipelineJobName.parse("n", s.jobName()),
                        PipelineWaitOptions.DEFAULT.withPolling(FAST), fx.listener())).join();
    }

    @Test
    void aRebootingResourceTakesTheRunAndItsTasksWait() {
        String name = resource("rebooting", b -> b);
        fx.engine.persistentResources(fx.connection).reboot(PersistentResourceName.parse("n", name),
                new EnsureOptions(IfExists.REUSE, false, FAST), fx.listener()).join();
        PipelineRunResult r = submitAndWait(request("during-reboot", name, b -> b), true);
        assertEquals(Outcome.SUCCEEDED, r.outcome(), r.toString());
        assertTrue(fx.logged(ProgressEvent.Kind.INFO, "is REBOOTING: tasks wait for it"), fx.events.toString());
    }

    @Test
    void aJobWithoutTheResourcesNetworkAndKeyIsRefusedBeforeSubmitting() {
        String name = resource("private", b -> b.network(NETWORK).kmsKeyName(KEY));
        PipelineJobRequest plain = request("plain", name, b -> b);
        Throwable t = Futures.unwrap(assertThrows(CompletionException.class, () -> submitAndWait(plain, true)));
        assertTrue(t.getMessage().contains("the job's network is none but the resource's is " + NETWORK), t.getMessage());
        assertTrue(t.getMessage().contains("the job's CMEK key is none but the resource's is " + KEY), t.getMessage());
        assertEquals(0, fx.emulator.pipelineJobsCreated(), "refused before any job was made");

        // Without the preflight the service refuses it as well.
        Throwable server = Futures.unwrap(assertThrows(CompletionException.class, () -> submitAndWait(plain, false)));
        assertTrue(server.getMessage().contains("FAILED_PRECONDITION") && server.getMessage().contains("network"), server.getMessage());
        assertEquals(0, fx.emulator.pipelineJobsCreated());

        PipelineRunResult fits = submitAndWait(request("fits", name, b -> b.network(NETWORK).kmsKeyName(KEY)), true);
        assertEquals(Outcome.SUCCEEDED, fits.outcome(), fits.toString());
    }
}
