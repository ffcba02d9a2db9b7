package io.jenkins.plugins.vertexai.emulator.pipeline.sim;

import com.google.protobuf.Value;

/** Scripted output values as protobuf Values: numbers, text and true/false. */
public final class OutputValues {
    private OutputValues() {
    }

    /** A Number, Boolean, String (or a Value) as a Value; anything else is refused. */
    public static Value of(Object value) {
        if (value instanceof Value v) {
            return v;
        }
        if (value instanceof Number n) {
            double d = n.doubleValue();
            if (!Double.isFinite(d)) {
                throw new IllegalArgumentException("an output value must be a finite number, got " + value);
            }
            return Value.newBuilder().setNumberValue(d).build();
        }
        if (value instanceof Boolean b) {
            return Value.newBuilder().setBoolValue(b).build();
        }
        if (value instanceof String s) {
            return Value.newBuilder().setStringValue(s).build();
        }
        throw new IllegalArgumentException("an output value is a number, text or true/false, got " + value);
    }

    /** Command-line text: a number when it reads as one, true/false, else the text itself. */
    public static Value parse(String text) {
        if (text.equals("true") || text.equals("false")) {
            return of(Boolean.parseBoolean(text));
        }
        try {
            return of(Double.parseDouble(text));
        } catch (NumberFormatException notANumber) {
            return of(text);
        }
    }
}
