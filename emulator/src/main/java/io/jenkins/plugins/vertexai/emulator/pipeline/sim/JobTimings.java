package io.jenkins.plugins.vertexai.emulator.pipeline.sim;

import java.time.Duration;

/**
 * Simulated durations of a pipeline job's own phases: QUEUED, then PENDING (setting up), and CANCELLING after a
 * cancel request.
 */
public record JobTimings(Duration queued, Duration pending, Duration cancelling) {
    public JobTimings {
        for (Duration d : new Duration[] {queued, pending, cancelling}) {
            if (d.isNegative()) {
                throw new IllegalArgumentException("a job timing must not be negative, got " + d);
            }
        }
    }
}
