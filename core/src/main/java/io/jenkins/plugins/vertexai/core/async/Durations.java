package io.jenkins.plugins.vertexai.core.async;

import java.time.Duration;

/** Human-readable durations for logs: {@code 45s}, {@code 12m 03s}, {@code 2h 05m}. */
public final class Durations {
    private Durations() {
    }

    public static String format(Duration d) {
        long s = Math.max(0, d.toSeconds());
        if (s < 60) {
            return d.toMillis() < 10_000 && d.toMillis() % 1000 != 0 ? String.format("%.1fs", d.toMillis() / 1000.0) : s + "s";
        }
        if (s < 3600) {
            return String.format("%dm %02ds", s / 60, s % 60);
        }
        return String.format("%dh %02dm", s / 3600, (s % 3600) / 60);
    }

    /** {@code mm:ss} or {@code h:mm:ss}, for log line prefixes. */
    public static String clock(Duration d) {
        long s = Math.max(0, d.toSeconds());
        return s >= 3600 ? String.format("%d:%02d:%02d", s / 3600, (s % 3600) / 60, s % 60) : String.format("%02d:%02d", s / 60, s % 60);
    }
}
