package io.jenkins.plugins.vertexai.core.job;

import static io.jenkins.plugins.vertexai.core.EmulatorFixture.FAST;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.jenkins.plugins.vertexai.core.EmulatorFixture;
import io.jenkins.plugins.vertexai.core.ProgressEvent;
import io.jenkins.plugins.vertexai.core.job.PipelineRunResult.Outcome;
import io.jenkins.plugins.vertexai.core.pipeline.PipelineJobRequest;
import io.jenkins.plugins.vertexai.core.pipeline.PipelineJobRequestFactory;
import io.jenkins.plugins.vertexai.core.pipeline.PipelineRunSpec;
import io.jenkins.plugins.vertexai.core.pipeline.template.PipelineTemplate;
import io.jenkins.plugins.vertexai.core.pipeline.template.PipelineTemplateParser;
import java.io.InputStream;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The caching override and the run summary's cache hits, against the emulator's simulated cache over gRPC. */
class CachingRunTest {
    private EmulatorFixture fx;
    private PipelineTemplate template;

    @BeforeEach
    void start() throws Exception {
        fx = new EmulatorFixture(EmulatorFixture.fastEmulator().taskDuration(Duration.ofSeconds(30)));
        try (InputStream in = CachingRunTest.class.getResourceAsStream("/runner/train-eval.yaml")) {
            template = PipelineTemplateParser.parse(in.readAllBytes(), "train-eval.yaml"); // compiled without caching options
        }
    }

    @AfterEach
    void close() {
        fx.close();
    }

    private PipelineRunResult run(String key, Boolean enableCaching) {
        PipelineJobRequest req = new PipelineJobRequestFactory().create(template, PipelineRunSpec.builder()
                .templateLocation("train-eval.yaml").project("test-project").region("us-central1").runKey(key)
                .parameter("rows", "250").enableCaching(enableCaching).build());
        fx.events.clear();
        return fx.engine.pipelines(fx.connection).run(req.parent(), req.jobId(), req.pipelineJob(),
                PipelineWaitOptions.DEFAULT.withPolling(FAST), fx.listener()).join();
    }

    @Test
    void aRerunWithCachingReusesEveryTaskAndWarnsThatNothingRan() {
        PipelineRunResult first = run("nightly-1", true);
        assertEquals(Outcome.SUCCEEDED, first.outcome());
        assertEquals(new CacheUse(0, 3), first.cache());
        assertFalse(fx.logged(ProgressEvent.Kind.WARNING, "cache hit"), fx.events.toString());

        PipelineRunResult second = run("nightly-2", true);
        assertEquals(Outcome.SUCCEEDED, second.outcome());
        assertEquals(new CacheUse(3, 0), second.cache());
        assertTrue(second.tasks().stream().allMatch(t -> t.state().equals("SKIPPED")), second.tasks().toString());
        assertEquals(3, second.toMap().get("cacheHits"));
        assertTrue(fx.logged(ProgressEvent.Kind.RESULT, "cache hits: 3"), fx.events.toString());
        assertTrue(fx.logged(ProgressEvent.Kind.WARNING, "every task was a cache hit"), fx.events.toString());
    }

    @Test
    void theOverrideOffRunsEveryTaskAgain() {
        run("warm-up", true);
        PipelineRunResult forced = run("forced", false);
        assertEquals(new CacheUse(0, 3), forced.cache());
        assertFalse(fx.logged(ProgressEvent.Kind.WARNING, "cache hit"), fx.events.toString());
    }

    @Test
    void withoutTheOverrideTheSpecDecides() {
        run("spec-1", null);
        assertEquals(new CacheUse(0, 3), run("spec-2", null).cache(), "the template enables caching for no task");
    }
}
