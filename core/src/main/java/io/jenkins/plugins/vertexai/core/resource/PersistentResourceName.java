package io.jenkins.plugins.vertexai.core.resource;

import io.jenkins.plugins.vertexai.core.ValidationException;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** A persistent resource's full name {@code projects/P/locations/L/persistentResources/ID}. */
public record PersistentResourceName(String project, String region, String id) {
    public static final Pattern ID = Pattern.compile("^[a-z]([a-z0-9-]{0,61}[a-z0-9])?$");
    public static final String ID_FORM = "1 to 63 characters: lowercase letters, digits and '-', starting with a letter and not ending with '-'";
    private static final Pattern FULL = Pattern.compile("^projects/([^/]+)/locations/([^/]+)/persistentResources/([^/]+)$");

    /** True when {@code value} looks like a full name rather than a bare id. */
    public static boolean isFullName(String value) {
        return value != null && value.startsWith("projects/");
    }

    /** Parses a full name; the id part is not validated here. */
    public static PersistentResourceName parse(String field, String fullName) {
        Matcher m = FULL.matcher(fullName == null ? "" : fullName);
        if (!m.matches()) {
            throw ValidationException.of(field, "'" + fullName + "' is not a full name of the form projects/PROJECT/locations/REGION/persistentResources/ID");
        }
        return new PersistentResourceName(m.group(1), m.group(2), m.group(3));
    }

    /** A project number (digits) rather than a project id (which starts with a letter). */
    public static boolean isProjectNumber(String project) {
        return project != null && project.matches("[1-9][0-9]*");
    }

    /**
     * Whether two projects, each an id or a number, are surely different. An id and a number cannot be told apart
     * without asking the service (the service names resources with the number even when asked with the id), so they
     * never count as different here: address the resource in the caller's project instead, where a successful read
     * proves it is there.
     */
    public static boolean surelyDifferentProjects(String a, String b) {
        return !a.equals(b) && isProjectNumber(a) == isProjectNumber(b);
    }

    /** The same resource addressed in {@code project} (an id or a number of the same project). */
    public PersistentResourceName inProject(String project) {
        return new PersistentResourceName(project, region, id);
    }

    public String parent() {
        return "projects/" + project + "/locations/" + region;
    }

    @Override
    public String toString() {
        return parent() + "/persistentResources/" + id;
    }
}
