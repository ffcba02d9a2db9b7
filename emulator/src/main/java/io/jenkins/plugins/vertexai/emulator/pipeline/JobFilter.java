package io.jenkins.plugins.vertexai.emulator.pipeline;

import com.google.cloud.aiplatform.v1beta1.PipelineJob;
import io.jenkins.plugins.vertexai.emulator.grpc.FieldViolations;
import io.jenkins.plugins.vertexai.emulator.grpc.Timestamps;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Predicate;
import java.util.regex.Pattern;

/**
 * The ListPipelineJobs filter subset of AIP-160 the emulator understands: {@code pipeline_name},
 * {@code pipeline_job_user_id}, {@code display_name}, {@code state} and {@code labels.KEY} with {@code =}, {@code !=}
 * and the {@code :} wildcard ({@code labels.KEY:*} for presence); {@code create_time}, {@code update_time} and
 * {@code end_time} with comparisons on RFC 3339 values; terms joined by AND and OR (OR binds tighter, as in AIP-160),
 * each optionally negated with NOT. Anything else is INVALID_ARGUMENT.
 */
final class JobFilter {
    /** What a filter sees of a job. */
    record Subject(PipelineJob job, String pipelineName, String jobId) {
    }

    private static final Pattern TERM = Pattern.compile(
            "\\s*(NOT\\s+|-)?([a-z_]+(?:\\.[A-Za-z0-9_-]+)?)\\s*(!=|<=|>=|=|<|>|:)\\s*(\"(?:[^\"\\\\]|\\\\.)*\"|[^\\s\"]+)\\s*");

    private JobFilter() {
    }

    static Predicate<Subject> parse(String filter) {
        if (filter.isBlank()) {
            return s -> true;
        }
        Predicate<Subject> all = s -> true;
        for (String conjunct : filter.split("\\s+AND\\s+")) {
            Predicate<Subject> any = s -> false;
            for (String term : conjunct.split("\\s+OR\\s+")) {
                any = any.or(term(term.trim(), filter));
            }
            all = all.and(any);
        }
        return all;
    }

    private static Predicate<Subject> term(String text, String filter) {
        String unwrapped = text.startsWith("(") && text.endsWith(")") ? text.substring(1, text.length() - 1) : text;
        var m = TERM.matcher(unwrapped);
        if (!m.matches()) {
            throw invalid(filter, "cannot read '" + text + "'");
        }
        boolean negated = m.group(1) != null;
        String field = m.group(2);
        String op = m.group(3);
        String value = m.group(4).startsWith("\"") ? m.group(4).substring(1, m.group(4).length() - 1).replace("\\\"", "\"")
                : m.group(4);
        Predicate<Subject> p;
        if (field.startsWith("labels.")) {
            String key = field.substring("labels.".length());
            p = op.equals(":") && value.equals("*") ? s -> s.job().getLabelsMap().containsKey(key)
                    : text(op, value, s -> s.job().getLabelsMap().get(key), filter);
        } else {
            p = switch (field) {
                case "pipeline_name" -> text(op, value, Subject::pipelineName, filter);
                case "pipeline_job_user_id" -> text(op, value, Subject::jobId, filter);
                case "display_name" -> text(op, value, s -> s.job().getDisplayName(), filter);
                case "state" -> text(op, value, s -> s.job().getState().name(), filter);
                case "create_time" -> time(op, value, s -> s.job().hasCreateTime() ? Timestamps.toInstant(s.job().getCreateTime()) : null, filter);
                case "update_time" -> time(op, value, s -> s.job().hasUpdateTime() ? Timestamps.toInstant(s.job().getUpdateTime()) : null, filter);
                case "end_time" -> time(op, value, s -> s.job().hasEndTime() ? Timestamps.toInstant(s.job().getEndTime()) : null, filter);
                default -> throw invalid(filter, "unsupported field '" + field + "'; supported: pipeline_name,"
                        + " pipeline_job_user_id, display_name, state, labels.KEY, create_time, update_time, end_time");
            };
        }
        return negated ? p.negate() : p;
    }

    private static Predicate<Subject> text(String op, String value, java.util.function.Function<Subject, String> field,
                                           String filter) {
        return switch (op) {
            case "=" -> s -> value.equals(field.apply(s));
            case "!=" -> s -> !value.equals(field.apply(s));
            case ":" -> {
                Pattern glob = Pattern.compile(globToRegex(value.contains("*") ? value : "*" + value + "*"));
                yield s -> field.apply(s) != null && glob.matcher(field.apply(s)).matches();
            }
            default -> throw invalid(filter, "'" + op + "' does not apply to text fields; use =, != or :");
        };
    }

    private static Predicate<Subject> time(String op, String value, java.util.function.Function<Subject, Instant> field,
                                           String filter) {
        Instant bound;
        try {
            bound = Instant.parse(value);
        } catch (DateTimeParseException e) {
            throw invalid(filter, "'" + value + "' is not an RFC 3339 time such as 2024-05-18T13:30:00Z");
        }
        return s -> {
            Instant t = field.apply(s);
            if (t == null) {
                return op.equals("!=");
            }
            int c = t.compareTo(bound);
            return switch (op) {
                case "=" -> c == 0;
                case "!=" -> c != 0;
                case "<" -> c < 0;
                case "<=" -> c <= 0;
                case ">" -> c > 0;
                case ">=" -> c >= 0;
                default -> false;
            };
        };
    }

    private static String globToRegex(String glob) {
        List<String> parts = new ArrayList<>();
        for (String part : glob.split("\\*", -1)) {
            parts.add(Pattern.quote(part));
        }
        return String.join(".*", parts);
    }

    private static RuntimeException invalid(String filter, String why) {
        return FieldViolations.single("filter", "invalid filter '" + filter + "': " + why);
    }
}
