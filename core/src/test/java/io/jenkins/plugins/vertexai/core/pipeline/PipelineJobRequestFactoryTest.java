package io.jenkins.plugins.vertexai.core.pipeline;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.cloud.aiplatform.v1beta1.CreatePipelineJobRequest;
import com.google.cloud.aiplatform.v1beta1.PipelineFailurePolicy;
import com.google.cloud.aiplatform.v1beta1.PipelineJob;
import io.jenkins.plugins.vertexai.core.ValidationException;
import io.jenkins.plugins.vertexai.core.pipeline.template.PipelineTemplate;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

class PipelineJobRequestFactoryTest {
    private static final PipelineTemplate TYPED = TestFiles.template("typed-params.yaml");
    private static final PipelineJobRequestFactory FACTORY = new PipelineJobRequestFactory("gs://default-bucket/root");

    private static PipelineRunSpec.Builder run() {
        return PipelineRunSpec.builder().project("my-project").region("us-central1").runKey("job#7#step")
                .parameter("name", "n").parameter("epochs", "1");
    }

    private static Set<String> fields(ValidationException e) {
        return e.problems().stream().map(ValidationException.Problem::field).collect(Collectors.toSet());
    }

    @Test
    void buildsACompleteJob() {
        PipelineJobRequest r = FACTORY.create(TYPED, run().displayName("Nightly training").failurePolicy("FAST")
                .label("team", "ml").serviceAccount("runner@my-project.iam.gserviceaccount.com")
                .network("projects/123456/global/networks/vpc").reservedIpRanges(List.of("range-a", "range-b"))
                .kmsKeyName("projects/my-project/locations/us-central1/keyRings/r/cryptoKeys/k")
                .inputArtifact("dataset", "4096").build());
        PipelineJob job = r.pipelineJob();
        assertEquals("projects/my-project/locations/us-central1", r.parent());
        assertEquals(PipelineJobIds.derive("typed-params", "job#7#step"), r.jobId());
        assertEquals(r.parent() + "/pipelineJobs/" + r.jobId(), r.jobName());
        assertEquals("Nightly training", job.getDisplayName());
        assertEquals(PipelineFailurePolicy.PIPELINE_FAILURE_POLICY_FAIL_FAST, job.getRuntimeConfig().getFailurePolicy());
        assertEquals(Map.of("team", "ml"), job.getLabelsMap());
        assertEquals("runner@my-project.iam.gserviceaccount.com", job.getServiceAccount());
        assertEquals("projects/123456/global/networks/vpc", job.getNetwork());
        assertEquals(List.of("range-a", "range-b"), job.getReservedIpRangesList());
        assertEquals("projects/my-project/locations/us-central1/keyRings/r/cryptoKeys/k", job.getEncryptionSpec().getKmsKeyName());
        assertEquals("4096", job.getRuntimeConfig().getInputArtifactsOrThrow("dataset").getArtifactId());
        assertEquals("gs://default-bucket/root", job.getRuntimeConfig().getGcsOutputDirectory());
        assertEquals(TYPED.pipelineSpec(), job.getPipelineSpec());
        assertTrue(job.getTemplateUri().isEmpty());
        assertFalse(job.getRuntimeConfig().hasDefaultRuntime());

        CreatePipelineJobRequest create = r.toCreateRequest();
        assertEquals(r.parent(), create.getParent());
        assertEquals(r.jobId(), create.getPipelineJobId());
        assertEquals(job, create.getPipelineJob());
    }

    @Test
    void displayNameDefaultsToTheJobJsonThenThePipelineName() {
        assertEquals("typed-params", FACTORY.create(TYPED, run().build()).pipelineJob().getDisplayName());
        assertEquals("from json", FACTORY.create(TestFiles.template("job-with-values.json"),
                PipelineRunSpec.builder().project("p-1").region("us-central1").runKey("k").build()).pipelineJob().getDisplayName());
        ValidationException e = assertThrows(ValidationException.class, () -> FACTORY.create(TYPED, run().displayName("x".repeat(129)).build()));
        assertEquals(Set.of("displayName"), fields(e));
    }

    @Test
    void failurePolicyIsFastOrSlowInAnyCase() {
        assertEquals(PipelineFailurePolicy.PIPELINE_FAILURE_POLICY_FAIL_SLOW,
                FACTORY.create(TYPED, run().failurePolicy(" Slow ").build()).pipelineJob().getRuntimeConfig().getFailurePolicy());
        assertEquals(PipelineFailurePolicy.PIPELINE_FAILURE_POLICY_UNSPECIFIED,
                FACTORY.create(TYPED, run().build()).pipelineJob().getRuntimeConfig().getFailurePolicy());
        ValidationException e = assertThrows(ValidationException.class, () -> FACTORY.create(TYPED, run().failurePolicy("quick").build()));
        assertTrue(e.getMessage().contains("use fast") && e.getMessage().contains("or slow"), e.getMessage());
    }

    @Test
    void templateLabelsAreMergedAndEverythingIsValidated() {
        PipelineTemplate legacy = TestFiles.template("legacy-job.json");
        PipelineJob job = FACTORY.create(legacy, PipelineRunSpec.builder().project("p-1").region("us-central1").runKey("k")
                .parameter("ratio", 1).label("env", "prod").build()).pipelineJob();
        assertEquals(Map.of("team", "ml", "env", "prod"), job.getLabelsMap());
        assertEquals("legacy run", job.getDisplayName());
        assertEquals("gs://legacy-bucket/root", job.getRuntimeConfig().getGcsOutputDirectory());

        ValidationException e = assertThrows(ValidationException.class, () -> FACTORY.create(TYPED,
                PipelineRunSpec.builder().project("My Project").region("central").runKey("k")
                        .parameter("epochs", "x").label("Bad", "v").serviceAccount("not-an-email")
                        .network("vpc").reservedIpRanges(List.of("bad range")).kmsKeyName("projects/p/locations/europe-west4/keyRings/r/cryptoKeys/k")
                        .inputArtifact("model", "1").build()));
        assertEquals(Set.of("project", "region", "parameterValues", "labels", "serviceAccount", "network", "reservedIpRanges",
                "kmsKeyName", "inputArtifacts"), fields(e), e.getMessage());
    }

    @Test
    void reservedRangesNeedANetworkAndKeysTheJobsRegion() {
        ValidationException ranges = assertThrows(ValidationException.class, () -> FACTORY.create(TYPED, run().reservedIpRanges(List.of("r")).build()));
        assertTrue(ranges.getMessage().contains("give the network too"), ranges.getMessage());
        ValidationException key = assertThrows(ValidationException.class, () -> FACTORY.create(TYPED,
                run().kmsKeyName("projects/p/locations/europe-west4/keyRings/r/cryptoKeys/k").build()));
        assertTrue(key.getMessage().contains("the key is in europe-west4 but the job runs in us-central1"), key.getMessage());
    }

    @Test
    void inputArtifactsAcceptIdsOrFullNamesOfTheJobsProjectAndRegion() {
        String full = "projects/my-project/locations/us-central1/metadataStores/default/artifacts/abc-1";
        assertEquals("abc-1", FACTORY.create(TYPED, run().inputArtifact("dataset", full).build())
                .pipelineJob().getRuntimeConfig().getInputArtifactsOrThrow("dataset").getArtifactId());
        ValidationException other = assertThrows(ValidationException.class, () -> FACTORY.create(TYPED,
                run().inputArtifact("dataset", full.replace("my-project", "other")).build()));
        assertTrue(other.getMessage().contains("is not in the job's project"), other.getMessage());
        ValidationException unknown = assertThrows(ValidationException.class, () -> FACTORY.create(TYPED,
                run().inputArtifact("model", "1").build()));
        assertTrue(unknown.getMessage().contains("unknown input artifact 'model'; the pipeline's input artifacts are dataset"), unknown.getMessage());
        assertThrows(ValidationException.class, () -> FACTORY.create(TYPED, run().inputArtifact("dataset", " ").build()));
    }

    @Test
    void templateUriIsCarriedOver() {
        PipelineTemplate fromRegistry = TYPED.withTemplateUri("https://us-central1-kfp.pkg.dev/p/repo/typed-params/v1");
        assertEquals("https://us-central1-kfp.pkg.dev/p/repo/typed-params/v1",
                FACTORY.create(fromRegistry, run().build()).pipelineJob().getTemplateUri());
    }
}
