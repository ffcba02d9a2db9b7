package io.jenkins.plugins.vertexai.emulator.grpc;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** {@code projects/{project}/locations/{location}}, the parent of every resource the emulator serves. */
public record LocationName(String project, String location) {
    private static final Pattern FORM = Pattern.compile("projects/([^/]+)/locations/([^/]+)");
    private static final Pattern CHILD = Pattern.compile("projects/([^/]+)/locations/([^/]+)/([^/]+)/([^/]+)");

    /** Parses {@code value} or throws INVALID_ARGUMENT naming {@code field}. */
    public static LocationName parse(String field, String value) {
        Matcher m = FORM.matcher(value);
        if (!m.matches()) {
            throw FieldViolations.single(field, "'" + value + "' is not of the form projects/{project}/locations/{location}");
        }
        return new LocationName(m.group(1), m.group(2));
    }

    /** The parent and the id of a child name {@code projects/P/locations/L/COLLECTION/ID}, or null if malformed. */
    public static ChildName parseChild(String collection, String name) {
        Matcher m = CHILD.matcher(name);
        if (!m.matches() || !m.group(3).equals(collection)) {
            return null;
        }
        return new ChildName(new LocationName(m.group(1), m.group(2)), m.group(4));
    }

    /** A resource directly under a location. */
    public record ChildName(LocationName parent, String id) {
    }

    public String child(String collection, String id) {
        return this + "/" + collection + "/" + id;
    }

    @Override
    public String toString() {
        return "projects/" + project + "/locations/" + location;
    }
}
