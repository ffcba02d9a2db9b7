package io.jenkins.plugins.vertexai.emulator.logging;

import com.google.logging.type.LogSeverity;
import com.google.logging.v2.LogEntry;
import io.jenkins.plugins.vertexai.emulator.grpc.FieldViolations;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.function.Predicate;

/**
 * The part of the Logging query language the emulator understands: comparisons ({@code = != > >= < <= :}) on
 * {@code resource.type}, {@code resource.labels.K}, {@code labels.K}, {@code logName}, {@code severity},
 * {@code timestamp}, {@code insertId} and {@code textPayload}, combined with {@code AND}, {@code OR}, {@code NOT} /
 * {@code -}, juxtaposition (AND) and parentheses. As in the real language, {@code OR} binds tighter than {@code AND}.
 * Timestamps compare as instants, severities by level, everything else as text. Anything else is INVALID_ARGUMENT.
 */
public final class LogFilter {
    private interface Node extends Predicate<LogEntry> {
        /** The job ids this node can match at most, or null when not constrained by {@code resource.labels.job_id}. */
        Set<String> jobIds();
    }

    private final Node root;

    private LogFilter(Node root) {
        this.root = root;
    }

    public static LogFilter parse(String filter) {
        Parser p = new Parser(tokens(filter));
        if (p.atEnd()) {
            return new LogFilter(null);
        }
        Node n = p.conjunction();
        if (!p.atEnd()) {
            throw invalid("unexpected '" + p.peek() + "'");
        }
        return new LogFilter(n);
    }

    public boolean matches(LogEntry e) {
        return root == null || root.test(e);
    }

    /** The job ids an entry must have to match, or null when the filter does not narrow them down. */
    public Set<String> jobIds() {
        return root == null ? null : root.jobIds();
    }

    private static RuntimeException invalid(String why) {
        return FieldViolations.single("filter", "invalid filter: " + why);
    }

    private static List<String> tokens(String s) {
        List<String> out = new ArrayList<>();
        int i = 0;
        while (i < s.length()) {
            char c = s.charAt(i);
            if (Character.isWhitespace(c)) {
                i++;
            } else if (c == '"') {
                StringBuilder b = new StringBuilder("\"");
                i++;
                while (i < s.length() && s.charAt(i) != '"') {
                    if (s.charAt(i) == '\\' && i + 1 < s.length()) {
                        i++;
                    }
                    b.append(s.charAt(i++));
                }
                if (i >= s.length()) {
                    throw invalid("unterminated string");
                }
                i++;
                out.add(b.toString());
            } else if (c == '(' || c == ')' || c == ':') {
                out.add(String.valueOf(c));
                i++;
            } else if (c == '=' || c == '!' || c == '<' || c == '>') {
                boolean two = i + 1 < s.length() && s.charAt(i + 1) == '=';
                String op = two ? s.substring(i, i + 2) : String.valueOf(c);
                if (op.equals("!")) {
                    throw invalid("'!' must be followed by '='");
                }
                out.add(op);
                i += op.length();
            } else {
                int j = i;
                while (j < s.length() && !Character.isWhitespace(s.charAt(j)) && "()\"=!<>:".indexOf(s.charAt(j)) < 0) {
                    j++;
                }
                out.add(s.substring(i, j));
                i = j;
            }
        }
        return out;
    }

    private static final class Parser {
        private final List<String> t;
        private int i;

        Parser(List<String> tokens) {
            this.t = tokens;
        }

        boolean atEnd() {
            return i >= t.size();
        }

        String peek() {
            return atEnd() ? null : t.get(i);
        }

        /** AND, explicit or by juxtaposition: the loosest binding. */
        Node conjunction() {
            List<Node> parts = new ArrayList<>();
            parts.add(disjunction());
            while (!atEnd() && !peek().equals(")")) {
                if (peek().equals("AND")) {
                    i++;
                }
                parts.add(disjunction());
            }
            return parts.size() == 1 ? parts.get(0) : and(parts);
        }

        Node disjunction() {
            List<Node> parts = new ArrayList<>();
            parts.add(unary());
            while ("OR".equals(peek())) {
                i++;
                parts.add(unary());
            }
            return parts.size() == 1 ? parts.get(0) : or(parts);
        }

        Node unary() {
            if ("NOT".equals(peek()) || "-".equals(peek())) {
                i++;
                Node inner = unary();
                return node(e -> !inner.test(e), null);
            }
            if ("(".equals(peek())) {
                i++;
                Node inner = conjunction();
                if (!")".equals(peek())) {
                    throw invalid("missing ')'");
                }
                i++;
                return inner;
            }
            return comparison();
        }

        Node comparison() {
            String field = next("a field");
            String op = next("an operator after " + field);
            if (!Set.of("=", "!=", ">", ">=", "<", "<=", ":").contains(op)) {
                throw invalid("'" + op + "' after " + field + " is not a comparison operator");
            }
            String raw = next("a value after " + field + op);
            String value = raw.startsWith("\"") ? raw.substring(1) : raw;
            Field f = Field.of(field);
            Node n = node(e -> f.compare(e, op, value), null);
            if (field.equals("resource.labels.job_id") && op.equals("=")) {
                return node(n, Set.of(value));
            }
            return n;
        }

        private String next(String what) {
            if (atEnd()) {
                throw invalid("expected " + what + " at the end");
            }
            return t.get(i++);
        }
    }

    private static Node node(Predicate<LogEntry> p, Set<String> ids) {
        return new Node() {
            @Override
            public boolean test(LogEntry e) {
                return p.test(e);
            }

            @Override
            public Set<String> jobIds() {
                return ids;
            }
        };
    }

    private static Node and(List<Node> parts) {
        Set<String> ids = null;
        for (Node n : parts) {
            if (n.jobIds() != null) {
                ids = ids == null ? new HashSet<>(n.jobIds()) : intersect(ids, n.jobIds());
            }
        }
        return node(e -> parts.stream().allMatch(n -> n.test(e)), ids);
    }

    private static Node or(List<Node> parts) {
        Set<String> ids = new HashSet<>();
        for (Node n : parts) {
            if (n.jobIds() == null) {
                ids = null;
                break;
            }
            ids.addAll(n.jobIds());
        }
        return node(e -> parts.stream().anyMatch(n -> n.test(e)), ids);
    }

    private static Set<String> intersect(Set<String> a, Set<String> b) {
        a.retainAll(b);
        return a;
    }

    /** A field of an entry and how its values compare. */
    private record Field(String path) {
        static Field of(String path) {
            if (path.equals("resource.type") || path.startsWith("resource.labels.") || path.startsWith("labels.")
                    || Set.of("logName", "severity", "timestamp", "insertId", "textPayload").contains(path)) {
                return new Field(path);
            }
            throw invalid("the emulator does not support the field '" + path + "'");
        }

        boolean compare(LogEntry e, String op, String value) {
            int c;
            switch (path) {
                case "timestamp" -> {
                    Instant at = Instant.ofEpochSecond(e.getTimestamp().getSeconds(), e.getTimestamp().getNanos());
                    c = at.compareTo(instant(value));
                }
                case "severity" -> c = Integer.compare(e.getSeverityValue(), severity(value));
                default -> {
                    String v = text(e);
                    if (op.equals(":")) {
                        return v != null && v.contains(value);
                    }
                    if (v == null) {
                        return op.equals("!=");
                    }
                    c = v.compareTo(value);
                }
            }
            return switch (op) {
                case "=", ":" -> c == 0;
                case "!=" -> c != 0;
                case ">" -> c > 0;
                case ">=" -> c >= 0;
                case "<" -> c < 0;
                default -> c <= 0;
            };
        }

        private String text(LogEntry e) {
            if (path.equals("resource.type")) {
                return e.getResource().getType();
            }
            if (path.startsWith("resource.labels.")) {
                return e.getResource().getLabelsMap().get(path.substring("resource.labels.".length()));
            }
            if (path.startsWith("labels.")) {
                return e.getLabelsMap().get(path.substring("labels.".length()));
            }
            return switch (path) {
                case "logName" -> e.getLogName();
                case "insertId" -> e.getInsertId();
                default -> e.getTextPayload();
            };
        }

        private static Instant instant(String value) {
            try {
                return Instant.parse(value);
            } catch (DateTimeParseException ex) {
                throw invalid("'" + value + "' is not an RFC 3339 timestamp");
            }
        }

        private static int severity(String value) {
            try {
                return LogSeverity.valueOf(value.toUpperCase(Locale.ROOT)).getNumber();
            } catch (IllegalArgumentException ex) {
                throw invalid("'" + value + "' is not a severity");
            }
        }
    }
}
