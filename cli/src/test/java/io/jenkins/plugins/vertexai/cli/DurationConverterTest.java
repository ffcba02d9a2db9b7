package io.jenkins.plugins.vertexai.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import picocli.CommandLine;

/** The CLI's one duration parser: the short and ISO forms, and nothing that is not positive. */
class DurationConverterTest {
    @Test
    void acceptsShortAndIsoForms() {
        assertEquals(Duration.ofMillis(500), DurationConverter.parse("500ms"));
        assertEquals(Duration.ofSeconds(90), DurationConverter.parse("90s"));
        assertEquals(Duration.ofMinutes(45), DurationConverter.parse(" 45m "));
        assertEquals(Duration.ofHours(2), DurationConverter.parse("2h"));
        assertEquals(Duration.ofDays(1), DurationConverter.parse("1d"));
        assertEquals(Duration.ofMinutes(90), DurationConverter.parse("PT1H30M"));
        assertEquals(Duration.ofMinutes(10), DurationConverter.parse("pt10m"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"-PT1M", "PT-1M", "PT0S", "0s", "0ms", "P0D"})
    void rejectsZeroAndNegative(String text) {
        CommandLine.TypeConversionException e = assertThrows(CommandLine.TypeConversionException.class, () -> DurationConverter.parse(text));
        assertTrue(e.getMessage().contains("not positive") && e.getMessage().contains(DurationConverter.FORM), e.getMessage());
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "abc", "10", "1.5s", "10 min", "-5s", "99999999999999999999s", "9999999999999999d"})
    void rejectsOtherTextNamingTheForm(String text) {
        CommandLine.TypeConversionException e = assertThrows(CommandLine.TypeConversionException.class, () -> DurationConverter.parse(text));
        assertTrue(e.getMessage().contains(DurationConverter.FORM), e.getMessage());
    }
}
