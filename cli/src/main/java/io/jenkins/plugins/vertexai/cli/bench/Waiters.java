package io.jenkins.plugins.vertexai.cli.bench;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * N waits in flight, one per pipeline job, and when each ended. Subclasses start the waits; a waiter calls
 * {@link #finished} exactly once, from whatever thread sees the end.
 */
abstract class Waiters {
    final List<String> jobNames;
    final long[] startNanos;
    final long[] endNanos;
    final boolean[] ok;
    final String[] failures;
    private final AtomicInteger completed = new AtomicInteger();
    private final CountDownLatch allDone;

    Waiters(List<String> jobNames) {
        this.jobNames = jobNames;
        int n = jobNames.size();
        this.startNanos = new long[n];
        this.endNanos = new long[n];
        this.ok = new boolean[n];
        this.failures = new String[n];
        this.allDone = new CountDownLatch(n);
    }

    /** Starts all waits; returns once each has been started. */
    abstract void start();

    /** Stops the waits that have not completed (after the deadline) and releases their resources. */
    abstract void stop();

    /** Records run {@code i}'s end; {@code failure} null for a waiter that saw the job end. */
    final void finished(int i, boolean succeeded, String failure) {
        endNanos[i] = System.nanoTime();
        ok[i] = succeeded;
        failures[i] = failure;
        completed.incrementAndGet();
        allDone.countDown();
    }

    final int completed() {
        return completed.get();
    }

    /** Waits until every waiter has completed or the deadline has passed; true if all completed. */
    final boolean awaitAll(Duration timeout) throws InterruptedException {
        return allDone.await(timeout.toNanos(), TimeUnit.NANOSECONDS);
    }

    final int size() {
        return jobNames.size();
    }
}
