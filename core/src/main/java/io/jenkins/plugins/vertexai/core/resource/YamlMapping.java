package io.jenkins.plugins.vertexai.core.resource;

import io.jenkins.plugins.vertexai.core.Problems;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * A mapping at a known YAML path. On creation it reports keys that are not in its schema; its readers return
 * typed values, or null after reporting a problem under the value's path, so one pass finds every mistake.
 */
final class YamlMapping {
    private final String path;
    private final Map<?, ?> map;
    private final YamlDocument document;
    private final Problems problems;

    private YamlMapping(String path, Map<?, ?> map, List<String> keys, YamlDocument document, Problems problems) {
        this.path = path;
        this.map = map;
        this.document = document;
        this.problems = problems;
        checkKeys(keys);
    }

    /** The mapping {@code value} at {@code path}, or null (with a problem unless the value is absent). */
    static YamlMapping of(Object value, String path, List<String> keys, YamlDocument document, Problems problems) {
        if (value == null) {
            return null;
        }
        if (!(value instanceof Map<?, ?> map)) {
            problems.add(path, "must be a mapping of " + String.join(", ", keys) + ", got " + describe(value)
                    + document.at(path));
            return null;
        }
        return new YamlMapping(path, map, keys, document, problems);
    }

    Object raw(String key) {
        return map.get(key);
    }

    String pathOf(String key) {
        return path.isEmpty() ? key : path + "." + key;
    }

    YamlMapping mapping(String key, List<String> keys) {
        return of(map.get(key), pathOf(key), keys, document, problems);
    }

    String string(String key) {
        Object value = map.get(key);
        if (value == null || value instanceof String) {
            return (String) value;
        }
        return wrongType(key, "must be text", value);
    }

    Boolean bool(String key) {
        Object value = map.get(key);
        if (value == null || value instanceof Boolean) {
            return (Boolean) value;
        }
        return wrongType(key, "must be true or false", value);
    }

    /** A whole number; also as a string, because protobuf's JSON form writes int64 fields as strings. */
    Long wholeNumber(String key) {
        Object value = map.get(key);
        if (value == null) {
            return null;
        }
        BigInteger number = null;
        if (value instanceof Integer || value instanceof Long) {
            number = BigInteger.valueOf(((Number) value).longValue());
        } else if (value instanceof BigInteger big) {
            number = big;
        } else if (value instanceof String text && text.strip().matches("[+-]?[0-9]+")) {
            number = new BigInteger(text.strip());
        }
        if (number == null) {
            return wrongType(key, "must be a whole number such as 2", value);
        }
        if (number.bitLength() > 63) {
            problems.add(pathOf(key), "is too large: " + number + document.at(pathOf(key)));
            return null;
        }
        return number.longValue();
    }

    Integer integer(String key) {
        Long value = wholeNumber(key);
        if (value != null && (value < Integer.MIN_VALUE || value > Integer.MAX_VALUE)) {
            problems.add(pathOf(key), "is too large: " + value + document.at(pathOf(key)));
            return null;
        }
        return value == null ? null : value.intValue();
    }

    /** A mapping of text to text; whole-number values are taken as their digits. */
    Map<String, String> stringMap(String key) {
        Object value = map.get(key);
        if (value == null) {
            return null;
        }
        if (!(value instanceof Map<?, ?> entries)) {
            return wrongType(key, "must be a mapping of key: value", value);
        }
        Map<String, String> result = new LinkedHashMap<>();
        entries.forEach((k, v) -> {
            String entryPath = pathOf(key) + "." + k;
            if (v instanceof String || v instanceof Integer || v instanceof Long || v instanceof BigInteger) {
                result.put(String.valueOf(k), v.toString());
            } else if (v == null) {
                problems.add(entryPath, "has no value; give text (\"\" for an empty value) or remove the key"
                        + document.at(entryPath));
            } else {
                problems.add(entryPath, "must be text (quote it, e.g. '" + k + ": \"" + v + "\"'), got " + describe(v)
                        + document.at(entryPath));
            }
        });
        return result;
    }

    List<String> stringList(String key) {
        Object value = map.get(key);
        if (value == null) {
            return null;
        }
        if (!(value instanceof List<?> items)) {
            return wrongType(key, "must be a list of text items ('- item' lines)", value);
        }
        List<String> result = new ArrayList<>();
        for (int i = 0; i < items.size(); i++) {
            Object item = items.get(i);
            String itemPath = pathOf(key) + "[" + i + "]";
            if (item instanceof String text) {
                result.add(text);
            } else {
                problems.add(itemPath, "must be text, got " + describe(item) + document.at(itemPath));
            }
        }
        return result;
    }

    private <T> T wrongType(String key, String expected, Object value) {
        problems.add(pathOf(key), expected + ", got " + describe(value) + document.at(pathOf(key)));
        return null;
    }

    private void checkKeys(List<String> keys) {
        for (Object key : map.keySet()) {
            String name = String.valueOf(key);
            if (keys.contains(name)) {
                continue;
            }
            String keyPath = pathOf(name);
            String camel = camelCase(name);
            if (name.contains("_") && keys.contains(camel)) {
                problems.add(keyPath, "keys with underscores are not accepted (gcloud refuses them too); use '"
                        + camel + "'" + document.at(keyPath));
            } else {
                problems.add(keyPath, "unknown key '" + name + "'; valid keys here: " + String.join(", ", keys)
                        + document.at(keyPath));
            }
        }
    }

    static String camelCase(String snake) {
        StringBuilder out = new StringBuilder();
        boolean upper = false;
        for (char c : snake.toCharArray()) {
            if (c == '_') {
                upper = out.length() > 0;
            } else {
                out.append(upper ? Character.toUpperCase(c) : c);
                upper = false;
            }
        }
        return out.toString();
    }

    static String describe(Object value) {
        if (value instanceof Map) {
            return "a mapping";
        }
        if (value instanceof List) {
            return "a list";
        }
        if (value instanceof String text) {
            return "'" + text + "'";
        }
        if (value instanceof Boolean) {
            return "the boolean " + value;
        }
        if (value instanceof Double || value instanceof Float) {
            return "the decimal number " + value;
        }
        if (value instanceof byte[]) {
            return "binary data";
        }
        return String.valueOf(value);
    }
}
