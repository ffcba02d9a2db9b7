package io.jenkins.plugins.vertexai.cli;

import io.jenkins.plugins.vertexai.core.ValidationException;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * Core names fields as the Jenkins steps do ({@code ifExists}, {@code runKey}); on the command line a message must
 * name the flag the user typed ({@code --if-exists}, {@code --run-key}).
 */
final class CliVocabulary {
    private static final Map<String, String> FLAGS = Map.ofEntries(
            Map.entry("persistentResourceId", "--persistent-resource-id"),
            Map.entry("ifExists", "--if-exists"),
            Map.entry("keepFailed", "--keep-failed"),
            Map.entry("runKey", "--run-key"),
            Map.entry("attachAnyway", "--attach-anyway"),
            Map.entry("apiEndpoint", "--api-endpoint"),
            Map.entry("project", "--project"),
            Map.entry("region", "--region"),
            Map.entry("pipelineRoot", "--pipeline-root"),
            Map.entry("displayName", "--display-name"),
            Map.entry("serviceAccount", "--service-account"),
            Map.entry("kmsKeyName", "--kms-key"),
            Map.entry("network", "--network"),
            Map.entry("reservedIpRanges", "--reserved-ip-ranges"),
            Map.entry("labels", "--labels"),
            Map.entry("jobId", "--job-id"),
            Map.entry("failurePolicy", "--failure-policy"),
            Map.entry("persistentResource", "--persistent-resource-id"),
            Map.entry("taskResourceUnavailableWaitTime", "--task-resource-unavailable-wait-time-ms"),
            Map.entry("taskResourceUnavailableTimeoutBehavior", "--task-resource-unavailable-timeout-behavior"),
            Map.entry("inputArtifacts", "--input-artifact"),
            Map.entry("parameterValues", "--parameter"),
            Map.entry("enableCustomServiceAccount", "--enable-custom-service-account"));
    /** Names that are flags in free text too: none of them is an English word. */
    private static final Pattern IN_TEXT = Pattern.compile("\\b(ifExists|keepFailed|runKey|attachAnyway)\\b");

    private CliVocabulary() {
    }

    /** A field name as the flag that sets it, or unchanged. */
    static String flag(String field) {
        String f = FLAGS.get(field);
        if (f != null) {
            return f;
        }
        // reservedIpRanges[0] -> --reserved-ip-ranges[0]
        int bracket = field.indexOf('[');
        if (bracket > 0 && FLAGS.containsKey(field.substring(0, bracket))) {
            return FLAGS.get(field.substring(0, bracket)) + field.substring(bracket);
        }
        return field;
    }

    /** Free text with the step-style names above replaced by their flags. */
    static String text(String message) {
        if (message == null) {
            return null;
        }
        Matcher m = IN_TEXT.matcher(message);
        StringBuilder b = new StringBuilder();
        while (m.find()) {
            m.appendReplacement(b, Matcher.quoteReplacement(FLAGS.get(m.group(1))));
        }
        return m.appendTail(b).toString();
    }

    /** A validation failure, every problem under its flag. */
    static String problems(ValidationException e) {
        var problems = e.problems();
        if (problems.size() == 1) {
            return flag(problems.get(0).field()) + ": " + text(problems.get(0).message());
        }
        return problems.size() + " invalid fields:\n" + problems.stream()
                .map(p -> "  - " + flag(p.field()) + ": " + text(p.message())).collect(Collectors.joining("\n"));
    }
}
