package io.jenkins.plugins.vertexai.emulator.pipeline.sim;

import java.util.Locale;
import java.util.OptionalDouble;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Kubernetes-style quantities as KFP writes them: CPUs ({@code 4}, {@code 500m}) and memory ({@code 15G}, {@code 16Gi}). */
final class ResourceQuantities {
    private static final Pattern QUANTITY = Pattern.compile("([0-9]*\\.?[0-9]+)\\s*([a-zA-Z]*)");
    private static final double GIB = 1024.0 * 1024 * 1024;

    private ResourceQuantities() {
    }

    /** CPUs from {@code 4}, {@code 0.5} or {@code 4000m}. */
    static OptionalDouble cpus(String text) {
        Matcher m = QUANTITY.matcher(text.trim());
        if (!m.matches()) {
            return OptionalDouble.empty();
        }
        double amount = Double.parseDouble(m.group(1));
        return switch (m.group(2)) {
            case "" -> OptionalDouble.of(amount);
            case "m" -> OptionalDouble.of(amount / 1000);
            default -> OptionalDouble.empty();
        };
    }

    /** GiB from {@code 15G}, {@code 16Gi}, {@code 512Mi}, {@code 1T}; a bare number is bytes. */
    static OptionalDouble memoryGib(String text) {
        Matcher m = QUANTITY.matcher(text.trim());
        if (!m.matches()) {
            return OptionalDouble.empty();
        }
        double amount = Double.parseDouble(m.group(1));
        double bytesPerUnit = switch (m.group(2).toUpperCase(Locale.ROOT)) {
            case "" -> 1;
            case "K" -> 1e3;
            case "M" -> 1e6;
            case "G" -> 1e9;
            case "T" -> 1e12;
            case "KI" -> 1024.0;
            case "MI" -> 1024.0 * 1024;
            case "GI" -> GIB;
            case "TI" -> GIB * 1024;
            default -> -1;
        };
        return bytesPerUnit < 0 ? OptionalDouble.empty() : OptionalDouble.of(amount * bytesPerUnit / GIB);
    }
}
