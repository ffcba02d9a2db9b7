package io.jenkins.plugins.vertexai.core.logs;

import io.jenkins.plugins.vertexai.core.ValidationException;
import java.util.Locale;

/** Which task log lines a run shows in the console. */
public enum TaskLogMode {
    /** None. */
    NONE,
    /** The last lines of each task that fails (the default). */
    ERRORS,
    /** Every line of every task, as it is written. */
    ALL;

    /** {@code none}, {@code errors} or {@code all} (any case); null or blank gives the default, {@link #ERRORS}. */
    public static TaskLogMode parse(String field, String value) {
        if (value == null || value.isBlank()) {
            return ERRORS;
        }
        try {
            return valueOf(value.trim().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw ValidationException.of(field, "'" + value + "' is not one of none, errors, all");
        }
    }

    public String id() {
        return name().toLowerCase(Locale.ROOT);
    }
}
