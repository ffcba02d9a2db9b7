package io.jenkins.plugins.vertexai.emulator.grpc;

import java.util.Map;
import java.util.regex.Pattern;

/**
 * Vertex AI label rules, shared by persistent resources and pipeline jobs. The API says (PersistentResource.labels,
 * PipelineJob.labels): "Label keys and values can be no longer than 64 characters (Unicode codepoints), can only
 * contain lowercase letters, numeric characters, underscores and dashes. International characters are allowed."
 * The labels guide it links to adds that keys start with a lowercase letter or an international character and are
 * not empty, and that a resource has at most 64 labels.
 */
public final class LabelRules {
    public static final int MAX_LABELS = 64;
    public static final int MAX_LENGTH = 64;
    /** A lowercase letter, or a letter without case (international: CJK, Arabic, …). */
    private static final String FIRST = "[\\p{Ll}\\p{Lo}]";
    private static final String CHAR = "[\\p{Ll}\\p{Lo}\\p{Lm}\\p{Nd}_-]";
    private static final Pattern KEY = Pattern.compile(FIRST + CHAR + "{0," + (MAX_LENGTH - 1) + "}");
    private static final Pattern VALUE = Pattern.compile(CHAR + "{0," + MAX_LENGTH + "}");
    static final String FORM = "keys and values are at most " + MAX_LENGTH + " characters (Unicode code points) of"
            + " lowercase letters, digits, '_' and '-' (international characters allowed); keys start with a lowercase"
            + " or international letter";

    private LabelRules() {
    }

    public static void check(String field, Map<String, String> labels, FieldViolations violations) {
        if (labels.size() > MAX_LABELS) {
            violations.add(field, "at most " + MAX_LABELS + " labels are allowed, got " + labels.size());
        }
        labels.forEach((key, value) -> {
            if (!KEY.matcher(key).matches()) {
                violations.add(field, "invalid key '" + key + "': " + FORM);
            }
            if (!VALUE.matcher(value).matches()) {
                violations.add(field, "invalid value '" + value + "' for key '" + key + "': " + FORM);
            }
        });
    }
}
