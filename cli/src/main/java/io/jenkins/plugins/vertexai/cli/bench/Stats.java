package io.jenkins.plugins.vertexai.cli.bench;

import java.util.Arrays;

/** Small statistics helpers. */
final class Stats {
    private Stats() {
    }

    /** Nearest-rank percentile ({@code p} in [0, 100]) of the values; NaN when there are none. */
    static double percentile(double[] values, double p) {
        if (values.length == 0) {
            return Double.NaN;
        }
        double[] sorted = values.clone();
        Arrays.sort(sorted);
        int rank = (int) Math.ceil(p / 100.0 * sorted.length);
        return sorted[Math.max(0, Math.min(sorted.length - 1, rank - 1))];
    }
}
