package io.jenkins.plugins.vertexai.core;

import com.google.gson.Gson;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * Lists and maps written as text, as the Jenkins forms take them: one item per line (blank lines and lines starting
 * with {@code #} are ignored), for some fields also separated by commas; {@code KEY=VALUE} pairs likewise. And back:
 * the text a form shows for a list or map, which parses to the same values (as strings).
 */
public final class TextForms {
    private static final Gson JSON = new Gson();

    private TextForms() {
    }

    /** One item per line. */
    public static List<String> lines(String text) {
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
    public static List<String> items(String text) {
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

    /** {@code KEY=VALUE} pairs one per line or separated by commas (labels, input artifacts). */
    public static Map<String, String> keyValues(String field, String text) {
        return pairs(field, items(text));
    }

    /** {@code KEY=VALUE} one per line only, for values that may contain commas (pipeline parameters). */
    public static Map<String, String> keyValueLines(String field, String text) {
        return pairs(field, lines(text));
    }

    /** An optional boolean: blank is not set (null), else {@code true} or {@code false} in any case. */
    public static Boolean optionalBoolean(String field, String text) {
        String v = text == null ? "" : text.strip();
        if (v.isEmpty()) {
            return null;
        }
        return switch (v.toLowerCase(Locale.ROOT)) {
            case "true" -> Boolean.TRUE;
            case "false" -> Boolean.FALSE;
            default -> throw ValidationException.of(field, "'" + text + "' is not one of true, false (or empty: not set)");
        };
    }

    /** A list one item per line. */
    public static String text(Collection<?> items) {
        return items == null ? "" : items.stream().map(String::valueOf).collect(Collectors.joining("\n"));
    }

    /** A map as {@code KEY=VALUE} lines; list and map values as JSON, which pipeline parameters accept as text. */
    public static String text(Map<?, ?> map) {
        if (map == null) {
            return "";
        }
        return map.entrySet().stream().map(e -> e.getKey() + "=" + value(e.getValue())).collect(Collectors.joining("\n"));
    }

    private static String value(Object v) {
        return v instanceof Collection<?> || v instanceof Map<?, ?> ? JSON.toJson(v) : String.valueOf(v);
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
