package io.jenkins.plugins.vertexai.core.async;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.api.gax.grpc.GrpcStatusCode;
import com.google.api.gax.rpc.ApiException;
import com.google.api.gax.rpc.ApiExceptionFactory;
import io.grpc.Status;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class AsyncRetryTest {
    private final ScheduledExecutorService scheduler = Executors.newSingleThreadScheduledExecutor();
    private final RetryPolicy policy = new RetryPolicy(4, new Backoff(Duration.ofMillis(2), 2, Duration.ofMillis(10)), Duration.ofSeconds(1));
    private final List<Integer> retried = new CopyOnWriteArrayList<>();

    @AfterEach
    void stop() {
        scheduler.shutdownNow();
    }

    private static ApiException rpc(Status.Code code) {
        return ApiExceptionFactory.createException(Status.fromCode(code).asRuntimeException(), GrpcStatusCode.of(code), false);
    }

    private AsyncRetry retry(Cancellation c) {
        return new AsyncRetry(scheduler, policy, (what, attempt, cause, delay) -> retried.add(attempt), c);
    }

    @Test
    void transientFailuresAreRetriedUntilSuccess() throws Exception {
        String v = retry(new Cancellation()).call("op", n -> n < 3
                ? CompletableFuture.failedFuture(rpc(Status.Code.UNAVAILABLE)) : CompletableFuture.completedFuture("ok after " + n))
                .get(5, TimeUnit.SECONDS);
        assertEquals("ok after 3", v);
        assertEquals(List.of(2, 3), retried);
    }

    @Test
    void otherFailuresEndAtOnceAndAttemptsAreBounded() {
        AtomicInteger calls = new AtomicInteger();
        ExecutionException denied = assertThrows(ExecutionException.class, () -> retry(new Cancellation()).call("op", n -> {
            calls.incrementAndGet();
            return CompletableFuture.<String>failedFuture(rpc(Status.Code.PERMISSION_DENIED));
        }).get(5, TimeUnit.SECONDS));
        assertInstanceOf(ApiException.class, denied.getCause());
        assertEquals(1, calls.get());

        calls.set(0);
        assertThrows(ExecutionException.class, () -> retry(new Cancellation()).call("op", n -> {
            calls.incrementAndGet();
            return CompletableFuture.<String>failedFuture(rpc(Status.Code.DEADLINE_EXCEEDED));
        }).get(5, TimeUnit.SECONDS));
        assertEquals(4, calls.get(), "maxAttempts");
    }

    @Test
    void aNonRpcFailureEndsTheCallInsteadOfHangingIt() {
        ExecutionException e = assertThrows(ExecutionException.class, () -> retry(new Cancellation())
                .call("op", n -> CompletableFuture.<String>failedFuture(new IllegalStateException("bug"))).get(5, TimeUnit.SECONDS));
        assertEquals("bug", e.getCause().getMessage());
    }

    @Test
    void pollsRetryNoLaterThanTheIntervalAndRideOutAnOutage() {
        RetryPolicy polls = RetryPolicy.DEFAULT.forPolls(Duration.ofSeconds(5), Duration.ofMinutes(15));
        assertEquals(Duration.ofSeconds(5), polls.backoff().max(), "never later than the next poll");
        assertEquals(Duration.ofMillis(250), polls.backoff().initial());
        // Jittered delays are at least half the cap: the attempts cover the outage even at the shortest spacing.
        assertTrue(polls.maxAttempts() * 2.5 >= Duration.ofMinutes(15).toSeconds(), "attempts " + polls.maxAttempts());
        RetryPolicy tight = RetryPolicy.DEFAULT.forPolls(Duration.ofMillis(100), Duration.ofSeconds(1));
        assertEquals(Duration.ofMillis(100), tight.backoff().initial(), "initial delay within the cap");
    }

    @Test
    void cancellingTheChainStopsRetrying() throws Exception {
        Cancellation c = new Cancellation();
        AtomicInteger calls = new AtomicInteger();
        CompletableFuture<String> f = retry(c).call("op", n -> {
            if (calls.incrementAndGet() == 2) {
                c.cancel();
            }
            return CompletableFuture.failedFuture(rpc(Status.Code.UNAVAILABLE));
        });
        scheduler.schedule(() -> { }, 100, TimeUnit.MILLISECONDS).get();
        assertTrue(f.isDone());
        assertEquals(2, calls.get());
    }
}
