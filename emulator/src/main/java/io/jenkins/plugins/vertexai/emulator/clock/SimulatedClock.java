package io.jenkins.plugins.vertexai.emulator.clock;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.LongSupplier;

/**
 * Simulated time: {@code start + real elapsed × speed}, plus every manual {@link #advance}. All emulator state is
 * derived from this clock when it is read, so tests jump ahead instead of sleeping.
 *
 * <p>Time is piecewise linear in real time: each {@link #advance} starts a new segment. The segments are kept so
 * that a simulated instant can be mapped back to the real instant at which it was reached.
 */
public final class SimulatedClock {
    private final double speed;
    private final LongSupplier nanoTicker;
    private final long originNanos;
    private final Instant realOrigin;
    private final List<Runnable> advanceListeners = new CopyOnWriteArrayList<>();
    /** Guarded by {@code this}; the last element is {@link #current}. */
    private final List<Segment> segments = new ArrayList<>();
    private volatile Segment current;

    /** A linear piece: simulated = {@code simStart + (nanos - realNanos) × speed}. */
    private record Segment(long realNanos, Instant simStart) {
    }

    /** A clock at {@code simulatedStart} now, running {@code speed} simulated seconds per real second (0 = frozen). */
    public SimulatedClock(double speed, Instant simulatedStart) {
        this(speed, simulatedStart, System::nanoTime, Instant.now());
    }

    /** For tests of the clock itself: a controllable nanosecond ticker and the real instant it starts at. */
    SimulatedClock(double speed, Instant simulatedStart, LongSupplier nanoTicker, Instant realOrigin) {
        if (!(speed >= 0) || Double.isInfinite(speed)) {
            throw new IllegalArgumentException("speed must be a finite number >= 0, got " + speed);
        }
        this.speed = speed;
        this.nanoTicker = nanoTicker;
        this.realOrigin = realOrigin;
        this.originNanos = nanoTicker.getAsLong();
        this.current = new Segment(originNanos, simulatedStart);
        segments.add(current);
    }

    /** Simulated seconds per real second. */
    public double speed() {
        return speed;
    }

    /** The current simulated instant. */
    public Instant now() {
        // Read the ticker before the segment: a concurrent advance then yields its (later) start, never a value
        // from before the segment began.
        long nanos = nanoTicker.getAsLong();
        return simulatedAt(current, nanos);
    }

    /** Moves simulated time forward by {@code amount} at once; returns the new simulated now. */
    public Instant advance(Duration amount) {
        if (amount.isNegative()) {
            throw new IllegalArgumentException("cannot go back in time: " + amount);
        }
        Instant result;
        synchronized (this) {
            long nanos = nanoTicker.getAsLong();
            result = simulatedAt(current, nanos).plus(amount);
            Segment next = new Segment(nanos, result);
            segments.add(next);
            current = next;
        }
        advanceListeners.forEach(Runnable::run);
        return result;
    }

    /** Runs {@code listener} after every {@link #advance}, on the advancing thread. */
    public void onAdvance(Runnable listener) {
        advanceListeners.add(listener);
    }

    /** The real time to wait until the simulated instant is reached; empty when a frozen clock never gets there. */
    public Optional<Duration> realDelayUntil(Instant simulated) {
        Duration ahead = Duration.between(now(), simulated);
        if (ahead.isNegative() || ahead.isZero()) {
            return Optional.of(Duration.ZERO);
        }
        if (speed == 0) {
            return Optional.empty();
        }
        return Optional.of(Duration.ofNanos((long) Math.ceil(ahead.toNanos() / speed)));
    }

    /**
     * The real wall-clock instant at which simulated time reached (or, projected at the current speed, will reach)
     * {@code simulated}. An instant skipped by {@link #advance} maps to the real instant of that advance. Empty when a
     * frozen clock will not get there.
     */
    public synchronized Optional<Instant> realInstantOf(Instant simulated) {
        for (int i = segments.size() - 1; i >= 0; i--) {
            Segment s = segments.get(i);
            if (s.simStart().isAfter(simulated)) {
                continue;
            }
            long nanos;
            if (speed == 0) {
                // A frozen segment is a single point; anything after it was skipped by the next advance.
                if (!simulated.isAfter(s.simStart())) {
                    nanos = s.realNanos();
                } else if (i == segments.size() - 1) {
                    return Optional.empty();
                } else {
                    nanos = segments.get(i + 1).realNanos();
                }
            } else {
                nanos = s.realNanos() + (long) Math.ceil(Duration.between(s.simStart(), simulated).toNanos() / speed);
                if (i < segments.size() - 1) {
                    nanos = Math.min(nanos, segments.get(i + 1).realNanos());
                }
            }
            return Optional.of(realOrigin.plusNanos(nanos - originNanos));
        }
        return Optional.of(realOrigin); // before the clock existed
    }

    private Instant simulatedAt(Segment s, long nanos) {
        long elapsed = Math.max(0, nanos - s.realNanos());
        return s.simStart().plusNanos((long) (elapsed * speed));
    }
}
