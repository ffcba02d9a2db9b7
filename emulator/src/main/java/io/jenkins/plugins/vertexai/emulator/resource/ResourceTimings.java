package io.jenkins.plugins.vertexai.emulator.resource;

import java.time.Duration;

/** How long, in simulated time, each persistent-resource transition takes. */
public record ResourceTimings(Duration provisioning, Duration reboot, Duration delete) {
    public ResourceTimings {
        for (Duration d : new Duration[] {provisioning, reboot, delete}) {
            if (d.isNegative()) {
                throw new IllegalArgumentException("a resource timing must not be negative, got " + d);
            }
        }
    }
}
