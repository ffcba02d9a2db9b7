package io.jenkins.plugins.vertexai.emulator.pipeline;

import com.google.cloud.aiplatform.v1beta1.PipelineJob;
import io.jenkins.plugins.vertexai.emulator.grpc.FieldViolations;
import io.jenkins.plugins.vertexai.emulator.grpc.Timestamps;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;
import java.util.function.Predicate;
import java.util.regex.Pattern;

/**
 * The ListPipelineJobs filter, as the v1beta1 proto documents it on {@code ListPipelineJobsRequest.filter} (AIP-160):
 * {@code pipeline_name} and {@code state} with {@code =} and {@code !=}; {@code display_name},
 * {@code pipeline_job_user_id}, {@code template_uri} and {@code template_metadata.version} also with the {@code :}
 * wildcard; {@code create_time}, {@code update_time} and {@code end_time} with {@code = != < > <= >=} on RFC 3339
 * values; {@code labels.KEY = "v"} / {@code !=}, and key presence {@code labels.KEY:*} or {@code labels:KEY}.
 * Restrictions combine with {@code AND}, {@code OR} (which binds tighter, as in AIP-160), {@code NOT} / {@code -}
 * and parentheses; juxtaposed restrictions mean AND. Anything else is INVALID_ARGUMENT naming the problem.
 */
final class JobFilter {
    /** What a filter sees of a job. */
    record Subject(PipelineJob job, String pipelineName, String jobId) {
    }

    private static final Pattern FIELD = Pattern.compile("[A-Za-z_][A-Za-z0-9_]*(\\.[A-Za-z0-9_-]+)*");
    private static final String FIELDS = "pipeline_name, pipeline_job_user_id, display_name, state, labels.KEY, template_uri,"
            + " template_metadata.version, create_time, update_time, end_time";

    private final String filter;
    private int pos;

    private JobFilter(String filter) {
        this.filter = filter;
    }

    static Predicate<Subject> parse(String filter) {
        if (filter.isBlank()) {
            return s -> true;
        }
        JobFilter p = new JobFilter(filter);
        Predicate<Subject> e = p.expression();
        p.skipSpace();
        if (p.pos < filter.length()) {
            throw p.invalid("unexpected '" + filter.substring(p.pos) + "'");
        }
        return e;
    }

    // expression: sequence { AND sequence }
    private Predicate<Subject> expression() {
        Predicate<Subject> all = sequence();
        while (keyword("AND")) {
            all = all.and(sequence());
        }
        return all;
    }

    // sequence: factor { factor } (juxtaposition is AND)
    private Predicate<Subject> sequence() {
        Predicate<Subject> all = factor();
        while (startsTerm()) {
            all = all.and(factor());
        }
        return all;
    }

    // factor: term { OR term }
    private Predicate<Subject> factor() {
        Predicate<Subject> any = term();
        while (keyword("OR")) {
            any = any.or(term());
        }
        return any;
    }

    // term: [NOT | -] simple
    private Predicate<Subject> term() {
        skipSpace();
        boolean negated = keyword("NOT");
        if (!negated && peek() == '-') {
            pos++;
            negated = true;
        }
        Predicate<Subject> p = simple();
        return negated ? p.negate() : p;
    }

    // simple: ( expression ) | restriction
    private Predicate<Subject> simple() {
        skipSpace();
        if (peek() == '(') {
            pos++;
            Predicate<Subject> e = expression();
            skipSpace();
            if (peek() != ')') {
                throw invalid("missing ')'");
            }
            pos++;
            return e;
        }
        return restriction();
    }

    private Predicate<Subject> restriction() {
        skipSpace();
        int start = pos;
        while (pos < filter.length() && (Character.isLetterOrDigit(peek()) || "_.-".indexOf(peek()) >= 0)) {
            pos++;
        }
        String field = filter.substring(start, pos);
        if (field.isEmpty() || !FIELD.matcher(field).matches()) {
            throw invalid(pos < filter.length() ? "expected a field at '" + filter.substring(start) + "'" : "expected a field at the end");
        }
        skipSpace();
        String op = comparator();
        if (op == null) {
            throw invalid("expected a comparison (=, !=, <, >, <=, >= or :) after '" + field + "'");
        }
        String value = value();
        return restriction(field, op, value);
    }

    private Predicate<Subject> restriction(String field, String op, String value) {
        if (field.equals("labels") && op.equals(":")) {
            return s -> s.job().getLabelsMap().containsKey(value);
        }
        if (field.startsWith("labels.")) {
            String key = field.substring("labels.".length());
            if (op.equals(":") && value.equals("*")) {
                return s -> s.job().getLabelsMap().containsKey(key);
            }
            return text(field, op, value, false, s -> s.job().getLabelsMap().get(key));
        }
        return switch (field) {
            case "pipeline_name" -> text(field, op, value, false, Subject::pipelineName);
            case "state" -> text(field, op, value, false, s -> s.job().getState().name());
            case "pipeline_job_user_id" -> text(field, op, value, true, Subject::jobId);
            case "display_name" -> text(field, op, value, true, s -> s.job().getDisplayName());
            case "template_uri" -> text(field, op, value, true, s -> s.job().getTemplateUri());
            case "template_metadata.version" -> text(field, op, value, true, s -> s.job().getTemplateMetadata().getVersion());
            case "create_time" -> time(op, value, s -> s.job().hasCreateTime() ? Timestamps.toInstant(s.job().getCreateTime()) : null);
            case "update_time" -> time(op, value, s -> s.job().hasUpdateTime() ? Timestamps.toInstant(s.job().getUpdateTime()) : null);
            case "end_time" -> time(op, value, s -> s.job().hasEndTime() ? Timestamps.toInstant(s.job().getEndTime()) : null);
            default -> throw invalid("unsupported field '" + field + "'; supported: " + FIELDS);
        };
    }

    private Predicate<Subject> text(String field, String op, String value, boolean wildcard, Function<Subject, String> get) {
        return switch (op) {
            case "=" -> s -> value.equals(get.apply(s));
            case "!=" -> s -> !value.equals(get.apply(s));
            case ":" -> {
                if (!wildcard) {
                    throw invalid("'" + field + "' supports = and != only");
                }
                Pattern glob = Pattern.compile(globToRegex(value.contains("*") ? value : "*" + value + "*"));
                yield s -> get.apply(s) != null && glob.matcher(get.apply(s)).matches();
            }
            default -> throw invalid("'" + op + "' does not apply to '" + field + "'; use =, !=" + (wildcard ? " or :" : ""));
        };
    }

    private Predicate<Subject> time(String op, String value, Function<Subject, Instant> get) {
        Instant bound;
        try {
            bound = Instant.parse(value);
        } catch (DateTimeParseException e) {
            throw invalid("'" + value + "' is not an RFC 3339 time such as 2024-05-18T13:30:00Z");
        }
        if (op.equals(":")) {
            throw invalid("':' does not apply to times; use =, !=, <, >, <= or >=");
        }
        return s -> {
            Instant t = get.apply(s);
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
                default -> c >= 0;
            };
        };
    }

    private String comparator() {
        for (String op : new String[] {"!=", "<=", ">=", "=", "<", ">", ":"}) {
            if (filter.startsWith(op, pos)) {
                pos += op.length();
                return op;
            }
        }
        return null;
    }

    /** A quoted string (with \" and \\ escapes) or a bare word up to a space or ')'. */
    private String value() {
        skipSpace();
        if (peek() == '"') {
            StringBuilder b = new StringBuilder();
            pos++;
            while (pos < filter.length() && filter.charAt(pos) != '"') {
                char c = filter.charAt(pos++);
                if (c == '\\' && pos < filter.length()) {
                    c = filter.charAt(pos++);
                }
                b.append(c);
            }
            if (pos >= filter.length()) {
                throw invalid("unterminated string");
            }
            pos++;
            return b.toString();
        }
        int start = pos;
        while (pos < filter.length() && !Character.isWhitespace(peek()) && peek() != ')' && peek() != '(') {
            pos++;
        }
        if (start == pos) {
            throw invalid("expected a value");
        }
        return filter.substring(start, pos);
    }

    private boolean keyword(String word) {
        skipSpace();
        int end = pos + word.length();
        if (filter.startsWith(word, pos) && (end == filter.length() || Character.isWhitespace(filter.charAt(end)) || filter.charAt(end) == '(')) {
            pos = end;
            return true;
        }
        return false;
    }

    private boolean startsTerm() {
        skipSpace();
        if (pos >= filter.length() || peek() == ')') {
            return false;
        }
        int save = pos;
        boolean isOperator = keyword("AND") || keyword("OR");
        pos = save;
        return !isOperator;
    }

    private void skipSpace() {
        while (pos < filter.length() && Character.isWhitespace(filter.charAt(pos))) {
            pos++;
        }
    }

    private char peek() {
        return pos < filter.length() ? filter.charAt(pos) : '\0';
    }

    private static String globToRegex(String glob) {
        List<String> parts = new ArrayList<>();
        for (String part : glob.split("\\*", -1)) {
            parts.add(Pattern.quote(part));
        }
        return String.join(".*", parts);
    }

    private RuntimeException invalid(String why) {
        return FieldViolations.single("filter", "invalid filter '" + filter + "': " + why);
    }
}
