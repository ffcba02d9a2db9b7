package io.jenkins.plugins.vertexai.core.job;

import static io.jenkins.plugins.vertexai.core.EmulatorFixture.FAST;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.jenkins.plugins.vertexai.core.EmulatorFixture;
import io.jenkins.plugins.vertexai.core.ProgressEvent;
import io.jenkins.plugins.vertexai.core.job.PipelineRunResult.Outcome;
import io.jenkins.plugins.vertexai.core.pipeline.PersistentResourceRuntime;
import io.jenkins.plugins.vertexai.core.pipeline.PipelineJobRequest;
import io.jenkins.plugins.vertexai.core.pipeline.PipelineJobRequestFactory;
import io.jenkins.plugins.vertexai.core.pipeline.PipelineRunSpec;
import io.jenkins.plugins.vertexai.core.pipeline.template.PipelineTemplateParser;
import io.jenkins.plugins.vertexai.core.resource.EnsureOptions;
import io.jenkins.plugins.vertexai.core.resource.IfExists;
import io.jenkins.plugins.vertexai.core.resource.KeepPolicy;
import io.jenkins.plugins.vertexai.core.resource.PersistentResourceResult;
import io.jenkins.plugins.vertexai.core.resource.PersistentResourceScope;
import io.jenkins.plugins.vertexai.core.resource.PersistentResourceSpec;
import io.jenkins.plugins.vertexai.core.resource.ResourcePoolSpecParser;
import java.io.InputStream;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Over real gRPC against the emulator: the block-plus-run flow with the names the service returns (project numbers),
 * where each task ran from its CustomJob, and the tasks' outputs and metrics in the result.
 */
class TaskTrailAndOutputsTest {
    private static final PipelineWaitOptions WAIT = PipelineWaitOptions.DEFAULT.withPolling(FAST);
    private EmulatorFixture fx;

    @AfterEach
    void close() {
        fx.close();
    }

    private static PipelineJobRequest request(String project, String resource) throws Exception {
        try (InputStream in = TaskTrailAndOutputsTest.class.getResourceAsStream("/runner/train-eval.yaml")) {
            return new PipelineJobRequestFactory().create(PipelineTemplateParser.parse(in.readAllBytes(), "train-eval.yaml"),
                    PipelineRunSpec.builder().templateLocation("train-eval.yaml").project(project).region("us-central1")
                            .runKey("trail#1").persistentResourceRuntime(resource == null ? new PersistentResourceRuntime(null, null, null)
                                    : new PersistentResourceRuntime(resource, "10m", "FALL_BACK_TO_ON_DEMAND")).build());
        }
    }

    private PipelineRunResult run(PipelineJobRequest req) {
        PipelineRunResult submitted = new PipelineSubmission(fx.engine, fx.connection).submit(req, true, fx.listener()).join();
        assertTrue(submitted.jobName().startsWith("projects/" + fx.emulator.projectNumber("ml-prod") + "/"), submitted.jobName());
        return fx.engine.pipelines(fx.connection).await(PipelineJobName.parse("name", req.parent() + "/pipelineJobs/" + req.jobId()),
                WAIT, fx.listener()).join();
    }

    @Test
    void theBlockExportsANameWithTheProjectNumberAndTheRunAcceptsIt() throws Exception {
        fx = new EmulatorFixture(EmulatorFixture.fastEmulator().projectNumber("ml-prod", 123456789012L)
                .taskDuration(Duration.ofSeconds(30)));
        PersistentResourceSpec spec = PersistentResourceSpec.builder().persistentResourceId("nightly-7").project("ml-prod")
                .region("us-central1").addResourcePool(ResourcePoolSpecParser.parse(
                        "replica-count=1,machine-type=n1-standard-8,accelerator-type=NVIDIA_TESLA_T4,accelerator-count=1")).build();
        PersistentResourceScope scope = new PersistentResourceScope(fx.engine.persistentResources(fx.connection), KeepPolicy.NEVER);
        EnsureOptions options = new EnsureOptions(IfExists.REUSE, true, FAST);
        PersistentResourceResult resource = scope.open(spec, options, fx.listener()).join();
        assertEquals("projects/123456789012/locations/us-central1/persistentResources/nightly-7", resource.name());

        PipelineRunResult r = run(request("ml-prod", resource.name()));
        assertEquals(Outcome.SUCCEEDED, r.outcome(), r.toString());
        assertEquals("https://console.cloud.google.com/vertex-ai/locations/us-central1/pipelines/runs/" + r.jobId()
                + "?project=ml-prod", r.consoleUrl(), "the console link keeps the project as the caller named it");
        for (TaskSummary t : r.tasks()) {
            assertEquals("nightly-7", t.placement().persistentResource(), t.toString());
            assertEquals(0L, t.placement().waitedMs());
        }
        assertTrue(fx.events.stream().anyMatch(e -> e.kind() == ProgressEvent.Kind.TASK
                && e.toLogLine().contains("task train: ") && e.message().matches("(running|ran) on persistent resource nightly-7")),
                fx.events.toString());
        assertTrue(fx.logged(ProgressEvent.Kind.RESULT, "train  SUCCEEDED  30s  on nightly-7"), fx.events.toString());

        PipelineRunResult described = fx.engine.pipelines(fx.connection).describe(PipelineJobName.parse("n",
                "projects/123456789012/locations/us-central1/pipelineJobs/" + r.jobId())).join();
        assertEquals("nightly-7", described.tasks().get(0).placement().persistentResource(), "describe reads the CustomJobs too");
        scope.close(io.jenkins.plugins.vertexai.core.resource.PersistentResourceName.parse("name", resource.name()), false, false, options,
                fx.listener()).join();
        assertEquals(0, fx.engine.persistentResources(fx.connection).list("ml-prod", "us-central1").join().size());
    }

    @Test
    void outputsAndMetricsReachTheResultAsPlainValues() throws Exception {
        fx = new EmulatorFixture(EmulatorFixture.fastEmulator().taskDuration(Duration.ofSeconds(30))
                .taskOutput("evaluate", "accuracy", 0.93).taskOutput("evaluate", "passed", true)
                .taskOutput("train", "epochs_run", 20));
        PipelineRunResult r = run(request("ml-prod", null));
        assertEquals(Outcome.SUCCEEDED, r.outcome(), r.toString());
        assertEquals(Map.of("evaluate", Map.of("accuracy", 0.93)), r.metrics());
        Map<String, Object> map = r.toMap();
        @SuppressWarnings("unchecked")
        Map<String, Map<String, Object>> metrics = (Map<String, Map<String, Object>>) map.get("metrics");
        assertTrue(((Double) metrics.get("evaluate").get("accuracy")) >= 0.9, "what a Jenkinsfile gates on");
        @SuppressWarnings("unchecked")
        List<Map<String, Object>> tasks = (List<Map<String, Object>>) map.get("tasks");
        Map<String, Object> train = tasks.stream().filter(t -> t.get("name").equals("train")).findFirst().orElseThrow();
        @SuppressWarnings("unchecked")
        Map<String, Object> outputs = (Map<String, Object>) train.get("outputs");
        assertEquals(Map.of("epochs_run", 20L), outputs.get("parameters"));
        @SuppressWarnings("unchecked")
        Map<String, Object> model = ((Map<String, Map<String, Object>>) outputs.get("artifacts")).get("model");
        assertEquals("system.Model", model.get("schemaTitle"));
        String uri = (String) model.get("uri");
        assertTrue(uri.matches("gs://test-bucket/pipeline-root/" + fx.emulator.projectNumber("ml-prod") + "/" + r.jobId()
                + "/train_[0-9]+/model"), uri);
        assertEquals(true, tasks.stream().filter(t -> t.get("name").equals("evaluate")).findFirst().map(t ->
                ((Map<?, ?>) ((Map<?, ?>) t.get("outputs")).get("parameters")).get("passed")).orElseThrow());
        assertTrue(train.get("onDemand").equals(true) && !train.containsKey("persistentResource"), train.toString());
        assertPlain(map);
        assertTrue(fx.logged(ProgressEvent.Kind.RESULT, "metrics of evaluate: accuracy=0.93"), fx.events.toString());
        assertEquals(3, fx.emulator.stats().rpcCount("google.cloud.aiplatform.v1beta1.JobService/GetCustomJob"),
                "each task's CustomJob is read once");
    }

    @Test
    void aTaskStillRunningIsRunningOnItsPlaceNotRanThere() throws Exception {
        fx = new EmulatorFixture(io.jenkins.plugins.vertexai.emulator.VertexAiEmulator.builder().speed(0)
                .taskDuration(Duration.ofMinutes(10)));
        PipelineJobRequest req = request("ml-prod", null);
        new PipelineSubmission(fx.engine, fx.connection).submit(req, false, fx.listener()).join();
        PipelineJobName name = PipelineJobName.parse("name", req.parent() + "/pipelineJobs/" + req.jobId());
        fx.emulator.clock().advance(Duration.ofMinutes(1)); // preprocess runs from 20 s to 10 min 20 s
        TaskSummary running = fx.engine.pipelines(fx.connection).describe(name).join().tasks().get(0);
        assertEquals("RUNNING", running.state());
        assertEquals("running on demand", running.placement().describe(null, false));
        assertEquals("ran on demand", running.placement().describe(null, true), "read while running, told after it ended");
        fx.emulator.clock().advance(Duration.ofMinutes(10));
        TaskSummary ended = fx.engine.pipelines(fx.connection).describe(name).join().tasks().get(0);
        assertEquals("SUCCEEDED", ended.state());
        assertEquals("ran on demand", ended.placement().describe(null, false));
    }

    @Test
    void anUnreadableCustomJobIsOneWarningAndNeverFailsTheRun() throws Exception {
        fx = new EmulatorFixture(EmulatorFixture.fastEmulator().taskDuration(Duration.ofSeconds(30)).faults(
                io.jenkins.plugins.vertexai.emulator.fault.FaultPlan.builder()
                        .unavailable("google.cloud.aiplatform.v1beta1.JobService/GetCustomJob", 1.0).build()));
        PipelineRunResult r = run(request("ml-prod", null));
        assertEquals(Outcome.SUCCEEDED, r.outcome(), r.toString());
        assertTrue(r.tasks().stream().allMatch(t -> t.placement() == null), r.tasks().toString());
        assertEquals(1, fx.events.stream().filter(e -> e.kind() == ProgressEvent.Kind.WARNING
                && e.message().startsWith("could not read CustomJob ")).count(), fx.events.toString());
        assertTrue(r.toMap().get("tasks").toString().contains("outputs"), "the rest of the result is there");
    }

    /** Only what a sandboxed Jenkins Pipeline script may hold: String, Number, Boolean, List and Map. */
    private static void assertPlain(Object o) {
        if (o instanceof Map<?, ?> m) {
            m.forEach((k, v) -> {
                assertTrue(k instanceof String, String.valueOf(k));
                assertPlain(v);
            });
        } else if (o instanceof List<?> l) {
            l.forEach(TaskTrailAndOutputsTest::assertPlain);
        } else {
            assertTrue(o instanceof String || o instanceof Number || o instanceof Boolean, o + " is " + o.getClass());
        }
    }

    @Test
    void aFailedTaskHasNoOutputsAndItsRetriesAreRead() throws Exception {
        fx = new EmulatorFixture(EmulatorFixture.fastEmulator().taskDuration(Duration.ofSeconds(30)).failTasks("evaluate", "boom"));
        PipelineRunResult r = run(request("ml-prod", null));
        assertEquals(Outcome.FAILED, r.outcome());
        TaskSummary evaluate = r.tasks().stream().filter(t -> t.name().equals("evaluate")).findFirst().orElseThrow();
        assertTrue(evaluate.outputs().isEmpty(), evaluate.toString());
        assertTrue(r.metrics().isEmpty());
        assertTrue(evaluate.placement().onDemand());
        assertEquals(3, evaluate.placement().attempt(), "maxRetryCount 2: the third CustomJob is the one read last");
        assertTrue(fx.events.stream().anyMatch(e -> e.toLogLine().matches(".*task evaluate: attempt 3: (running|ran) on demand")),
                fx.events.toString());
        assertNull(r.tasks().stream().filter(t -> t.name().equals("train")).findFirst().orElseThrow().error());
    }
}
