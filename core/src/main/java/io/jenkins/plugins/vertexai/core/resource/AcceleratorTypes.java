package io.jenkins.plugins.vertexai.core.resource;

import com.google.cloud.aiplatform.v1.AcceleratorType;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * The accelerator names Vertex accepts, taken from the v1 {@link AcceleratorType} enum so that a client upgrade
 * brings new GPUs and TPUs without code changes here.
 */
public final class AcceleratorTypes {
    private static final List<String> NAMES = Arrays.stream(AcceleratorType.values())
            .filter(t -> t != AcceleratorType.UNRECOGNIZED && t != AcceleratorType.ACCELERATOR_TYPE_UNSPECIFIED)
            .map(Enum::name)
            .toList();

    private AcceleratorTypes() {
    }

    /** Every valid name, in the enum's order. */
    public static List<String> names() {
        return NAMES;
    }

    /**
     * The enum value for {@code name}. Like gcloud, also accepts the lowercase kebab form
     * ({@code nvidia-tesla-t4}).
     */
    public static Optional<AcceleratorType> parse(String name) {
        if (name == null) {
            return Optional.empty();
        }
        String normalized = name.trim().toUpperCase(Locale.ROOT).replace('-', '_');
        return NAMES.contains(normalized) ? Optional.of(AcceleratorType.valueOf(normalized)) : Optional.empty();
    }
}
