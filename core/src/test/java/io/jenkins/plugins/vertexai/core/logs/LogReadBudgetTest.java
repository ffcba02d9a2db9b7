package io.jenkins.plugins.vertexai.core.logs;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import org.junit.jupiter.api.Test;

/** The project's read budget: a burst of a tenth of the minute's calls at once, the rest wait for their turn. */
class LogReadBudgetTest {
    @Test
    void aBurstOfATenthThenTheRestWaitInOrder() {
        ScheduledExecutorService scheduler = Executors.newSingleThreadScheduledExecutor();
        try {
            LogReadBudget budget = new LogReadBudget(scheduler, 60);
            List<CompletableFuture<Void>> turns = new ArrayList<>();
            for (int i = 0; i < 10; i++) {
                turns.add(budget.turn());
            }
            for (int i = 0; i < 6; i++) {
                assertTrue(turns.get(i).isDone(), "call " + (i + 1) + " is within the burst");
            }
            for (int i = 6; i < 10; i++) {
                assertFalse(turns.get(i).isDone(), "call " + (i + 1) + " waits for its turn");
            }
            turns.get(6).join(); // and gets it, without a thread of its own
            assertTrue(new LogReadBudget(scheduler, 0).turn().isDone(), "0: unlimited");
        } finally {
            scheduler.shutdownNow();
        }
    }
}
