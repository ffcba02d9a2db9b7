package io.jenkins.plugins.vertexai.core.pipeline;

import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Reads a non-negative duration as milliseconds: {@code 600000} (plain ms), {@code 90s}, {@code 10m}, {@code 1h30m}, {@code 500ms} or ISO-8601 {@code PT10M}. */
final class DurationText {
    static final String FORM = "milliseconds (600000), a duration such as 500ms, 90s, 10m, 1h or 1h30m, or ISO-8601 such as PT10M";
    private static final Pattern PLAIN = Pattern.compile("\\d+");
    private static final Pattern UNITS = Pattern.compile("(?:\\d+(?:ms|s|m|h))+");
    private static final Pattern PART = Pattern.compile("(\\d+)(ms|s|m|h)");

    private DurationText() {
    }

    /** @throws IllegalArgumentException with a reason, when the text is none of the accepted forms or negative */
    static long toMillis(String text) {
        long ms = parseMillis(text);
        if (ms > io.jenkins.plugins.vertexai.core.RequestBounds.MAX_DURATION.toMillis()) {
            throw new IllegalArgumentException(io.jenkins.plugins.vertexai.core.RequestBounds.tooLong(text.strip()));
        }
        return ms;
    }

    private static long parseMillis(String text) {
        String t = text.strip().toLowerCase(Locale.ROOT);
        try {
            if (PLAIN.matcher(t).matches()) {
                return Long.parseLong(t);
            }
            if (UNITS.matcher(t).matches()) {
                long total = 0;
                Matcher m = PART.matcher(t);
                while (m.find()) {
                    long n = Long.parseLong(m.group(1));
                    long unit = switch (m.group(2)) {
                        case "ms" -> 1L;
                        case "s" -> 1_000L;
                        case "m" -> 60_000L;
                        default -> 3_600_000L;
                    };
                    total = Math.addExact(total, Math.multiplyExact(n, unit));
                }
                return total;
            }
            if (t.startsWith("p") || t.startsWith("-p")) {
                long ms = Duration.parse(t.toUpperCase(Locale.ROOT)).toMillis();
                if (ms < 0) {
                    throw new IllegalArgumentException("'" + text + "' is negative; expected " + FORM);
                }
                return ms;
            }
        } catch (NumberFormatException | ArithmeticException e) {
            throw new IllegalArgumentException("'" + text + "' is too large", e);
        } catch (DateTimeParseException e) {
            throw new IllegalArgumentException("'" + text + "' is not a valid ISO-8601 duration", e);
        }
        throw new IllegalArgumentException("'" + text + "' is not a duration; expected " + FORM);
    }
}
