package io.jenkins.plugins.vertexai.core.job;

import static io.jenkins.plugins.vertexai.core.EmulatorFixture.FAST;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.jenkins.plugins.vertexai.core.EmulatorFixture;
import io.jenkins.plugins.vertexai.core.ProgressEvent;
import io.jenkins.plugins.vertexai.core.VertexException;
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
import io.jenkins.plugins.vertexai.core.resource.PersistentResourceSpec;
import io.jenkins.plugins.vertexai.core.resource.ResourcePoolSpecParser;
import io.jenkins.plugins.vertexai.emulator.VertexAiEmulator;
import io.jenkins.plugins.vertexai.emulator.fault.FaultPlan;
import java.io.IOException;
import java.io.InputStream;
import java.time.Duration;
import java.util.concurrent.CompletionException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Pipeline runs end to end over real gRPC against the emulator, through the official v1beta1 client. */
class PipelineRunnerTest {
    private static final String CREATE_JOB = "google.cloud.aiplatform.v1beta1.PipelineService/CreatePipelineJob";
    private static final PipelineWaitOptions WAIT = PipelineWaitOptions.DEFAULT.withPolling(FAST).withCancelGrace(Duration.ofSeconds(10));
    private EmulatorFixture fx;

    @AfterEach
    void close() {
        if (fx != null) {
            fx.close();
        }
    }

    private static VertexAiEmulator.Builder emulator() {
        return EmulatorFixture.fastEmulator().taskDuration(Duration.ofSeconds(30)).jobQueuedTime(Duration.ofSeconds(5))
                .jobPendingTime(Duration.ofSeconds(5));
    }

    private PipelineRunner start(VertexAiEmulator.Builder b) {
        fx = new EmulatorFixture(b);
        return fx.engine.pipelines(fx.connection);
    }

    private static PipelineTemplate template() throws IOException {
        try (InputStream in = PipelineRunnerTest.class.getResourceAsStream("/runner/train-eval.yaml")) {
            return PipelineTemplateParser.parse(in.readAllBytes(), "train-eval.yaml");
        }
    }

    private static PipelineRunSpec.Builder run(String runKey) {
        return PipelineRunSpec.builder().templateLocation("train-eval.yaml").project("test-project").region("us-central1")
                .runKey(runKey).parameter("rows", "250");
    }

    private static PipelineJobRequest request(PipelineRunSpec spec) throws IOException {
        return new PipelineJobRequestFactory().create(template(), spec);
    }

    private PipelineRunResult runToEnd(PipelineRunner runner, PipelineJobRequest req) {
        return runner.run(req.parent(), req.jobId(), req.pipelineJob(), WAIT, fx.listener()).join();
    }

    private String resource(String id, String poolSpec) {
        PersistentResourceSpec spec = PersistentResourceSpec.builder().persistentResourceId(id).project("test-project")
                .region("us-central1").addResourcePool(ResourcePoolSpecParser.parse(poolSpec)).build();
        return fx.engine.persistentResources(fx.connection).ensure(spec, new EnsureOptions(IfExists.REUSE, true, FAST), fx.listener()).join().name();
    }

    @Test
    void onDemandRunSucceedsWithTaskProgressAndSummary() throws Exception {
        PipelineRunner runner = start(emulator());
        PipelineJobRequest req = request(run("job-a#1#node-3").build());
        PipelineRunResult r = runToEnd(runner, req);
        assertEquals(Outcome.SUCCEEDED, r.outcome(), r.toString());
        assertEquals("SUCCEEDED", r.state());
        assertEquals(3, r.tasks().size(), r.tasks().toString());
        assertTrue(r.tasks().stream().allMatch(t -> t.state().equals("SUCCEEDED") && t.duration() != null), r.tasks().toString());
        assertEquals("https://console.cloud.google.com/vertex-ai/locations/us-central1/pipelines/runs/" + req.jobId() + "?project=test-project", r.consoleUrl());
        assertNotNull(r.duration());
        // A fast task can start and end between two polls, so its end is what is sure to be seen.
        assertTrue(fx.logged(ProgressEvent.Kind.TASK, "task train: SUCCEEDED after"), fx.events.toString());
        // RUNNING lasts 75 ms of real time here: a loaded machine's first read may already see the end
        // ("SUCCEEDED" alone rather than "RUNNING -> SUCCEEDED"), never miss it.
        assertTrue(fx.events.stream().anyMatch(e -> e.kind() == ProgressEvent.Kind.STATE && e.message().endsWith("SUCCEEDED")),
                fx.events.toString());
        assertTrue(fx.logged(ProgressEvent.Kind.RESULT, "evaluate  SUCCEEDED"), "summary lists tasks: " + fx.events);
    }

    @Test
    void failedTaskFailsTheRunWithItsError() throws Exception {
        PipelineRunner runner = start(emulator().failTasks("train", "CUDA out of memory"));
        PipelineRunResult r = runToEnd(runner, request(run("failing").build()));
        assertEquals(Outcome.FAILED, r.outcome());
        assertTrue(r.error().contains("train") && r.error().contains("CUDA out of memory"), r.error());
        // The root DAG's error is the job's own: said once, not again among the failed tasks.
        assertEquals(1, r.error().split("The DAG failed", -1).length - 1, r.error());
        assertTrue(r.tasks().stream().anyMatch(t -> t.name().equals("evaluate") && !t.state().equals("SUCCEEDED")), r.tasks().toString());
        PipelineRunException e = new PipelineRunException(r);
        assertTrue(e.getMessage().contains("FAILED") && e.getMessage().contains(r.consoleUrl()), e.getMessage());
    }

    @Test
    void sameRunKeyNeverSubmitsTwiceEvenUnderInjectedFaults() throws Exception {
        FaultPlan faults = FaultPlan.builder().unavailable(FaultPlan.ALL_METHODS, 0.20).deadlineExceeded(FaultPlan.ALL_METHODS, 0.05)
                .appliedThenUnavailable(CREATE_JOB, 0.5).build();
        PipelineRunner runner = start(emulator().seed(42).faults(faults));
        PipelineJobRequest req = request(run("nightly#57#node-12").build());
        PipelineJobRequest again = request(run("nightly#57#node-12").build());
        assertEquals(req.jobId(), again.jobId(), "the job id is derived from the run key");
        PipelineRunResult first = runToEnd(runner, req);
        PipelineRunResult replay = runToEnd(runner, again);
        assertEquals(Outcome.SUCCEEDED, first.outcome());
        assertEquals(first.jobName(), replay.jobName());
        assertEquals(1, fx.emulator.pipelineJobsCreated(), "exactly one pipeline job");
        assertTrue(fx.emulator.stats().totalFaults() > 0);
        assertTrue(fx.logged(ProgressEvent.Kind.INFO, "attached"), fx.events.toString());
    }

    @Test
    void attachByNameAfterARestartFollowsTheSameJob() throws Exception {
        PipelineRunner runner = start(emulator());
        PipelineJobRequest req = request(run("restart").build());
        PipelineRunResult submitted = runner.submit(req.parent(), req.jobId(), req.pipelineJob(), fx.listener()).join();
        assertTrue(submitted.outcome() == Outcome.SUBMITTED, submitted.toString());
        // A second engine stands in for the restarted controller: it knows only the job name.
        try (var restarted = new io.jenkins.plugins.vertexai.core.VertexEngine(EmulatorFixture.FAST_RETRY)) {
            PipelineRunResult r = restarted.pipelines(fx.connection).await(PipelineJobName.parse("n", submitted.jobName()), WAIT, fx.listener()).join();
            assertEquals(Outcome.SUCCEEDED, r.outcome());
        }
        assertEquals(1, fx.emulator.pipelineJobsCreated());
    }

    @Test
    void cancelFollowsTheJobToCancelled() throws Exception {
        PipelineRunner runner = start(emulator().holdPipelineJobs(".*", Duration.ofHours(10)));
        PipelineJobRequest req = request(run("to-cancel").build());
        PipelineRunResult submitted = runner.submit(req.parent(), req.jobId(), req.pipelineJob(), fx.listener()).join();
        PipelineRunResult r = runner.cancel(PipelineJobName.parse("n", submitted.jobName()), Duration.ofSeconds(10), fx.listener()).join();
        assertEquals(Outcome.CANCELLED, r.outcome());
        assertEquals("CANCELLED", r.state());
    }

    @Test
    void pausedIsAnOutcomeOfItsOwnAndCanStillBeCancelled() throws Exception {
        PipelineRunner runner = start(emulator().pausePipelineJobs("train-eval-.*"));
        PipelineRunResult r = runToEnd(runner, request(run("paused").build()));
        assertEquals(Outcome.PAUSED, r.outcome());
        assertEquals("PAUSED", r.state());
        PipelineRunResult cancelled = runner.cancel(PipelineJobName.parse("n", r.jobName()), Duration.ofSeconds(10), fx.listener()).join();
        assertEquals(Outcome.CANCELLED, cancelled.outcome());
    }

    @Test
    void timeoutLeavesTheJobOrCancelsIt() throws Exception {
        PipelineRunner runner = start(emulator().holdPipelineJobs(".*", Duration.ofHours(10)));
        PipelineJobRequest left = request(run("timeout-left").build());
        PipelineRunResult r1 = runner.run(left.parent(), left.jobId(), left.pipelineJob(), WAIT.withTimeout(Duration.ofMillis(300)), fx.listener()).join();
        assertEquals(Outcome.TIMED_OUT, r1.outcome());
        assertTrue(PipelineRunner.isTerminal(com.google.cloud.aiplatform.v1beta1.PipelineState.valueOf("PIPELINE_STATE_" + r1.state())) == false, r1.state());

        PipelineJobRequest cancelled = request(run("timeout-cancel").build());
        PipelineRunResult r2 = runner.run(cancelled.parent(), cancelled.jobId(), cancelled.pipelineJob(),
                WAIT.withTimeout(Duration.ofMillis(300)).withCancelOnTimeout(true), fx.listener()).join();
        assertEquals(Outcome.TIMED_OUT, r2.outcome());
        assertEquals("CANCELLED", r2.state());
    }

    @Test
    void theTimeoutHoldsWhilePollsRetryThroughAnOutage() throws Exception {
        FaultPlan down = FaultPlan.builder().unavailable("google.cloud.aiplatform.v1beta1.PipelineService/GetPipelineJob", 1.0).build();
        PipelineRunner runner = start(emulator().faults(down));
        PipelineJobRequest req = request(run("outage").build());
        long t0 = System.nanoTime();
        var f = runner.run(req.parent(), req.jobId(), req.pipelineJob(), WAIT.withTimeout(Duration.ofSeconds(1)), fx.listener());
        Throwable t = Futures.unwrap(assertThrows(CompletionException.class, f::join));
        long seconds = Duration.ofNanos(System.nanoTime() - t0).toSeconds();
        assertTrue(t.getMessage().contains("timed out"), t.getMessage());
        assertTrue(seconds < 5, "ended after " + seconds + " s, not after the 15-minute outage budget");
        long gets = fx.emulator.stats().rpcCount("google.cloud.aiplatform.v1beta1.PipelineService/GetPipelineJob");
        Thread.sleep(500);
        assertEquals(gets, fx.emulator.stats().rpcCount("google.cloud.aiplatform.v1beta1.PipelineService/GetPipelineJob"),
                "the retries stop with the wait");
    }

    @Test
    void exhaustedResourceFailsTheTaskWithFail() throws Exception {
        start(emulator());
        String cpuOnly = resource("cpu-only", "replica-count=1,machine-type=n1-standard-4");
        PipelineJobRequest req = request(run("fail-behaviour").persistentResourceRuntime(
                new PersistentResourceRuntime(cpuOnly, "1m", "fail")).build());
        PipelineRunResult r = new PipelineSubmission(fx.engine, fx.connection).submit(req, true, fx.listener())
                .thenCompose(s -> fx.engine.pipelines(fx.connection).await(PipelineJobName.parse("n", s.jobName()), WAIT, fx.listener())).join();
        assertEquals(Outcome.FAILED, r.outcome(), r.toString());
        assertTrue(r.tasks().stream().anyMatch(t -> t.name().equals("train") && t.state().equals("FAILED")), r.tasks().toString());
        assertTrue(r.tasks().stream().anyMatch(t -> t.name().equals("preprocess") && t.state().equals("SUCCEEDED")), r.tasks().toString());
    }

    @Test
    void exhaustedResourceFallsBackToOnDemand() throws Exception {
        start(emulator());
        String cpuOnly = resource("cpu-only-2", "replica-count=1,machine-type=n1-standard-4");
        PipelineJobRequest req = request(run("fallback-behaviour").persistentResourceRuntime(
                new PersistentResourceRuntime(cpuOnly, "60000", "FALL_BACK_TO_ON_DEMAND")).build());
        PipelineRunResult r = new PipelineSubmission(fx.engine, fx.connection).submit(req, true, fx.listener())
                .thenCompose(s -> fx.engine.pipelines(fx.connection).await(PipelineJobName.parse("n", s.jobName()), WAIT, fx.listener())).join();
        assertEquals(Outcome.SUCCEEDED, r.outcome(), r.toString());
        assertTrue(fx.logged(ProgressEvent.Kind.INFO, "FALL_BACK_TO_ON_DEMAND"), fx.events.toString());
        assertTrue(fx.logged(ProgressEvent.Kind.TASK, "task train: ") && fx.events.stream().anyMatch(e ->
                e.kind() == ProgressEvent.Kind.TASK && e.message().equals("ran on demand instead of persistent resource cpu-only-2, after waiting 1m 00s")),
                "the fallback is shown: " + fx.events);
        TaskSummary train = r.tasks().stream().filter(t -> t.name().equals("train")).findFirst().orElseThrow();
        assertTrue(train.placement().onDemand());
        assertEquals(60_000L, train.placement().waitedMs(), "CustomJob start_time - create_time");
        TaskSummary preprocess = r.tasks().stream().filter(t -> t.name().equals("preprocess")).findFirst().orElseThrow();
        assertEquals("cpu-only-2", preprocess.placement().persistentResource());
        assertEquals(java.util.Map.of("persistentResource", "cpu-only-2", "onDemand", false, "waitedMs", 0L,
                "customJob", preprocess.placement().customJob()), filter(preprocess.toMap(), "persistentResource", "onDemand", "waitedMs", "customJob"));
    }

    @Test
    void preflightRefusesAMissingResourceBeforeSubmitting() throws Exception {
        start(emulator());
        PipelineJobRequest req = request(run("no-resource").persistentResourceRuntime(
                new PersistentResourceRuntime("does-not-exist", null, null)).build());
        CompletionException e = assertThrows(CompletionException.class,
                () -> new PipelineSubmission(fx.engine, fx.connection).submit(req, true, fx.listener()).join());
        Throwable t = Futures.unwrap(e);
        assertInstanceOf(VertexException.class, t);
        assertTrue(t.getMessage().contains("does not exist"), t.getMessage());
        assertEquals(0, fx.emulator.pipelineJobsCreated());
    }

    @Test
    void preflightRefusesAResourceThatIsNotRunning() throws Exception {
        start(emulator().speed(1).provisioningTime(Duration.ofHours(1)));
        PersistentResourceSpec spec = PersistentResourceSpec.builder().persistentResourceId("still-provisioning").project("test-project")
                .region("us-central1").addResourcePool(ResourcePoolSpecParser.parse("replica-count=1,machine-type=n1-standard-4")).build();
        fx.engine.persistentResources(fx.connection).ensure(spec, new EnsureOptions(IfExists.REUSE, false, FAST), fx.listener()).join();
        PipelineJobRequest req = request(run("not-running").persistentResourceRuntime(
                new PersistentResourceRuntime("still-provisioning", null, null)).build());
        Throwable t = Futures.unwrap(assertThrows(CompletionException.class,
                () -> new PipelineSubmission(fx.engine, fx.connection).submit(req, true, fx.listener()).join()));
        assertTrue(t.getMessage().contains("PROVISIONING") && t.getMessage().contains("not RUNNING"), t.getMessage());
        assertEquals(0, fx.emulator.pipelineJobsCreated());
    }

    @Test
    void preflightRefusesAResourceWithoutCustomServiceAccounts() throws Exception {
        start(emulator());
        PersistentResourceSpec spec = PersistentResourceSpec.builder().persistentResourceId("no-custom-sa").project("test-project")
                .region("us-central1").enableCustomServiceAccount(false)
                .addResourcePool(ResourcePoolSpecParser.parse("replica-count=1,machine-type=n1-standard-4")).build();
        fx.engine.persistentResources(fx.connection).ensure(spec, new EnsureOptions(IfExists.REUSE, true, FAST), fx.listener()).join();
        PipelineJobRequest req = request(run("no-custom-sa").persistentResourceRuntime(
                new PersistentResourceRuntime("no-custom-sa", null, null)).build());
        Throwable t = Futures.unwrap(assertThrows(CompletionException.class,
                () -> new PipelineSubmission(fx.engine, fx.connection).submit(req, true, fx.listener()).join()));
        assertTrue(t.getMessage().contains("enable_custom_service_account"), t.getMessage());
        assertEquals(0, fx.emulator.pipelineJobsCreated());
        // Skipping the check leaves it to the service, which refuses the job as well.
        Throwable server = Futures.unwrap(assertThrows(CompletionException.class,
                () -> new PipelineSubmission(fx.engine, fx.connection).submit(req, false, fx.listener()).join()));
        assertTrue(server.getMessage().contains("FAILED_PRECONDITION"), server.getMessage());
    }

    @Test
    void cancellingTheWaitStopsPollingButLeavesTheJob() throws Exception {
        PipelineRunner runner = start(emulator().holdPipelineJobs(".*", Duration.ofHours(10)));
        PipelineJobRequest req = request(run("stop-waiting").build());
        var f = runner.run(req.parent(), req.jobId(), req.pipelineJob(), WAIT, fx.listener());
        long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        while (!fx.logged(ProgressEvent.Kind.STATE, "RUNNING") && System.nanoTime() < deadline) {
            Thread.onSpinWait();
        }
        f.cancel(true);
        long before = fx.emulator.stats().totalRpcs();
        Thread.sleep(400);
        assertTrue(fx.emulator.stats().totalRpcs() <= before + 2, "polls went on after cancel");
        assertEquals("RUNNING", runner.describe(PipelineJobName.parse("n", req.jobName())).join().state());
    }

    private static java.util.Map<String, Object> filter(java.util.Map<String, Object> m, String... keys) {
        java.util.Map<String, Object> out = new java.util.HashMap<>();
        for (String k : keys) {
            if (m.containsKey(k)) {
                out.put(k, m.get(k));
            }
        }
        return out;
    }
}
