package io.jenkins.plugins.vertexai.core.pipeline.template;

import java.util.Optional;

/**
 * A pipeline input parameter's type: KFP's {@code parameterType} (schema 2.1.0 and later). Schema 2.0.0 declared the
 * older {@code type} (STRING, INT, DOUBLE), which maps onto the first three. {@link #OTHER} stands for a type of the
 * KFP IR that this tool does not type-check (e.g. {@code TASK_FINAL_STATUS}, filled in by the service): such a
 * parameter is passed through to the service when the run leaves it out.
 */
public enum ParameterType {
    STRING("STRING"),
    NUMBER_INTEGER("INT"),
    NUMBER_DOUBLE("DOUBLE"),
    BOOLEAN(null),
    LIST(null),
    STRUCT(null),
    OTHER(null);

    private final String legacyName;

    ParameterType(String legacyName) {
        this.legacyName = legacyName;
    }

    /** The type for a schema 2.1.0 {@code parameterType} name; never {@link #OTHER}. */
    public static Optional<ParameterType> ofParameterType(String name) {
        for (ParameterType t : values()) {
            if (t != OTHER && t.name().equals(name)) {
                return Optional.of(t);
            }
        }
        return Optional.empty();
    }

    /** The type for a schema 2.0.0 {@code type} name: STRING, INT or DOUBLE. */
    public static Optional<ParameterType> ofLegacyType(String name) {
        for (ParameterType t : values()) {
            if (t.legacyName != null && t.legacyName.equals(name)) {
                return Optional.of(t);
            }
        }
        return Optional.empty();
    }

    /** The name schema 2.0.0 used, or null when it had none for this type. */
    public String legacyName() {
        return legacyName;
    }
}
