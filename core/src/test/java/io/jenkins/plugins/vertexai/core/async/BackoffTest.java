package io.jenkins.plugins.vertexai.core.async;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class BackoffTest {
    @Test
    void growsByTheMultiplierUpToTheCap() {
        Backoff b = new Backoff(Duration.ofSeconds(5), 1.5, Duration.ofSeconds(30));
        assertEquals(Duration.ofSeconds(5), b.delay(0));
        assertEquals(Duration.ofMillis(7500), b.delay(1));
        assertEquals(Duration.ofSeconds(30), b.delay(20));
    }

    @Test
    void jitterStaysWithinHalfAndFull() {
        for (int i = 0; i < 1000; i++) {
            Duration j = Backoff.jitter(Duration.ofMillis(100));
            assertTrue(j.toMillis() >= 50 && j.toMillis() <= 100, j.toString());
        }
    }

    @Test
    void rejectsNonsense() {
        assertThrows(IllegalArgumentException.class, () -> new Backoff(Duration.ZERO, 2, Duration.ofSeconds(1)));
        assertThrows(IllegalArgumentException.class, () -> new Backoff(Duration.ofSeconds(1), 0.5, Duration.ofSeconds(1)));
        assertThrows(IllegalArgumentException.class, () -> new Backoff(Duration.ofSeconds(2), 2, Duration.ofSeconds(1)));
    }
}
