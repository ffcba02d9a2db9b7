package io.jenkins.plugins.vertexai.core.resource;

import io.jenkins.plugins.vertexai.core.ValidationException;
import java.util.Locale;

/**
 * Whether a block-scoped persistent resource outlives its block. A resource that existed before the block (it
 * was reused) may be another build's or a team's shared cluster: only {@link #NEVER}, asked for explicitly,
 * deletes it.
 */
public enum KeepPolicy {
    /** The default: delete what the block created (whether it failed or not), keep what was there before. */
    IF_REUSED,
    /** Always delete it when the block ends, even when it existed before the block. */
    NEVER,
    /** Keep it when the block failed or was aborted, for a look at what went wrong; delete it otherwise (not a reused one). */
    ON_FAILURE,
    /** Never delete it. */
    ALWAYS;

    public static KeepPolicy parse(String field, String value) {
        if (value == null || value.isBlank()) {
            return IF_REUSED;
        }
        return switch (value.trim().toLowerCase(Locale.ROOT).replace("_", "").replace("-", "")) {
            case "ifreused" -> IF_REUSED;
            case "never" -> NEVER;
            case "onfailure" -> ON_FAILURE;
            case "always" -> ALWAYS;
            default -> throw ValidationException.of(field, "'" + value + "' is not one of ifReused, never, onFailure, always");
        };
    }

    /**
     * @param blockFailed whether the block failed or was aborted
     * @param reused      whether the resource existed before the block (see {@link PersistentResourceScope#reuses})
     */
    public boolean deletes(boolean blockFailed, boolean reused) {
        return switch (this) {
            case IF_REUSED -> !reused;
            case NEVER -> true;
            case ON_FAILURE -> !blockFailed && !reused;
            case ALWAYS -> false;
        };
    }

    /** As spelled in a Jenkinsfile: ifReused, never, onFailure, always. */
    public String spelling() {
        return switch (this) {
            case IF_REUSED -> "ifReused";
            case NEVER -> "never";
            case ON_FAILURE -> "onFailure";
            case ALWAYS -> "always";
        };
    }
}
