package io.jenkins.plugins.vertexai;

import hudson.Util;
import io.jenkins.plugins.vertexai.core.ValidationException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The text forms of list and map fields on the freestyle configuration pages: one item per line (blank lines and
 * lines starting with {@code #} ignored), and {@code KEY=VALUE} pairs one per line or separated by commas.
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
        String v = Util.fixEmptyAndTrim(value);
        if (v == null) {
            return null;
        }
        return switch (v.toLowerCase(Locale.ROOT)) {
            case "true" -> Boolean.TRUE;
            case "false" -> Boolean.FALSE;
            default -> throw ValidationException.of(field, "'" + value + "' is not one of true, false (or empty: not set)");
        };
    }

    static List<String> lines(String text) {
        List<String> out = new ArrayList<>();
        if (text == null) {
            return out;
        }
        for (String line : text.split("\\r?\\n")) {
            String l = line.strip();
            if (!l.isEmpty() && !l.startsWith("#")) {
                out.add(l);
            }
        }
        return out;
    }

    /** Items separated by new lines or commas. */
    static List<String> items(String text) {
        List<String> out = new ArrayList<>();
        for (String line : lines(text)) {
            for (String item : line.split(",")) {
                if (!item.isBlank()) {
                    out.add(item.strip());
                }
            }
        }
        return out;
    }

    static Map<String, String> keyValues(String field, String text) {
        return pairs(field, items(text));
    }

    /** {@code KEY=VALUE} one per line only, for values that may contain commas. */
    static Map<String, String> keyValueLines(String field, String text) {
        return pairs(field, lines(text));
    }

    private static Map<String, String> pairs(String field, List<String> entries) {
        Map<String, String> out = new LinkedHashMap<>();
        for (String item : entries) {
            int eq = item.indexOf('=');
            if (eq <= 0) {
                throw ValidationException.of(field, "'" + item + "' is not KEY=VALUE");
            }
            out.put(item.substring(0, eq).strip(), item.substring(eq + 1).strip());
        }
        return out;
    }
}
