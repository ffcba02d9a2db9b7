package io.jenkins.plugins.vertexai.core.pipeline;

import com.google.protobuf.ListValue;
import com.google.protobuf.NullValue;
import com.google.protobuf.Struct;
import com.google.protobuf.Value;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Plain Java values (null, Boolean, Number, String, List, Map) to and from {@code google.protobuf.Value}. */
public final class ProtoValues {
    private ProtoValues() {
    }

    /** @throws IllegalArgumentException for a type JSON cannot hold, a non-string key, or NaN/Infinity */
    static Value of(Object v) {
        if (v == null) {
            return Value.newBuilder().setNullValue(NullValue.NULL_VALUE).build();
        }
        if (v instanceof Value value) {
            return value;
        }
        if (v instanceof Struct struct) {
            return Value.newBuilder().setStructValue(struct).build();
        }
        if (v instanceof ListValue list) {
            return Value.newBuilder().setListValue(list).build();
        }
        if (v instanceof String s) {
            return Value.newBuilder().setStringValue(s).build();
        }
        if (v instanceof Boolean b) {
            return Value.newBuilder().setBoolValue(b).build();
        }
        if (v instanceof Number n) {
            return Value.newBuilder().setNumberValue(finite(n)).build();
        }
        if (v instanceof Map<?, ?> map) {
            Struct.Builder struct = Struct.newBuilder();
            map.forEach((k, x) -> {
                if (!(k instanceof String key)) {
                    throw new IllegalArgumentException("map keys must be strings, found " + k);
                }
                struct.putFields(key, of(x));
            });
            return Value.newBuilder().setStructValue(struct).build();
        }
        if (v instanceof Iterable<?> items) {
            ListValue.Builder list = ListValue.newBuilder();
            items.forEach(x -> list.addValues(of(x)));
            return Value.newBuilder().setListValue(list).build();
        }
        throw new IllegalArgumentException("a " + v.getClass().getSimpleName() + " has no JSON form");
    }

    /** Null for a null value; numbers come back as Double. */
    public static Object toJava(Value v) {
        return switch (v.getKindCase()) {
            case NULL_VALUE, KIND_NOT_SET -> null;
            case NUMBER_VALUE -> v.getNumberValue();
            case STRING_VALUE -> v.getStringValue();
            case BOOL_VALUE -> v.getBoolValue();
            case STRUCT_VALUE -> {
                Map<String, Object> map = new LinkedHashMap<>();
                v.getStructValue().getFieldsMap().forEach((k, x) -> map.put(k, toJava(x)));
                yield map;
            }
            case LIST_VALUE -> {
                List<Object> list = new ArrayList<>();
                v.getListValue().getValuesList().forEach(x -> list.add(toJava(x)));
                yield list;
            }
        };
    }

    static double finite(Number n) {
        double d = n instanceof BigDecimal bd ? bd.doubleValue() : n instanceof BigInteger bi ? bi.doubleValue() : n.doubleValue();
        if (!Double.isFinite(d)) {
            throw new IllegalArgumentException(n + " is not a finite number");
        }
        return d;
    }
}
