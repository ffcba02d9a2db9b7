package io.jenkins.plugins.vertexai.core.pipeline.template;

import com.google.gson.Strictness;
import com.google.gson.stream.JsonReader;
import com.google.gson.stream.JsonToken;
import com.google.protobuf.ListValue;
import com.google.protobuf.NullValue;
import com.google.protobuf.Struct;
import com.google.protobuf.Value;
import java.io.IOException;
import java.io.StringReader;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads strict JSON (RFC 8259: no comments, NaN or trailing data) into a protobuf value with a streaming reader,
 * which also lets it reject duplicate keys, which a JSON tree silently collapses.
 */
public final class JsonStructReader {
    static final int MAX_DEPTH = 100;
    private static final Pattern GSON_LOCATION = Pattern.compile("(?s)(.*?) at line (\\d+) column (\\d+) path (\\S+).*");

    private JsonStructReader() {
    }

    /**
     * Parses {@code json} into a value.
     *
     * @throws IllegalArgumentException naming the line and column, or the JSON path, of the first problem
     */
    public static Value read(String json) {
        JsonReader reader = new JsonReader(new StringReader(json));
        reader.setStrictness(Strictness.STRICT);
        reader.setNestingLimit(MAX_DEPTH);
        try {
            Value value = value(reader);
            if (reader.peek() != JsonToken.END_DOCUMENT) {
                throw new IllegalArgumentException(location(reader) + ": unexpected data after the end of the JSON value");
            }
            return value;
        } catch (IOException | IllegalStateException e) {
            throw new IllegalArgumentException(describe(e.getMessage()), e);
        }
    }

    private static Value value(JsonReader reader) throws IOException {
        switch (reader.peek()) {
            case BEGIN_OBJECT -> {
                reader.beginObject();
                Struct.Builder struct = Struct.newBuilder();
                while (reader.hasNext()) {
                    String key = reader.nextName();
                    if (struct.containsFields(key)) {
                        throw new IllegalArgumentException(location(reader) + ": duplicate key '" + key + "'");
                    }
                    struct.putFields(key, value(reader));
                }
                reader.endObject();
                return Value.newBuilder().setStructValue(struct).build();
            }
            case BEGIN_ARRAY -> {
                reader.beginArray();
                ListValue.Builder list = ListValue.newBuilder();
                while (reader.hasNext()) {
                    list.addValues(value(reader));
                }
                reader.endArray();
                return Value.newBuilder().setListValue(list).build();
            }
            case STRING -> {
                return Value.newBuilder().setStringValue(reader.nextString()).build();
            }
            case NUMBER -> {
                return Value.newBuilder().setNumberValue(reader.nextDouble()).build(); // strict: rejects overflow to Infinity
            }
            case BOOLEAN -> {
                return Value.newBuilder().setBoolValue(reader.nextBoolean()).build();
            }
            case NULL -> {
                reader.nextNull();
                return Value.newBuilder().setNullValue(NullValue.NULL_VALUE).build();
            }
            default -> throw new IllegalArgumentException(location(reader) + ": unexpected " + reader.peek());
        }
    }

    /** Gson reports "problem at line L column C path P"; only it knows the line, so it is read back from there. */
    private static String location(JsonReader reader) {
        Matcher m = GSON_LOCATION.matcher("x" + reader);
        return m.matches() ? "at line " + m.group(2) + ", column " + m.group(3) + " (" + m.group(4) + ")" : "at " + reader.getPath();
    }

    private static String describe(String gsonMessage) {
        if (gsonMessage == null) {
            return "malformed JSON";
        }
        Matcher m = GSON_LOCATION.matcher(gsonMessage);
        if (!m.matches()) {
            return gsonMessage.split("\n", 2)[0];
        }
        String problem = m.group(1).replace("Use JsonReader.setStrictness(Strictness.LENIENT) to accept malformed JSON", "malformed JSON");
        return "at line " + m.group(2) + ", column " + m.group(3) + " (" + m.group(4) + "): " + problem;
    }
}
