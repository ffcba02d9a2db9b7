package io.jenkins.plugins.vertexai.core.logs;

import static io.jenkins.plugins.vertexai.core.EmulatorFixture.FAST;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.jenkins.plugins.vertexai.core.EmulatorFixture;
import io.jenkins.plugins.vertexai.core.ProgressEvent;
import io.jenkins.plugins.vertexai.core.job.PipelineJobName;
import io.jenkins.plugins.vertexai.core.job.PipelineRunResult;
import io.jenkins.plugins.vertexai.core.job.PipelineRunResult.Outcome;
import io.jenkins.plugins.vertexai.core.job.PipelineSubmission;
import io.jenkins.plugins.vertexai.core.job.PipelineWaitOptions;
import io.jenkins.plugins.vertexai.core.pipeline.PersistentResourceRuntime;
import io.jenkins.plugins.vertexai.core.pipeline.PipelineJobRequest;
import io.jenkins.plugins.vertexai.core.pipeline.PipelineJobRequestFactory;
import io.jenkins.plugins.vertexai.core.pipeline.PipelineRunSpec;
import io.jenkins.plugins.vertexai.core.pipeline.template.PipelineTemplateParser;
import io.jenkins.plugins.vertexai.emulator.VertexAiEmulator;
import io.jenkins.plugins.vertexai.emulator.fault.FaultPlan;
import java.io.InputStream;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.atomic.AtomicReference;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Task logs over real gRPC: the emulator serves Cloud Logging's ListLogEntries for the CustomJob of each task attempt,
 * core reads them with the official LoggingClient.
 */
class TaskLogsTest {
    private static final String LIST = "google.logging.v2.LoggingServiceV2/ListLogEntries";
    private EmulatorFixture fx;

    @AfterEach
    void close() {
        fx.close();
    }

    private static String scripted(int n) {
        return IntStream.range(0, n).mapToObj(i -> String.format("epoch %04d: loss 0.%04d", i, 9999 - i))
                .collect(Collectors.joining("\n"));
    }

    private PipelineJobName submit(String runKey) throws Exception {
        PipelineJobRequest req;
        try (InputStream in = TaskLogsTest.class.getResourceAsStream("/runner/train-eval.yaml")) {
            req = new PipelineJobRequestFactory().create(PipelineTemplateParser.parse(in.readAllBytes(), "train-eval.yaml"),
                    PipelineRunSpec.builder().templateLocation("train-eval.yaml").project("ml-prod").region("us-central1")
                            .runKey(runKey).persistentResourceRuntime(new PersistentResourceRuntime(null, null, null)).build());
        }
        new PipelineSubmission(fx.engine, fx.connection).submit(req, true, fx.listener()).join();
        return PipelineJobName.parse("name", req.parent() + "/pipelineJobs/" + req.jobId());
    }

    private static TaskLogOptions all() {
        return TaskLogOptions.DEFAULT.withMode(TaskLogMode.ALL).withInterval(Duration.ofMillis(50));
    }

    private List<String> lines(List<ProgressEvent> events, String task) {
        return events.stream().filter(e -> e.kind() == ProgressEvent.Kind.LOG && e.subject().equals("task " + task))
                .map(ProgressEvent::message).toList();
    }

    /** The lines of {@code train}: its start, its scripted lines in order, its progress, its end; each once. */
    private static void assertTrainLines(List<String> train, int scripted) {
        assertEquals("Waiting for job to be provisioned.", train.get(0));
        List<String> epochs = train.stream().filter(l -> l.startsWith("epoch ")).toList();
        assertEquals(List.of(scripted(scripted).split("\n")), epochs, "every scripted line once, in order");
        assertEquals(new HashSet<>(train).size(), train.size(), "no line twice");
        assertTrue(train.contains("Starting train (attempt 1 of 1)"), train.toString());
        assertEquals(List.of("train: 25% done", "train: 50% done", "train: 75% done"),
                train.stream().filter(l -> l.endsWith("% done")).toList());
        assertEquals("Job completed successfully.", train.get(train.size() - 1));
        assertTrue(train.indexOf("Starting train (attempt 1 of 1)") < train.indexOf("epoch 0000: loss 0.9999"));
    }

    @Test
    void allLinesOnceAndInOrderAcrossPagesAndARestartWithTheCap() throws Exception {
        // A frozen clock: the run is moved to its end by hand, so the split below is where the cap puts it.
        fx = new EmulatorFixture(VertexAiEmulator.builder().speed(0).seed(7).taskLog("train", scripted(2400)));
        PipelineJobName name = submit("logs#restart");
        fx.emulator.clock().advance(Duration.ofHours(1));

        List<ProgressEvent> before = new ArrayList<>();
        TaskLogCursor first = fx.engine.pipelines(fx.connection).logs(name, all().withMaxLines(1200), before::add).join();
        assertEquals(1200, first.shown());
        assertEquals(1200, before.stream().filter(e -> e.kind() == ProgressEvent.Kind.LOG).count());
        assertTrue(before.stream().anyMatch(e -> e.kind() == ProgressEvent.Kind.WARNING
                && e.message().startsWith("reached the cap of 1200 task log lines")), before.toString());

        // A restarted step: a new engine, the kept cursor, no cap in the way.
        List<ProgressEvent> after = new ArrayList<>();
        AtomicReference<TaskLogCursor> kept = new AtomicReference<>();
        try (var engine = new io.jenkins.plugins.vertexai.core.VertexEngine(EmulatorFixture.FAST_RETRY)) {
            PipelineRunResult r = engine.pipelines(fx.connection).await(name, PipelineWaitOptions.DEFAULT.withPolling(FAST)
                    .withLogs(all().withCursor(first, kept::set)), after::add).join();
            assertEquals(Outcome.SUCCEEDED, r.outcome());
        }
        List<ProgressEvent> both = new ArrayList<>(before);
        both.addAll(after);
        assertTrainLines(lines(both, "train"), 2400);
        for (String task : List.of("preprocess", "evaluate")) {
            List<String> l = lines(both, task);
            assertEquals(List.of("Waiting for job to be provisioned.", "Job is running.", "Starting " + task + " (attempt 1 of 1)",
                    task + ": 25% done", task + ": 50% done", task + ": 75% done", task + " finished", "Job completed successfully."), l);
        }
        long shown = both.stream().filter(e -> e.kind() == ProgressEvent.Kind.LOG).count();
        assertEquals(shown, kept.get().shown());
        long calls = fx.emulator.stats().rpcCount(LIST);
        assertTrue(calls >= 4, "1,200 then the remaining 1,200+ lines take at least two pages each: " + calls);
        assertTrue(after.stream().anyMatch(e -> e.subject().equals("task train") && e.link() != null
                && e.link().startsWith("https://console.cloud.google.com/logs/query;query=resource.type%3D%22ml_job%22")
                && e.link().endsWith("?project=ml-prod")), after.toString());
    }

    @Test
    void concurrentRunsStreamThroughOneSharedReaderAndFaultsLoseNothing() throws Exception {
        fx = new EmulatorFixture(EmulatorFixture.fastEmulator().taskDuration(Duration.ofMinutes(10)).taskLog("train", scripted(300))
                .faults(FaultPlan.builder().unavailable(LIST, 0.3).build()));
        List<PipelineJobName> names = List.of(submit("logs#a"), submit("logs#b"), submit("logs#c"));
        List<List<ProgressEvent>> events = names.stream().map(n -> (List<ProgressEvent>) new java.util.concurrent.CopyOnWriteArrayList<ProgressEvent>()).toList();
        List<java.util.concurrent.CompletableFuture<PipelineRunResult>> runs = new ArrayList<>();
        for (int i = 0; i < names.size(); i++) {
            runs.add(fx.engine.pipelines(fx.connection).await(names.get(i), PipelineWaitOptions.DEFAULT.withPolling(FAST)
                    .withLogs(all()), events.get(i)::add));
        }
        for (int i = 0; i < names.size(); i++) {
            assertEquals(Outcome.SUCCEEDED, runs.get(i).join().outcome());
            assertTrainLines(lines(events.get(i), "train"), 300);
        }
        assertTrue(fx.emulator.stats().faults(LIST) > 0, "faults were injected");
        long shared = fx.engine.taskLogs(fx.connection).sharedQueries();
        assertTrue(shared > 3, "read in several intervals while the runs went on: " + shared);
        assertEquals(fx.emulator.stats().rpcCount(LIST) - fx.emulator.stats().faults(LIST), shared,
                "every read was one query of the shared reader, for the three runs together");
    }

    @Test
    void errorsModeShowsTheFailingTasksLastLines() throws Exception {
        fx = new EmulatorFixture(EmulatorFixture.fastEmulator().taskLog("train", scripted(120))
                .failTasks("train", "CUDA out of memory"));
        PipelineJobName name = submit("logs#errors");
        PipelineRunResult r = fx.engine.pipelines(fx.connection).await(name, PipelineWaitOptions.DEFAULT.withPolling(FAST),
                fx.listener()).join();
        assertEquals(Outcome.FAILED, r.outcome());
        List<String> train = lines(fx.events, "train");
        assertEquals(50, train.size(), train.toString());
        assertEquals("RuntimeError: CUDA out of memory", train.get(train.size() - 2));
        assertEquals("The replica workerpool0-0 exited with a non-zero status of 1.", train.get(train.size() - 1));
        assertTrue(train.contains("Traceback (most recent call last):"));
        assertTrue(train.get(0).startsWith("epoch "), "the tail, not the head: " + train.get(0));
        assertTrue(fx.events.stream().anyMatch(e -> e.subject().equals("task train")
                && e.message().equals("failed; its last 50 log lines:") && e.link() != null), fx.events.toString());
        Set<String> others = fx.events.stream().filter(e -> e.kind() == ProgressEvent.Kind.LOG)
                .map(ProgressEvent::subject).collect(Collectors.toSet());
        assertEquals(Set.of("task train"), others, "only the failed task's lines");
    }
}
