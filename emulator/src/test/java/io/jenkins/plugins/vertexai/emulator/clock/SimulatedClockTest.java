package io.jenkins.plugins.vertexai.emulator.clock;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

class SimulatedClockTest {
    private static final Instant SIM_START = Instant.parse("2030-01-01T00:00:00Z");
    private static final Instant REAL_START = Instant.parse("2026-06-01T12:00:00Z");
    private final AtomicLong nanos = new AtomicLong(1_000);

    @Test
    void runsAtSpeedAndJumpsOnAdvance() {
        SimulatedClock clock = new SimulatedClock(60, SIM_START, nanos::get, REAL_START);
        assertEquals(SIM_START, clock.now());
        realSeconds(2);
        assertEquals(SIM_START.plusSeconds(120), clock.now());
        AtomicInteger advances = new AtomicInteger();
        clock.onAdvance(advances::incrementAndGet);
        assertEquals(SIM_START.plusSeconds(720), clock.advance(Duration.ofMinutes(10)));
        realSeconds(1);
        assertEquals(SIM_START.plusSeconds(780), clock.now());
        assertEquals(1, advances.get());
        assertThrows(IllegalArgumentException.class, () -> clock.advance(Duration.ofSeconds(-1)));
    }

    @Test
    void mapsSimulatedInstantsBackToRealOnes() {
        SimulatedClock clock = new SimulatedClock(60, SIM_START, nanos::get, REAL_START);
        realSeconds(2);                                  // sim 0..120 s during real 0..2 s
        clock.advance(Duration.ofMinutes(10));           // sim 120..720 s skipped at real 2 s
        realSeconds(1);                                  // sim 720..780 s during real 2..3 s
        assertEquals(Optional.of(REAL_START.plusSeconds(1)), clock.realInstantOf(SIM_START.plusSeconds(60)));
        assertEquals(Optional.of(REAL_START.plusSeconds(2)), clock.realInstantOf(SIM_START.plusSeconds(300)));
        assertEquals(Optional.of(REAL_START.plusMillis(2500)), clock.realInstantOf(SIM_START.plusSeconds(750)));
        assertEquals(Optional.of(REAL_START.plusSeconds(4)), clock.realInstantOf(SIM_START.plusSeconds(840)));
        assertEquals(Optional.of(Duration.ofSeconds(1)), clock.realDelayUntil(SIM_START.plusSeconds(840)));
        assertEquals(Optional.of(Duration.ZERO), clock.realDelayUntil(SIM_START));
    }

    @Test
    void frozenClockMovesOnlyByAdvance() {
        SimulatedClock clock = new SimulatedClock(0, SIM_START, nanos::get, REAL_START);
        realSeconds(5);
        assertEquals(SIM_START, clock.now());
        assertTrue(clock.realDelayUntil(SIM_START.plusSeconds(1)).isEmpty());
        clock.advance(Duration.ofSeconds(30));
        assertEquals(Optional.of(REAL_START.plusSeconds(5)), clock.realInstantOf(SIM_START.plusSeconds(10)));
        assertTrue(clock.realInstantOf(SIM_START.plusSeconds(31)).isEmpty());
    }

    private void realSeconds(long seconds) {
        nanos.addAndGet(Duration.ofSeconds(seconds).toNanos());
    }
}
