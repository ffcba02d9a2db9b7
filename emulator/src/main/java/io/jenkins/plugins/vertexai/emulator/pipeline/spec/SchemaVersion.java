package io.jenkins.plugins.vertexai.emulator.pipeline.spec;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** {@code schemaVersion}, e.g. 2.1.0; every version above 2.0.0 takes parameter_values (as the Python SDK decides). */
public record SchemaVersion(int major, int minor, int patch) implements Comparable<SchemaVersion> {
    public static final SchemaVersion V2_0_0 = new SchemaVersion(2, 0, 0);
    private static final Pattern FORM = Pattern.compile("(\\d+)\\.(\\d+)(?:\\.(\\d+))?");

    /** Parses {@code text}, or returns null when it is not a version. */
    public static SchemaVersion parse(String text) {
        Matcher m = FORM.matcher(text.trim());
        if (!m.matches()) {
            return null;
        }
        return new SchemaVersion(Integer.parseInt(m.group(1)), Integer.parseInt(m.group(2)),
                m.group(3) == null ? 0 : Integer.parseInt(m.group(3)));
    }

    public boolean supportsParameterValues() {
        return compareTo(V2_0_0) > 0;
    }

    @Override
    public int compareTo(SchemaVersion o) {
        int c = Integer.compare(major, o.major);
        if (c == 0) {
            c = Integer.compare(minor, o.minor);
        }
        return c != 0 ? c : Integer.compare(patch, o.patch);
    }

    @Override
    public String toString() {
        return major + "." + minor + "." + patch;
    }
}
