package io.jenkins.plugins.vertexai;

import hudson.Util;
import io.jenkins.plugins.vertexai.core.TextForms;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The text forms of list and map fields on the configuration pages: one item per line (blank lines and lines
 * starting with {@code #} ignored), and {@code KEY=VALUE} pairs one per line or separated by commas. The rules are
 * core's {@link TextForms}.
 */
final class TextLists {
    private TextLists() {
    }

    /** A choice from a form or a step argument: blank means {@code defaultValue}, else trimmed and lower-cased. */
    static String choice(String value, String defaultValue) {
        return Util.fixEmptyAndTrim(value) == null ? defaultValue : value.trim().toLowerCase(Locale.ROOT);
    }

    /** An optional boolean: blank is not set (null), else true or false in any case. */
    static Boolean triState(String field, String value) {
        return TextForms.optionalBoolean(field, value);
    }

    static List<String> lines(String text) {
        return TextForms.lines(text);
    }

    /** Items separated by new lines or commas. */
    static List<String> items(String text) {
        return TextForms.items(text);
    }

    static Map<String, String> keyValues(String field, String text) {
        return TextForms.keyValues(field, text);
    }

    /** {@code KEY=VALUE} one per line only, for values that may contain commas. */
    static Map<String, String> keyValueLines(String field, String text) {
        return TextForms.keyValueLines(field, text);
    }
}
