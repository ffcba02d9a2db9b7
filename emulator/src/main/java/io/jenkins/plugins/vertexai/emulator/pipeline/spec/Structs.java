package io.jenkins.plugins.vertexai.emulator.pipeline.spec;

import com.google.protobuf.ListValue;
import com.google.protobuf.Struct;
import com.google.protobuf.Value;
import java.util.List;
import java.util.Optional;

/** Null-safe reads from the JSON-like Struct a pipeline spec arrives as. */
public final class Structs {
    private Structs() {
    }

    public static Optional<Value> value(Struct s, String key) {
        return Optional.ofNullable(s.getFieldsMap().get(key));
    }

    /** The field when it is a struct; empty when absent or of another kind. */
    public static Optional<Struct> struct(Struct s, String key) {
        return value(s, key).filter(Value::hasStructValue).map(Value::getStructValue);
    }

    /** The field when it is a string. */
    public static Optional<String> string(Struct s, String key) {
        return value(s, key).filter(v -> v.getKindCase() == Value.KindCase.STRING_VALUE).map(Value::getStringValue);
    }

    /** The field when it is a list; empty list otherwise. */
    public static List<Value> list(Struct s, String key) {
        return value(s, key).filter(Value::hasListValue).map(Value::getListValue).map(ListValue::getValuesList)
                .orElse(List.of());
    }

    /** The field as a number when it is one, or a string holding one. */
    public static Optional<Double> number(Struct s, String key) {
        return value(s, key).flatMap(Structs::asNumber);
    }

    public static Optional<Double> asNumber(Value v) {
        if (v.getKindCase() == Value.KindCase.NUMBER_VALUE) {
            return Optional.of(v.getNumberValue());
        }
        if (v.getKindCase() == Value.KindCase.STRING_VALUE) {
            try {
                return Optional.of(Double.parseDouble(v.getStringValue().trim()));
            } catch (NumberFormatException e) {
                return Optional.empty();
            }
        }
        return Optional.empty();
    }

    /** A short readable form of a value for error messages. */
    public static String describe(Value v) {
        return switch (v.getKindCase()) {
            case STRING_VALUE -> "string \"" + v.getStringValue() + "\"";
            case NUMBER_VALUE -> "number " + v.getNumberValue();
            case BOOL_VALUE -> "boolean " + v.getBoolValue();
            case STRUCT_VALUE -> "struct";
            case LIST_VALUE -> "list";
            case NULL_VALUE -> "null";
            default -> "no value";
        };
    }
}
