package io.jenkins.plugins.vertexai.core.pipeline;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.cloud.aiplatform.v1beta1.CreatePipelineJobRequest;
import com.google.cloud.aiplatform.v1beta1.PipelineFailurePolicy;
import com.google.cloud.aiplatform.v1beta1.PipelineJob;
import io.jenkins.plugins.vertexai.core.ValidationException;
import io.jenkins.plugins.vertexai.core.resource.PersistentResourceSpecValidator;
import io.jenkins.plugins.vertexai.core.pipeline.template.PipelineTemplate;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

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
                PipelineRunSpec.builder().project("proj-1").region("us-central1").runKey("k").build()).pipelineJob().getDisplayName());
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
        PipelineJob job = FACTORY.create(legacy, PipelineRunSpec.builder().project("proj-1").region("us-central1").runKey("k")
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

    private static List<String> messages(ValidationException e, String field) {
        return e.problems().stream().filter(p -> p.field().equals(field)).map(ValidationException.Problem::message).toList();
    }

    @ParameterizedTest
    @ValueSource(strings = {"p", "1abc", "my-p", "My-Project", "ends-", "0123", "example.com:Bad"})
    void rejectsTheProjectsThePersistentResourceValidatorRejectsWithTheSameMessage(String project) {
        ValidationException e = assertThrows(ValidationException.class, () -> FACTORY.create(TYPED, run().project(project).build()));
        assertEquals(Set.of("project"), fields(e), e.getMessage());
        ValidationException resource = assertThrows(ValidationException.class,
                () -> PersistentResourceSpecValidator.validateLocation(project, "us-central1"));
        assertEquals(messages(resource, "project"), messages(e, "project"));
        assertTrue(messages(e, "project").get(0).startsWith("'" + project + "' is not a project id"), e.getMessage());
    }

    @ParameterizedTest
    @ValueSource(strings = {"my-project", "example.com:my-project", "123456789012", "abcdef"})
    void acceptsTheSameProjectFormsAsThePersistentResourceValidator(String project) {
        PersistentResourceSpecValidator.validateLocation(project, "us-central1");
        assertEquals("projects/" + project + "/locations/us-central1", FACTORY.create(TYPED, run().project(project).build()).parent());
    }

    @ParameterizedTest
    @ValueSource(strings = {"northamerica-northeast1", "us-central1", "me-central2"})
    void acceptsMultiPartRegions(String region) {
        assertEquals("projects/my-project/locations/" + region,
                FACTORY.create(TYPED, run().region(region).build()).parent());
    }

    @Test
    void missingAndMalformedLocationsReadAsInThePersistentResourceValidator() {
        ValidationException e = assertThrows(ValidationException.class, () -> FACTORY.create(TYPED,
                run().project(" ").region("us-central1-a").build()));
        ValidationException resource = assertThrows(ValidationException.class,
                () -> PersistentResourceSpecValidator.validateLocation(null, "us-central1-a"));
        assertEquals(messages(resource, "project"), messages(e, "project"));
        assertEquals(messages(resource, "region"), messages(e, "region"));
        assertTrue(messages(e, "region").get(0).contains("is not a region such as us-central1"), e.getMessage());
    }

    @Test
    void keysNetworksAndAccountsUseTheSharedForms() {
        ValidationException e = assertThrows(ValidationException.class, () -> FACTORY.create(TYPED, run()
                .kmsKeyName("projects/p/keyRings/r/cryptoKeys/k").network("projects/1/global/networks/my vpc")
                .serviceAccount("runner").build()));
        assertTrue(messages(e, "kmsKeyName").get(0).contains("projects/PROJECT/locations/LOCATION/keyRings/RING/cryptoKeys/KEY"), e.getMessage());
        assertTrue(messages(e, "network").get(0).contains("projects/PROJECT_NUMBER/global/networks/NETWORK"), e.getMessage());
        assertTrue(messages(e, "serviceAccount").get(0).contains("not a service account email"), e.getMessage());
    }
}
