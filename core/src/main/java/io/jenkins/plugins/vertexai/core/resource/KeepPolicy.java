package io.jenkins.plugins.vertexai.core.resource;

import io.jenkins.plugins.vertexai.core.ValidationException;
import java.util.Locale;

/** Whether a block-scoped persistent resource outlives its block. */
public enum KeepPolicy {
    /** Always delete it when the block ends (default: no GPU cluster is left running). */
    NEVER,
    /** Keep it when the block failed or was aborted, for a look at what went wrong; delete it otherwise. */
    ON_FAILURE,
    /** Never delete it. */
    ALWAYS;

    public static KeepPolicy parse(String field, String value) {
        if (value == null || value.isBlank()) {
            return NEVER;
        }
        return switch (value.trim().toLowerCase(Locale.ROOT).replace("_", "").replace("-", "")) {
            case "never" -> NEVER;
            case "onfailure" -> ON_FAILURE;
            case "always" -> ALWAYS;
            default -> throw ValidationException.of(field, "'" + value + "' is not one of never, onFailure, always");
        };
    }

    public boolean deletes(boolean blockFailed) {
        return switch (this) {
            case NEVER -> true;
            case ON_FAILURE -> !blockFailed;
            case ALWAYS -> false;
        };
    }
}
