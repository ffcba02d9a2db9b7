package io.jenkins.plugins.vertexai.core.resource;

import io.jenkins.plugins.vertexai.core.ValidationException;
import java.util.Arrays;
import java.util.Locale;
import java.util.stream.Collectors;

/** What {@code ensure} does when the resource already exists. */
public enum IfExists {
    /** Use it as it is; a spec that differs is reported as a warning. */
    REUSE,
    /** Stop with an error. */
    FAIL,
    /** Delete it, wait until it is gone, and create it again from the spec. */
    RECREATE;

    public static IfExists parse(String field, String value) {
        if (value == null || value.isBlank()) {
            return REUSE;
        }
        try {
            return valueOf(value.trim().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw ValidationException.of(field, "'" + value + "' is not one of "
                    + Arrays.stream(values()).map(v -> v.name().toLowerCase(Locale.ROOT)).collect(Collectors.joining(", ")));
        }
    }
}
