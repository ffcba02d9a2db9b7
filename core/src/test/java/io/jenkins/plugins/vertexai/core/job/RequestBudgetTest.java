package io.jenkins.plugins.vertexai.core.job;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.jenkins.plugins.vertexai.core.EmulatorFixture;
import io.jenkins.plugins.vertexai.core.ProgressListener;
import io.jenkins.plugins.vertexai.core.async.RequestBudget;
import io.jenkins.plugins.vertexai.emulator.fault.FaultPlan;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The engine's request budget per (project, region), over real gRPC against the emulator. */
class RequestBudgetTest {
    private EmulatorFixture fx;

    @AfterEach
    void close() {
        if (fx != null) {
            fx.close();
        }
    }

    private List<CompletableFuture<PipelineRunResult>> describeAtOnce(PipelineRunner runner, PipelineJobName name, int n) {
        List<CompletableFuture<PipelineRunResult>> calls = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            calls.add(runner.describe(name));
        }
        return calls;
    }

    @Test
    void aBurstQueuesInsteadOfFailing() throws Exception {
        fx = new EmulatorFixture(EmulatorFixture.fastEmulator(), EmulatorFixture.FAST_WATCH.withRequestsPerMinute(600));
        PipelineRunner runner = fx.engine.pipelines(fx.connection);
        runner.submit(WatchedJobs.PARENT, "burst", WatchedJobs.job(), ProgressListener.NONE).join();
        RequestBudget budget = fx.engine.budgets().forResource(WatchedJobs.PARENT);
        long queuedBefore = budget.queued();
        // 600 a minute: a burst of 60 at once, then 9 a second. Of 75 calls at once, about 15 wait their turn.
        List<CompletableFuture<PipelineRunResult>> calls = describeAtOnce(runner, PipelineJobName.parse("n", WatchedJobs.PARENT + "/pipelineJobs/burst"), 75);
        calls.forEach(c -> assertEquals("burst", c.join().jobId()));
        assertTrue(budget.queued() - queuedBefore >= 10, "queued " + (budget.queued() - queuedBefore));
        assertEquals(75, fx.emulator.stats().rpcCount(WatchedJobs.GET), "every call made once: none failed, none retried");
        assertEquals(fx.emulator.stats().totalRpcs(), budget.granted(), "every call the emulator saw went through the budget");
        // Another region has a budget of its own.
        assertEquals(0, fx.engine.budgets().forResource("projects/test-project/locations/europe-west4").granted());
    }

    @Test
    void resourceExhaustedSlowsTheWholeBucketDown() throws Exception {
        FaultPlan quota = FaultPlan.builder().resourceExhausted(WatchedJobs.GET, 0.5).build();
        fx = new EmulatorFixture(EmulatorFixture.fastEmulator().seed(11).faults(quota), EmulatorFixture.FAST_WATCH.withRequestsPerMinute(6000));
        PipelineRunner runner = fx.engine.pipelines(fx.connection);
        runner.submit(WatchedJobs.PARENT, "quota", WatchedJobs.job(), ProgressListener.NONE).join();
        RequestBudget budget = fx.engine.budgets().forResource(WatchedJobs.PARENT);
        List<CompletableFuture<PipelineRunResult>> calls = describeAtOnce(runner, PipelineJobName.parse("n", WatchedJobs.PARENT + "/pipelineJobs/quota"), 10);
        calls.forEach(c -> assertEquals("quota", c.join().jobId())); // retried until through
        long exhausted = fx.emulator.stats().faults(WatchedJobs.GET);
        assertTrue(exhausted > 0);
        assertEquals(exhausted, budget.throttles(), "every RESOURCE_EXHAUSTED slowed the bucket");
        assertTrue(budget.currentPerMinute() < 6000, "rate now " + budget.currentPerMinute());
    }
}
