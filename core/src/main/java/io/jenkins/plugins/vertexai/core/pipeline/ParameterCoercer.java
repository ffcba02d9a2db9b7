package io.jenkins.plugins.vertexai.core.pipeline;

import com.google.protobuf.Value;
import io.jenkins.plugins.vertexai.core.pipeline.template.JsonStructReader;
import io.jenkins.plugins.vertexai.core.pipeline.template.ParameterType;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Converts one run parameter value to its declared type. Values may be typed (Boolean, Number, List, Map, a
 * protobuf Value) or text, as Jenkins build parameters are: text is parsed by the type's rules (numbers as
 * decimals, booleans only as true/false in any case, lists and structs as JSON).
 */
final class ParameterCoercer {
    /** A double holds every integer up to 2^53 exactly; beyond that a NUMBER_INTEGER would silently change. */
    static final long MAX_EXACT_INTEGER = 1L << 53;

    private ParameterCoercer() {
    }

    /** For {@code runtime_config.parameter_values} (schema 2.1.0). */
    static Value toValue(ParameterType type, Object raw) {
        Object v = raw instanceof Value value ? ProtoValues.toJava(value) : raw;
        return switch (type) {
            case STRING -> Value.newBuilder().setStringValue(string(v)).build();
            case NUMBER_INTEGER -> {
                BigInteger i = integer(v);
                if (i.abs().compareTo(BigInteger.valueOf(MAX_EXACT_INTEGER)) > 0) {
                    throw new IllegalArgumentException("is beyond ±2^53, which a pipeline number cannot hold exactly");
                }
                yield Value.newBuilder().setNumberValue(i.doubleValue()).build();
            }
            case NUMBER_DOUBLE -> Value.newBuilder().setNumberValue(decimal(v)).build();
            case BOOLEAN -> Value.newBuilder().setBoolValue(bool(v)).build();
            case LIST -> {
                Value list = structured(v, "a list");
                if (!list.hasListValue()) {
                    throw new IllegalArgumentException("is not a list (a JSON array such as [\"a\", 1])");
                }
                yield list;
            }
            case STRUCT -> {
                Value struct = structured(v, "a mapping");
                if (!struct.hasStructValue()) {
                    throw new IllegalArgumentException("is not a mapping (a JSON object such as {\"k\": \"v\"})");
                }
                yield struct;
            }
            case OTHER -> throw new IllegalArgumentException("cannot be set: the type is not one this tool can check");
        };
    }

    /** For the deprecated {@code runtime_config.parameters} (schema 2.0.0: STRING, INT, DOUBLE). */
    static com.google.cloud.aiplatform.v1beta1.Value toLegacyValue(ParameterType type, Object raw) {
        Object v = raw instanceof Value value ? ProtoValues.toJava(value) : raw;
        var b = com.google.cloud.aiplatform.v1beta1.Value.newBuilder();
        return switch (type) {
            case STRING -> b.setStringValue(string(v)).build();
            case NUMBER_INTEGER -> {
                BigInteger i = integer(v);
                if (i.bitLength() > 63) {
                    throw new IllegalArgumentException("is outside the 64-bit integer range");
                }
                yield b.setIntValue(i.longValue()).build();
            }
            case NUMBER_DOUBLE -> b.setDoubleValue(decimal(v)).build();
            default -> throw new IllegalArgumentException("has type " + type + ", which schema 2.0.0 does not have");
        };
    }

    /** A human-readable description of what a type accepts, for messages. */
    static String expected(ParameterType type, boolean legacy) {
        String name = legacy && type.legacyName() != null ? type.legacyName() : type.name();
        return name + " (" + switch (type) {
            case STRING -> "text";
            case NUMBER_INTEGER -> "a whole number";
            case NUMBER_DOUBLE -> "a number";
            case BOOLEAN -> "true or false";
            case LIST -> "a list or a JSON array";
            case STRUCT -> "a mapping or a JSON object";
            case OTHER -> "a type this tool does not check; leave it out";
        } + ")";
    }

    private static String string(Object v) {
        if (v instanceof String s) {
            return s;
        }
        if (v instanceof Boolean || v instanceof Number) {
            return String.valueOf(v);
        }
        throw new IllegalArgumentException("is not text");
    }

    private static BigInteger integer(Object v) {
        BigDecimal d = number(v).stripTrailingZeros();
        if (d.scale() > 0) {
            throw new IllegalArgumentException("is not a whole number");
        }
        if (d.precision() - d.scale() > 19) { // checked before expanding: "1e999999999" must not build a huge number
            throw new IllegalArgumentException("is too large");
        }
        return d.toBigIntegerExact();
    }

    private static double decimal(Object v) {
        double d = number(v).doubleValue();
        if (!Double.isFinite(d)) {
            throw new IllegalArgumentException("is too large for a double");
        }
        return d;
    }

    private static BigDecimal number(Object v) {
        if (v instanceof BigDecimal d) {
            return d;
        }
        if (v instanceof BigInteger i) {
            return new BigDecimal(i);
        }
        if (v instanceof Long || v instanceof Integer || v instanceof Short || v instanceof Byte) {
            return BigDecimal.valueOf(((Number) v).longValue());
        }
        if (v instanceof Double || v instanceof Float) {
            double d = ((Number) v).doubleValue();
            if (!Double.isFinite(d)) {
                throw new IllegalArgumentException("is not a finite number");
            }
            return new BigDecimal(Double.toString(d));
        }
        if (v instanceof String s) {
            try {
                return new BigDecimal(s.strip()); // unlike Double.parseDouble: no NaN, Infinity, hex or "1d"
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException("is not a number");
            }
        }
        throw new IllegalArgumentException("is not a number");
    }

    private static boolean bool(Object v) {
        if (v instanceof Boolean b) {
            return b;
        }
        if (v instanceof String s) {
            String t = s.strip().toLowerCase(Locale.ROOT);
            if (t.equals("true") || t.equals("false")) {
                return t.equals("true");
            }
        }
        throw new IllegalArgumentException("is not true or false");
    }

    private static Value structured(Object v, String what) {
        if (v instanceof String s) {
            try {
                return JsonStructReader.read(s);
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException("is neither " + what + " nor valid JSON (" + e.getMessage() + ")");
            }
        }
        if (v instanceof List<?> || v instanceof Map<?, ?>) {
            try {
                return ProtoValues.of(v);
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException("cannot be sent as JSON: " + e.getMessage());
            }
        }
        throw new IllegalArgumentException("is not " + what);
    }
}
