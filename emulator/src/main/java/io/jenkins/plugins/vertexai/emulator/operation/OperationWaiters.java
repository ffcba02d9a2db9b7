package io.jenkins.plugins.vertexai.emulator.operation;

import com.google.longrunning.Operation;
import io.grpc.stub.ServerCallStreamObserver;
import io.grpc.stub.StreamObserver;
import io.jenkins.plugins.vertexai.emulator.clock.SimulatedClock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Pending WaitOperation calls. None parks a thread: each schedules a check on the shared scheduler for the real
 * instant its operation should be done (or its timeout), and is checked again whenever the clock is advanced or an
 * operation is changed (cancel, delete), since either can move the moment it is done.
 */
public final class OperationWaiters {
    private static final Logger LOG = Logger.getLogger(OperationWaiters.class.getName());
    private static final long MIN_RECHECK_NANOS = TimeUnit.MILLISECONDS.toNanos(2);

    private final SimulatedClock clock;
    private final ScheduledExecutorService scheduler;
    private final Set<Waiter> waiting = ConcurrentHashMap.newKeySet();

    public OperationWaiters(SimulatedClock clock, ScheduledExecutorService scheduler) {
        this.clock = clock;
        this.scheduler = scheduler;
        clock.onAdvance(this::recheckAllLater);
    }

    /** Answers {@code observer} with the operation once it is done, or as it is after {@code timeout} real time. */
    public void await(SimulatedOperation operation, Duration timeout, StreamObserver<Operation> observer) {
        Waiter waiter = new Waiter(operation, System.nanoTime() + timeout.toNanos(), observer);
        if (observer instanceof ServerCallStreamObserver<Operation> call) {
            call.setOnCancelHandler(waiter::abandon); // the client gave up or its deadline passed
        }
        waiting.add(waiter);
        waiter.check();
    }

    /** Re-evaluates every pending wait on the scheduler, e.g. after an operation changed. */
    public void recheckAllLater() {
        if (waiting.isEmpty()) {
            return;
        }
        try {
            scheduler.execute(() -> waiting.forEach(Waiter::check));
        } catch (RejectedExecutionException e) {
            // shutting down: the server cancels the calls
        }
    }

    int pending() {
        return waiting.size();
    }

    private final class Waiter {
        private final SimulatedOperation operation;
        private final long deadlineNanos;
        private final StreamObserver<Operation> observer;
        private boolean finished;
        private ScheduledFuture<?> nextCheck;

        Waiter(SimulatedOperation operation, long deadlineNanos, StreamObserver<Operation> observer) {
            this.operation = operation;
            this.deadlineNanos = deadlineNanos;
            this.observer = observer;
        }

        synchronized void check() {
            if (finished) {
                return;
            }
            if (nextCheck != null) {
                nextCheck.cancel(false);
            }
            Operation now = operation.snapshot(clock.now());
            long remaining = deadlineNanos - System.nanoTime();
            if (now.getDone() || remaining <= 0) {
                finish(now);
                return;
            }
            long delay = remaining;
            Optional<Instant> doneAt = operation.doneAt();
            if (doneAt.isPresent()) {
                Optional<Duration> untilDone = clock.realDelayUntil(doneAt.get());
                if (untilDone.isPresent()) {
                    delay = Math.min(delay, Math.max(untilDone.get().toNanos(), MIN_RECHECK_NANOS));
                }
            }
            try {
                nextCheck = scheduler.schedule(this::check, delay, TimeUnit.NANOSECONDS);
            } catch (RejectedExecutionException e) {
                abandon();
            }
        }

        synchronized void abandon() {
            finished = true;
            waiting.remove(this);
            if (nextCheck != null) {
                nextCheck.cancel(false);
            }
        }

        private void finish(Operation operation) {
            finished = true;
            waiting.remove(this);
            try {
                observer.onNext(operation);
                observer.onCompleted();
            } catch (RuntimeException e) {
                LOG.log(Level.FINE, "WaitOperation caller went away", e); // e.g. cancelled meanwhile
            }
        }
    }
}
