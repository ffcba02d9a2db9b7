package io.jenkins.plugins.vertexai.core.pipeline;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.jenkins.plugins.vertexai.core.ValidationException;
import io.jenkins.plugins.vertexai.core.pipeline.PipelineRootResolver.Origin;
import io.jenkins.plugins.vertexai.core.pipeline.PipelineRootResolver.PipelineRoot;
import io.jenkins.plugins.vertexai.core.pipeline.template.PipelineTemplate;
import org.junit.jupiter.api.Test;

class PipelineRootResolverTest {
    private static final PipelineTemplate NO_ROOT = TestFiles.template("typed-params.yaml");
    private static final PipelineTemplate SPEC_ROOT = TestFiles.template("nested-dags.yaml");
    private static final PipelineTemplate JOB_ROOT = TestFiles.template("job-with-values.json");

    /** A spec default and a job JSON output directory in one template, to check which wins. */
    private static final PipelineTemplate BOTH = new PipelineTemplate(JOB_ROOT.source(), JOB_ROOT.pipelineSpec(),
            JOB_ROOT.pipelineName(), JOB_ROOT.schemaVersion(), "gs://spec-bucket/root", JOB_ROOT.inputParameters(),
            JOB_ROOT.inputArtifacts(), JOB_ROOT.runtimeParameterValues(), JOB_ROOT.runtimeParameters(),
            JOB_ROOT.gcsOutputDirectory(), JOB_ROOT.labels(), JOB_ROOT.displayName(), null);

    @Test
    void firstGivenWinsInOrder() {
        assertEquals(new PipelineRoot("gs://explicit/x", Origin.EXPLICIT), PipelineRootResolver.resolve("gs://explicit/x", BOTH, "gs://caller/d"));
        assertEquals(new PipelineRoot("gs://spec-bucket/root", Origin.SPEC_DEFAULT), PipelineRootResolver.resolve(null, BOTH, "gs://caller/d"));
        assertEquals(new PipelineRoot("gs://spec-bucket/root", Origin.SPEC_DEFAULT), PipelineRootResolver.resolve(" ", SPEC_ROOT, "gs://caller/d"));
        assertEquals(new PipelineRoot("gs://json-bucket/out", Origin.JOB_RUNTIME_CONFIG), PipelineRootResolver.resolve(null, JOB_ROOT, "gs://caller/d"));
        assertEquals(new PipelineRoot("gs://caller/d", Origin.CALLER_DEFAULT), PipelineRootResolver.resolve(null, NO_ROOT, "gs://caller/d"));
    }

    @Test
    void noneIsAnErrorAndNothingIsCreated() {
        ValidationException e = assertThrows(ValidationException.class, () -> PipelineRootResolver.resolve(null, NO_ROOT, null));
        assertEquals("pipelineRoot", e.problems().get(0).field());
        assertTrue(e.getMessage().contains("no pipeline root"), e.getMessage());
    }

    @Test
    void theChosenRootMustBeCloudStorage() {
        ValidationException e = assertThrows(ValidationException.class, () -> PipelineRootResolver.resolve("/tmp/out", SPEC_ROOT, null));
        assertTrue(e.getMessage().contains("'/tmp/out' (from the run's pipeline root) is not a Cloud Storage location"), e.getMessage());
        assertThrows(ValidationException.class, () -> PipelineRootResolver.resolve("gs://", NO_ROOT, null));
    }

    @Test
    void theFactoryPutsTheRootIntoTheRuntimeConfig() {
        PipelineJobRequest r = new PipelineJobRequestFactory("gs://caller/d").create(JOB_ROOT,
                PipelineRunSpec.builder().project("p-1234").region("europe-west4").runKey("k").build());
        assertEquals("gs://json-bucket/out", r.pipelineJob().getRuntimeConfig().getGcsOutputDirectory());
        assertEquals(Origin.JOB_RUNTIME_CONFIG, r.pipelineRoot().origin());
    }
}
