package io.jenkins.plugins.vertexai.core.async;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class AsyncPollerTest {
    private final ScheduledExecutorService scheduler = Executors.newSingleThreadScheduledExecutor();
    private static final PollingPolicy FAST = new PollingPolicy(new Backoff(Duration.ofMillis(5), 2.0, Duration.ofMillis(20)), Duration.ofSeconds(5));

    @AfterEach
    void stop() {
        scheduler.shutdownNow();
    }

    @Test
    void pollsUntilFinishedWithBackoffCappedAtMax() throws Exception {
        AtomicInteger polls = new AtomicInteger();
        List<Long> at = new ArrayList<>();
        String result = AsyncPoller.poll(scheduler, FAST, "thing",
                () -> {
                    at.add(System.nanoTime());
                    return CompletableFuture.completedFuture(polls.incrementAndGet());
                },
                n -> n == 6 ? "done after " + n : null).get(5, TimeUnit.SECONDS);
        assertEquals("done after 6", result);
        // gaps grow 5, 10, 20, 20, 20 ms: the last gap must not exceed the cap by much
        long lastGapMs = (at.get(5) - at.get(4)) / 1_000_000;
        assertTrue(lastGapMs >= 19 && lastGapMs < 500, "gap " + lastGapMs);
    }

    @Test
    void timesOutWithPollTimeoutException() {
        PollingPolicy shortWait = FAST.withTimeout(Duration.ofMillis(60));
        CompletableFuture<String> f = AsyncPoller.poll(scheduler, shortWait, "the thing",
                () -> CompletableFuture.completedFuture(1), n -> null);
        ExecutionException e = assertThrows(ExecutionException.class, () -> f.get(5, TimeUnit.SECONDS));
        assertInstanceOf(PollTimeoutException.class, e.getCause());
        assertTrue(e.getCause().getMessage().contains("the thing"));
    }

    @Test
    void cancellingStopsPolling() throws Exception {
        AtomicInteger polls = new AtomicInteger();
        CompletableFuture<String> f = AsyncPoller.poll(scheduler, FAST, "x",
                () -> CompletableFuture.completedFuture(polls.incrementAndGet()), n -> null);
        while (polls.get() < 2) {
            Thread.onSpinWait();
        }
        f.cancel(false);
        int seen = polls.get();
        scheduler.schedule(() -> { }, 100, TimeUnit.MILLISECONDS).get();
        assertTrue(polls.get() <= seen + 1, "polled on after cancel: " + polls.get() + " > " + seen);
    }

    @Test
    void failureOfAPollOrOfTheOutcomeEndsTheWait() {
        CompletableFuture<String> f = AsyncPoller.poll(scheduler, FAST, "x",
                () -> CompletableFuture.completedFuture(1), n -> {
                    throw new IllegalStateException("broken");
                });
        ExecutionException e = assertThrows(ExecutionException.class, () -> f.get(5, TimeUnit.SECONDS));
        assertEquals("broken", e.getCause().getMessage());
    }
}
