package io.jenkins.plugins.vertexai.cli;

import io.jenkins.plugins.vertexai.core.RequestBounds;
import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import picocli.CommandLine;

/**
 * The CLI's one duration parser: {@code 500ms}, {@code 90s}, {@code 45m}, {@code 2h}, {@code 1d}, or ISO-8601
 * {@code PT1H30M}; always positive and at most {@link RequestBounds#MAX_DURATION}. Picocli reports a rejected value with the option's name, exit code 2.
 *
 * <p>Core's {@code pipeline.DurationText} is package-private (and allows zero), so the CLI keeps its own.
 */
public final class DurationConverter implements CommandLine.ITypeConverter<Duration> {
    /** The accepted forms, for error messages. */
    public static final String FORM = "a positive duration such as 500ms, 90s, 45m, 2h, 1d or ISO-8601 PT1H30M, at most "
            + RequestBounds.MAX_DURATION_TEXT;
    private static final Pattern SIMPLE = Pattern.compile("(\\d+)(ms|s|m|h|d)");

    @Override
    public Duration convert(String value) {
        return parse(value);
    }

    /** @throws CommandLine.TypeConversionException naming the accepted form, for anything but a positive duration */
    public static Duration parse(String value) {
        String text = value == null ? "" : value.strip();
        Duration d;
        try {
            Matcher m = SIMPLE.matcher(text);
            if (m.matches()) {
                long n = Long.parseLong(m.group(1));
                d = switch (m.group(2)) {
                    case "ms" -> Duration.ofMillis(n);
                    case "s" -> Duration.ofSeconds(n);
                    case "m" -> Duration.ofMinutes(n);
                    case "h" -> Duration.ofHours(n);
                    default -> Duration.ofDays(n);
                };
            } else {
                d = Duration.parse(text);
            }
        } catch (NumberFormatException | ArithmeticException e) {
            throw new CommandLine.TypeConversionException("'" + value + "' is too large; expected " + FORM);
        } catch (DateTimeParseException e) {
            throw new CommandLine.TypeConversionException("'" + value + "' is not a duration; expected " + FORM);
        }
        if (d.isZero() || d.isNegative()) {
            throw new CommandLine.TypeConversionException("'" + value + "' is not positive; expected " + FORM);
        }
        // Bounded up front: a typo such as 999999999999d would otherwise overflow a deadline after the job was created.
        if (d.compareTo(RequestBounds.MAX_DURATION) > 0) {
            throw new CommandLine.TypeConversionException("'" + value + "' is too long; expected " + FORM);
        }
        return d;
    }
}
