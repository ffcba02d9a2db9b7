package io.jenkins.plugins.vertexai.core;

import java.util.Map;
import java.util.regex.Pattern;

/** Vertex AI label rules, shared by persistent resources and pipeline jobs. */
public final class Labels {
    public static final int MAX_LABELS = 64;
    private static final Pattern KEY = Pattern.compile("[a-z][a-z0-9_-]{0,62}");
    private static final Pattern VALUE = Pattern.compile("[a-z0-9_-]{0,63}");
    static final String FORM = "keys start with a lowercase letter; keys and values are at most 63 lowercase letters, digits, '_' or '-'";

    private Labels() {
    }

    /** Adds a problem under {@code field} for every rule the labels break. */
    public static void validate(String field, Map<String, String> labels, Problems problems) {
        if (labels == null || labels.isEmpty()) {
            return;
        }
        if (labels.size() > MAX_LABELS) {
            problems.add(field, "at most " + MAX_LABELS + " labels are allowed, got " + labels.size());
        }
        labels.forEach((k, v) -> {
            if (k == null || !KEY.matcher(k).matches()) {
                problems.add(field, "invalid key '" + k + "': " + FORM);
            }
            if (v == null || !VALUE.matcher(v).matches()) {
                problems.add(field, "invalid value '" + v + "' for key '" + k + "': " + FORM);
            }
        });
    }
}
