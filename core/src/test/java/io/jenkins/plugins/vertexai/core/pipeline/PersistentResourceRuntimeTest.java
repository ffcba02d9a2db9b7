package io.jenkins.plugins.vertexai.core.pipeline;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.cloud.aiplatform.v1beta1.PipelineJob.RuntimeConfig.DefaultRuntime;
import com.google.cloud.aiplatform.v1beta1.PipelineJob.RuntimeConfig.PersistentResourceRuntimeDetail;
import com.google.cloud.aiplatform.v1beta1.PipelineJob.RuntimeConfig.PersistentResourceRuntimeDetail.TaskResourceUnavailableTimeoutBehavior;
import io.jenkins.plugins.vertexai.core.Problems;
import io.jenkins.plugins.vertexai.core.ValidationException;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class PersistentResourceRuntimeTest {

    private static PersistentResourceRuntimeDetail detail(String resource, String wait, String behavior) {
        Problems problems = new Problems();
        Optional<DefaultRuntime> runtime = new PersistentResourceRuntime(resource, wait, behavior)
                .toDefaultRuntime("my-project", "us-central1", problems);
        problems.throwIfAny();
        return runtime.orElseThrow().getPersistentResourceRuntimeDetail();
    }

    private static ValidationException rejected(String resource, String wait, String behavior) {
        return assertThrows(ValidationException.class, () -> detail(resource, wait, behavior));
    }

    @Test
    void idOrFullNameBecomesTheFullName() {
        String full = "projects/my-project/locations/us-central1/persistentResources/pool-1";
        assertEquals(full, detail("pool-1", null, null).getPersistentResourceName());
        assertEquals(full, detail(full, null, null).getPersistentResourceName());
        assertEquals(0, detail("pool-1", null, null).getTaskResourceUnavailableWaitTimeMs());
        assertEquals(TaskResourceUnavailableTimeoutBehavior.TASK_RESOURCE_UNAVAILABLE_TIMEOUT_BEHAVIOR_UNSPECIFIED,
                detail("pool-1", null, null).getTaskResourceUnavailableTimeoutBehavior());
    }

    @Test
    void aNameWithTheProjectNumberIsAddressedInTheJobsProject() {
        // The service returns names with the project number; a job names its project by id (or the other way round).
        assertEquals("projects/my-project/locations/us-central1/persistentResources/pool-1",
                detail("projects/123456789012/locations/us-central1/persistentResources/pool-1", null, null).getPersistentResourceName());
        Problems problems = new Problems();
        DefaultRuntime byNumber = new PersistentResourceRuntime("projects/my-project/locations/us-central1/persistentResources/pool-1",
                null, null).toDefaultRuntime("123456789012", "us-central1", problems).orElseThrow();
        assertTrue(problems.isEmpty(), problems.toString());
        assertEquals("projects/123456789012/locations/us-central1/persistentResources/pool-1",
                byNumber.getPersistentResourceRuntimeDetail().getPersistentResourceName());
    }

    @Test
    void anotherProjectOrRegionIsRejected() {
        ValidationException e = rejected("projects/other-project/locations/us-central1/persistentResources/pool-1", null, null);
        assertTrue(e.getMessage().contains("is in project other-project, region us-central1 but the pipeline job runs in project my-project"), e.getMessage());
        assertTrue(e.getMessage().contains("give just the id 'pool-1'"), e.getMessage());
        assertTrue(rejected("projects/my-project/locations/europe-west4/persistentResources/pool-1", null, null)
                .getMessage().contains("region europe-west4"));
        assertTrue(rejected("Pool_1", null, null).getMessage().contains("invalid persistent resource id 'Pool_1'"));
        assertTrue(rejected("projects/x/pool", null, null).getMessage().contains("is not a full name"));
    }

    @Test
    void waitTimeAcceptsMillisecondsAndDurations() {
        Map<String, Long> cases = Map.of("600000", 600_000L, "0", 0L, "10m", 600_000L, "90s", 90_000L, "1h", 3_600_000L,
                "1h30m", 5_400_000L, "500ms", 500L, " 2M ", 120_000L, "PT10M", 600_000L, "pt1h", 3_600_000L);
        cases.forEach((text, ms) -> assertEquals(ms, detail("pool-1", text, null).getTaskResourceUnavailableWaitTimeMs(), text));
    }

    @Test
    void badWaitTimesAreRejected() {
        for (String bad : List.of("-1", "ten minutes", "10 m", "1.5h", "10d", "-PT1M", "99999999999999999999", "9999999999999999h")) {
            ValidationException e = rejected("pool-1", bad, null);
            assertEquals(PersistentResourceRuntime.WAIT_TIME_FIELD, e.problems().get(0).field(), bad);
        }
    }

    @Test
    void behaviorIsCaseInsensitiveAndAnythingElseListsBoth() {
        assertEquals(TaskResourceUnavailableTimeoutBehavior.FALL_BACK_TO_ON_DEMAND,
                detail("pool-1", "10m", "fall_back_to_on_demand").getTaskResourceUnavailableTimeoutBehavior());
        assertEquals(TaskResourceUnavailableTimeoutBehavior.FAIL, detail("pool-1", null, "Fail").getTaskResourceUnavailableTimeoutBehavior());
        ValidationException e = rejected("pool-1", null, "retry");
        assertEquals("taskResourceUnavailableTimeoutBehavior: 'retry' is not a timeout behavior; use FAIL or FALL_BACK_TO_ON_DEMAND", e.getMessage());
    }

    @Test
    void waitTimeOrBehaviorWithoutAResourceIsAnError() {
        ValidationException e = rejected(null, "10m", "FAIL");
        assertEquals(PersistentResourceRuntime.RESOURCE_FIELD, e.problems().get(0).field());
        assertTrue(new PersistentResourceRuntime(" ", null, "").toDefaultRuntime("p", "r", new Problems()).isEmpty());
    }

    @Test
    void theFactorySetsTheDefaultRuntimeAndCollectsItsProblemsWithOthers() {
        var template = TestFiles.template("nested-dags.yaml");
        var run = PipelineRunSpec.builder().project("my-project").region("us-central1").runKey("k")
                .persistentResourceRuntime(new PersistentResourceRuntime("pool-1", "15m", "FALL_BACK_TO_ON_DEMAND"));
        PersistentResourceRuntimeDetail d = new PipelineJobRequestFactory().create(template, run.build())
                .pipelineJob().getRuntimeConfig().getDefaultRuntime().getPersistentResourceRuntimeDetail();
        assertEquals("projects/my-project/locations/us-central1/persistentResources/pool-1", d.getPersistentResourceName());
        assertEquals(900_000L, d.getTaskResourceUnavailableWaitTimeMs());

        ValidationException e = assertThrows(ValidationException.class, () -> new PipelineJobRequestFactory().create(template,
                run.persistentResourceRuntime(new PersistentResourceRuntime("pool-1", "soon", "maybe")).failurePolicy("never").build()));
        assertEquals(3, e.problems().size(), e.getMessage());
    }
}
