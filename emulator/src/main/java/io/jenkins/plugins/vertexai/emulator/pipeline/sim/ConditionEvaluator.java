package io.jenkins.plugins.vertexai.emulator.pipeline.sim;

import com.google.protobuf.Value;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Evaluates the CEL subset KFP compiles {@code dsl.If/Elif/Else} into, e.g.
 * {@code int(inputs.parameter_values['pipelinechannel--n']) > 5 && !(inputs.parameter_values['x'] == 'heads')},
 * over the inputs known before the run (pipeline parameters and constants). Three-valued: anything depending on a
 * value known only at run time (another task's output) is unknown, and so is anything it cannot parse.
 */
final class ConditionEvaluator {
    /** A value known only at run time. */
    private static final Object UNKNOWN = new Object() {
        @Override
        public String toString() {
            return "unknown";
        }
    };
    private static final Object NULL = new Object();

    private final List<String> tokens;
    private final Map<String, Value> inputs;
    private int pos;

    private ConditionEvaluator(List<String> tokens, Map<String, Value> inputs) {
        this.tokens = tokens;
        this.inputs = inputs;
    }

    /** TRUE or FALSE, or null when it cannot be told before the run. */
    static Boolean evaluate(String condition, Map<String, Value> knownInputs) {
        try {
            ConditionEvaluator e = new ConditionEvaluator(tokenize(condition), knownInputs);
            Object result = e.or();
            if (e.pos != e.tokens.size()) {
                return null;
            }
            return result instanceof Boolean b ? b : null;
        } catch (IllegalArgumentException | IndexOutOfBoundsException unparsable) {
            return null;
        }
    }

    private Object or() {
        Object left = and();
        while (accept("||")) {
            Object right = and();
            left = logic(left, right, true);
        }
        return left;
    }

    private Object and() {
        Object left = unary();
        while (accept("&&")) {
            Object right = unary();
            left = logic(left, right, false);
        }
        return left;
    }

    private Object unary() {
        if (accept("!")) {
            Object v = unary();
            return v instanceof Boolean b ? !b : UNKNOWN;
        }
        return comparison();
    }

    private Object comparison() {
        Object left = primary();
        for (String op : new String[] {"==", "!=", "<=", ">=", "<", ">"}) {
            if (accept(op)) {
                return compare(op, left, primary());
            }
        }
        return left;
    }

    private Object primary() {
        String t = next();
        if (t.equals("(")) {
            Object v = or();
            expect(")");
            return v;
        }
        if (t.startsWith("'") || t.startsWith("\"")) {
            return t.substring(1, t.length() - 1);
        }
        if (Character.isDigit(t.charAt(0))) {
            return Double.parseDouble(t);
        }
        if (t.equals("-")) {
            Object v = primary();
            return v instanceof Double d ? -d : UNKNOWN;
        }
        switch (t) {
            case "true":
                return Boolean.TRUE;
            case "false":
                return Boolean.FALSE;
            case "null":
                return NULL;
            case "inputs":
                return reference();
            default:
                if (accept("(")) {
                    Object arg = or();
                    expect(")");
                    return call(t, arg);
                }
                throw new IllegalArgumentException("unexpected " + t);
        }
    }

    /** {@code inputs.parameter_values['x']} or the legacy {@code inputs.parameters['x'].int_value}. */
    private Object reference() {
        expect(".");
        String field = next();
        expect("[");
        String key = next();
        expect("]");
        if (!(key.startsWith("'") || key.startsWith("\"")) || !(field.equals("parameter_values") || field.equals("parameters"))) {
            throw new IllegalArgumentException("unsupported reference");
        }
        if (field.equals("parameters") && accept(".")) {
            next(); // int_value, double_value, string_value: the Value already has its kind
        }
        Value v = inputs.get(key.substring(1, key.length() - 1));
        if (v == null) {
            return UNKNOWN;
        }
        return switch (v.getKindCase()) {
            case STRING_VALUE -> v.getStringValue();
            case NUMBER_VALUE -> v.getNumberValue();
            case BOOL_VALUE -> v.getBoolValue();
            case NULL_VALUE -> NULL;
            default -> UNKNOWN;
        };
    }

    private static Object call(String function, Object arg) {
        if (arg == UNKNOWN) {
            return UNKNOWN;
        }
        try {
            return switch (function) {
                case "int" -> arg instanceof Double d ? (double) d.longValue()
                        : arg instanceof String s ? (double) Long.parseLong(s.trim()) : UNKNOWN;
                case "double" -> arg instanceof Double d ? d : arg instanceof String s ? Double.parseDouble(s.trim()) : UNKNOWN;
                case "string" -> arg instanceof Double d && d == Math.rint(d) ? String.valueOf(d.longValue()) : String.valueOf(arg);
                case "bool" -> arg instanceof Boolean ? arg : arg instanceof String s && (s.equals("true") || s.equals("false"))
                        ? Boolean.valueOf(s) : UNKNOWN;
                default -> UNKNOWN;
            };
        } catch (NumberFormatException e) {
            return UNKNOWN;
        }
    }

    private static Object compare(String op, Object a, Object b) {
        if (a == UNKNOWN || b == UNKNOWN) {
            return UNKNOWN;
        }
        if (op.equals("==") || op.equals("!=")) {
            if (a.getClass() != b.getClass()) {
                return UNKNOWN; // CEL has no such overload; the run would decide
            }
            return op.equals("==") == Objects.equals(a, b);
        }
        int c;
        if (a instanceof Double x && b instanceof Double y) {
            c = Double.compare(x, y);
        } else if (a instanceof String x && b instanceof String y) {
            c = x.compareTo(y);
        } else {
            return UNKNOWN;
        }
        return switch (op) {
            case "<" -> c < 0;
            case "<=" -> c <= 0;
            case ">" -> c > 0;
            default -> c >= 0;
        };
    }

    /** Kleene logic: false wins an AND and true wins an OR even against unknown. */
    private static Object logic(Object a, Object b, boolean or) {
        Boolean x = a instanceof Boolean bool ? bool : null;
        Boolean y = b instanceof Boolean bool ? bool : null;
        if (or) {
            if (Boolean.TRUE.equals(x) || Boolean.TRUE.equals(y)) {
                return true;
            }
            return x != null && y != null ? false : UNKNOWN;
        }
        if (Boolean.FALSE.equals(x) || Boolean.FALSE.equals(y)) {
            return false;
        }
        return x != null && y != null ? true : UNKNOWN;
    }

    private String next() {
        return tokens.get(pos++);
    }

    private boolean accept(String token) {
        if (pos < tokens.size() && tokens.get(pos).equals(token)) {
            pos++;
            return true;
        }
        return false;
    }

    private void expect(String token) {
        if (!accept(token)) {
            throw new IllegalArgumentException("expected " + token);
        }
    }

    private static List<String> tokenize(String s) {
        List<String> tokens = new ArrayList<>();
        int i = 0;
        while (i < s.length()) {
            char c = s.charAt(i);
            if (Character.isWhitespace(c)) {
                i++;
            } else if (c == '\'' || c == '"') {
                int end = i + 1;
                StringBuilder text = new StringBuilder().append(c);
                while (s.charAt(end) != c) {
                    if (s.charAt(end) == '\\') {
                        end++;
                    }
                    text.append(s.charAt(end++));
                }
                tokens.add(text.append(c).toString());
                i = end + 1;
            } else if (Character.isDigit(c)) {
                int end = i;
                while (end < s.length() && (Character.isDigit(s.charAt(end)) || s.charAt(end) == '.' || s.charAt(end) == 'e')) {
                    end++;
                }
                tokens.add(s.substring(i, end));
                i = end;
            } else if (Character.isLetter(c) || c == '_') {
                int end = i;
                while (end < s.length() && (Character.isLetterOrDigit(s.charAt(end)) || s.charAt(end) == '_')) {
                    end++;
                }
                tokens.add(s.substring(i, end));
                i = end;
            } else {
                String two = i + 1 < s.length() ? s.substring(i, i + 2) : "";
                if (List.of("==", "!=", "<=", ">=", "&&", "||").contains(two)) {
                    tokens.add(two);
                    i += 2;
                } else {
                    tokens.add(String.valueOf(c));
                    i++;
                }
            }
        }
        return tokens;
    }
}
