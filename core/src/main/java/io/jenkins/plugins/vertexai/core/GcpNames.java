package io.jenkins.plugins.vertexai.core;

import java.util.regex.Pattern;

/**
 * The forms of Google Cloud names that pipeline runs and persistent resources share: one set of patterns, each
 * with the text that tells a user the accepted form, so that every entry point accepts and rejects the same values
 * with the same message. Only forms are checked; whether a name exists is the server's knowledge.
 */
public final class GcpNames {
    /** Project ids, domain-scoped ids ({@code example.com:my-project}) and project numbers. */
    public static final Pattern PROJECT = Pattern.compile(
            "^(?:(?:[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?\\.)+[a-z]{2,63}:)?[a-z][a-z0-9-]{4,28}[a-z0-9]$|^[1-9][0-9]{0,18}$");
    public static final String PROJECT_FORM = "a project id such as my-project (6 to 30 lowercase letters, digits "
            + "and '-', starting with a letter), a domain-scoped id such as example.com:my-project, or a project number";

    /** Regions such as us-central1, europe-west4 or northamerica-northeast1 (not zones, not "global"). */
    public static final Pattern REGION = Pattern.compile("^[a-z]+(-[a-z]+)+[0-9]+$");
    public static final String REGION_FORM = "a region such as us-central1 or europe-west4";

    /** A service account e-mail address. */
    public static final Pattern SERVICE_ACCOUNT = Pattern.compile("^[^@\\s]+@[^@\\s]+\\.[^@\\s]+$");
    public static final String SERVICE_ACCOUNT_FORM = "a service account email such as runner@my-project.iam.gserviceaccount.com";

    /** A Cloud KMS key name; the group {@code location} is the key's location. */
    public static final Pattern KMS_KEY = Pattern.compile(
            "^projects/[^/\\s]+/locations/(?<location>[^/\\s]+)/keyRings/[^/\\s]+/cryptoKeys/[^/\\s]+$");
    public static final String KMS_KEY_FORM = "a key name of the form projects/PROJECT/locations/LOCATION/keyRings/RING/cryptoKeys/KEY";

    /** A Compute Engine VPC network name. */
    public static final Pattern NETWORK = Pattern.compile("^projects/[^/\\s]+/global/networks/[^/\\s]+$");
    public static final String NETWORK_FORM = "a network name of the form projects/PROJECT_NUMBER/global/networks/NETWORK";

    private GcpNames() {
    }

    /**
     * Checks an optional value: null passes; otherwise a value that does not match adds the problem
     * {@code 'VALUE' is not FORM} on {@code field}.
     *
     * @return whether the value is null or matches
     */
    public static boolean check(String field, String value, Pattern pattern, String form, Problems problems) {
        if (value == null || pattern.matcher(value).matches()) {
            return true;
        }
        problems.add(field, "'" + value + "' is not " + form);
        return false;
    }

    /**
     * Checks a required value: null or blank adds {@code is required: FORM}, anything else is {@link #check checked}.
     *
     * @return whether the value is given and matches
     */
    public static boolean require(String field, String value, Pattern pattern, String form, Problems problems) {
        if (value == null || value.isBlank()) {
            problems.add(field, "is required: " + form);
            return false;
        }
        return check(field, value, pattern, form, problems);
    }

    /** Requires a project (field {@code project}) and a region (field {@code region}), as every Vertex AI call needs. */
    public static void requireLocation(String project, String region, Problems problems) {
        require("project", project, PROJECT, PROJECT_FORM, problems);
        if (require("region", region, REGION, REGION_FORM, problems) && !VertexRegions.isKnown(region)) {
            problems.add("region", VertexRegions.unknown(region));
        }
    }
}
