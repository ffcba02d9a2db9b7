package io.jenkins.plugins.vertexai.emulator.pipeline.spec;

import com.google.protobuf.Value;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Map;
import java.util.TreeMap;

/**
 * A protobuf {@link Value} as text that does not depend on map order, and its SHA-256: two executors or two input
 * values are "the same" for the task cache exactly when their canonical texts are.
 */
public final class CanonicalValues {
    private CanonicalValues() {
    }

    public static String text(Value v) {
        StringBuilder out = new StringBuilder();
        append(v, out);
        return out.toString();
    }

    public static String digest(Value v) {
        return sha256(text(v));
    }

    public static String sha256(String text) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every JDK", e);
        }
    }

    private static void append(Value v, StringBuilder out) {
        switch (v.getKindCase()) {
            case STRING_VALUE -> out.append('"').append(v.getStringValue().replace("\\", "\\\\").replace("\"", "\\\"")).append('"');
            case NUMBER_VALUE -> out.append(v.getNumberValue());
            case BOOL_VALUE -> out.append(v.getBoolValue());
            case LIST_VALUE -> {
                out.append('[');
                v.getListValue().getValuesList().forEach(item -> {
                    append(item, out);
                    out.append(',');
                });
                out.append(']');
            }
            case STRUCT_VALUE -> {
                out.append('{');
                for (Map.Entry<String, Value> e : new TreeMap<>(v.getStructValue().getFieldsMap()).entrySet()) {
                    out.append('"').append(e.getKey()).append("\":");
                    append(e.getValue(), out);
                    out.append(',');
                }
                out.append('}');
            }
            default -> out.append("null");
        }
    }
}
