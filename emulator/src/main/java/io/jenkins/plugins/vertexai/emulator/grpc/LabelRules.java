package io.jenkins.plugins.vertexai.emulator.grpc;

import java.util.Map;
import java.util.regex.Pattern;

/** Vertex AI label rules, shared by persistent resources and pipeline jobs. */
public final class LabelRules {
    public static final int MAX_LABELS = 64;
    private static final Pattern KEY = Pattern.compile("[a-z][a-z0-9_-]{0,62}");
    private static final Pattern VALUE = Pattern.compile("[a-z0-9_-]{0,63}");

    private LabelRules() {
    }

    public static void check(String field, Map<String, String> labels, FieldViolations violations) {
        if (labels.size() > MAX_LABELS) {
            violations.add(field, "at most " + MAX_LABELS + " labels are allowed, got " + labels.size());
        }
        labels.forEach((key, value) -> {
            if (!KEY.matcher(key).matches()) {
                violations.add(field, "invalid key '" + key + "': keys start with a lowercase letter and have at most"
                        + " 63 lowercase letters, digits, '_' or '-'");
            }
            if (!VALUE.matcher(value).matches()) {
                violations.add(field, "invalid value '" + value + "' for key '" + key + "': values have at most 63"
                        + " lowercase letters, digits, '_' or '-'");
            }
        });
    }
}
