package io.jenkins.plugins.vertexai.core.job;

import static io.jenkins.plugins.vertexai.core.EmulatorFixture.FAST;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.jenkins.plugins.vertexai.core.EmulatorFixture;
import io.jenkins.plugins.vertexai.core.async.WatchStats;
import io.jenkins.plugins.vertexai.core.job.PipelineRunResult.Outcome;
import io.jenkins.plugins.vertexai.emulator.VertexAiEmulator;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Waits through the regional watcher, over real gRPC against the emulator. */
class PipelineJobWatcherTest {
    private static final PipelineWaitOptions WAIT = PipelineWaitOptions.DEFAULT.withPolling(FAST).withTimeout(Duration.ofSeconds(60));
    private EmulatorFixture fx;

    @AfterEach
    void close() {
        if (fx != null) {
            fx.close();
        }
    }

    /** Jobs held RUNNING for 10 simulated minutes (0.5 s real at ×1200), so that the waits overlap. */
    private static VertexAiEmulator.Builder held() {
        return EmulatorFixture.fastEmulator().holdPipelineJobs(".*", Duration.ofMinutes(10));
    }

    private static void allSucceeded(List<PipelineRunResult> results) {
        results.forEach(r -> assertEquals(Outcome.SUCCEEDED, r.outcome(), r.toString()));
    }

    /** Every get the emulator saw came from the watcher, for a reason it counted. */
    private long gets() {
        WatchStats s = fx.engine.watchStats();
        long gets = fx.emulator.stats().rpcCount(WatchedJobs.GET);
        assertEquals(s.firstReads() + s.changeReads() + s.safetyReads(), gets, "reads by reason vs. gets received");
        return gets;
    }

    @Test
    void waitsShareOneListPerIntervalAndReadOnlyWhatChanged() throws Exception {
        fx = new EmulatorFixture(held());
        List<PipelineRunResult> results = WatchedJobs.runAll(fx, WatchedJobs.ids("shared", 12), WAIT);
        allSucceeded(results);
        results.forEach(r -> assertEquals(3, r.tasks().size(), "the last read is a full get, with task details: " + r));
        long gets = gets() - 12; // minus the creates' own reads: none, creates return the job
        WatchStats s = fx.engine.watchStats();
        // (A list the watcher started as the last wait ended may not have reached the emulator.)
        long received = fx.emulator.stats().rpcCount(WatchedJobs.LIST);
        assertTrue(received >= 1 && received <= s.lists() && s.lists() - received <= 1, "lists " + s.lists() + ", received " + received);
        // Each wait was read when new and then only when a list showed a change (a handful per run), never per interval.
        assertTrue(s.firstReads() == 12, "first reads " + s.firstReads());
        assertTrue(gets + 12 <= 12 * 8L, "gets " + (gets + 12) + " for 12 runs");
        assertEquals(0, fx.engine.chains().size());
    }

    @Test
    void pagesAreFollowedAndManyNewWaitsAreFoundByOneFullList() throws Exception {
        // An interval of 1 s: the 80 waits start within the watcher's first 200 ms of grace, and share its first list.
        fx = new EmulatorFixture(EmulatorFixture.fastEmulator().holdPipelineJobs(".*", Duration.ofMinutes(40)),
                EmulatorFixture.FAST_WATCH.withInterval(Duration.ofSeconds(1)));
        fx.emulator.listPageLimit(20);
        List<PipelineRunResult> results = WatchedJobs.runAll(fx, WatchedJobs.ids("paged", 80), WAIT);
        allSucceeded(results);
        gets();
        WatchStats s = fx.engine.watchStats();
        // 80 new waits at once: the first 32 are read at once, the other 48 found by one full list of the 80 jobs
        // (4 pages of at most 20), not 48 gets; of those, only ended ones are read.
        assertTrue(s.firstReads() < 80, "first reads " + s.firstReads());
        assertTrue(fx.emulator.stats().rpcCount(WatchedJobs.LIST) >= 4, "list calls " + fx.emulator.stats().rpcCount(WatchedJobs.LIST));
        assertEquals(80, results.stream().filter(r -> r.tasks().size() == 3).count());
    }

    @Test
    void aCancelledWaitLeavesTheWatcher() throws Exception {
        fx = new EmulatorFixture(EmulatorFixture.fastEmulator().holdPipelineJobs(".*", Duration.ofHours(10)));
        PipelineRunner runner = fx.engine.pipelines(fx.connection);
        runner.submit(WatchedJobs.PARENT, "cancelled", WatchedJobs.job(), io.jenkins.plugins.vertexai.core.ProgressListener.NONE).join();
        var wait = runner.await(PipelineJobName.parse("n", WatchedJobs.PARENT + "/pipelineJobs/cancelled"), WAIT,
                io.jenkins.plugins.vertexai.core.ProgressListener.NONE);
        assertEquals(1, fx.engine.watchedPipelineJobs());
        wait.cancel(true);
        assertEquals(0, fx.engine.watchedPipelineJobs());
    }

    @Test
    void theSafetyNetRecoversAChangeNoListShowed() throws Exception {
        // Held 40 simulated minutes (2 s real): still running when their waits start.
        fx = new EmulatorFixture(EmulatorFixture.fastEmulator().holdPipelineJobs(".*", Duration.ofMinutes(40)),
                EmulatorFixture.FAST_WATCH.withSafetyNet(Duration.ofMillis(200), 2));
        fx.emulator.hidePipelineJobsFromLists("hidden-.*");
        List<PipelineRunResult> results = WatchedJobs.runAll(fx, List.of("hidden-0", "visible-0"), WAIT);
        allSucceeded(results);
        gets();
        WatchStats s = fx.engine.watchStats();
        assertTrue(s.safetyReads() >= 1, "safety reads " + s.safetyReads() + ", first " + s.firstReads() + ", change "
                + s.changeReads() + ", lists " + s.lists() + ", list calls " + fx.emulator.stats().rpcCounts());
        assertTrue(s.missedChanges() >= 1, "a safety read found what the lists missed: " + s.missedChanges());
        assertTrue(s.changeReads() >= 1, "the visible job was read after a list showed its change");
    }
}
