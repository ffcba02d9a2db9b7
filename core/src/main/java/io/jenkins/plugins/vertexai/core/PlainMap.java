package io.jenkins.plugins.vertexai.core;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Builds the plain maps results hand to callers such as a Jenkins Pipeline script: strings, numbers, booleans,
 * lists and maps only, in a stable order; absent (null) values are left out and instants become ISO-8601 text.
 */
public final class PlainMap {
    private final Map<String, Object> map = new LinkedHashMap<>();

    public PlainMap put(String key, Object value) {
        if (value != null) {
            map.put(key, value instanceof Instant i ? i.toString() : value);
        }
        return this;
    }

    public Map<String, Object> build() {
        return map;
    }
}
