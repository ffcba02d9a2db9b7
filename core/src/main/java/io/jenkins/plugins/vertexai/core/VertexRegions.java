package io.jenkins.plugins.vertexai.core;

import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentSkipListSet;

/**
 * The regions Vertex AI serves, kept in this one place: a region outside the list is refused before any call
 * (a typo such as {@code moon-central1} would otherwise reach a regional host that does not exist). A region newer
 * than this list is allowed with the environment variable {@link #ALLOW_ENV} (comma-separated) or {@link #allow}
 * (the CLI's {@code --allow-region}).
 *
 * <p>Source: https://cloud.google.com/vertex-ai/docs/general/locations (December 2026).
 */
public final class VertexRegions {
    /** Extra regions to accept, comma-separated. */
    public static final String ALLOW_ENV = "VERTEX_AI_ALLOW_REGIONS";
    public static final String LOCATIONS_URL = "https://cloud.google.com/vertex-ai/docs/general/locations";

    private static final Set<String> KNOWN = Set.of(
            // Americas
            "us-central1", "us-east1", "us-east4", "us-east5", "us-south1", "us-west1", "us-west2", "us-west3",
            "us-west4", "northamerica-northeast1", "northamerica-northeast2", "southamerica-east1", "southamerica-west1",
            // Europe
            "europe-central2", "europe-north1", "europe-southwest1", "europe-west1", "europe-west2", "europe-west3",
            "europe-west4", "europe-west6", "europe-west8", "europe-west9", "europe-west12",
            // Asia Pacific
            "asia-east1", "asia-east2", "asia-northeast1", "asia-northeast2", "asia-northeast3", "asia-south1",
            "asia-southeast1", "asia-southeast2", "australia-southeast1", "australia-southeast2",
            // Middle East, Africa
            "me-central1", "me-central2", "me-west1", "africa-south1");

    private static final Set<String> ALLOWED = new ConcurrentSkipListSet<>();

    private VertexRegions() {
    }

    /** Accepts {@code region} too from now on (a region newer than the list); process-wide. */
    public static void allow(String region) {
        if (region != null && !region.isBlank()) {
            ALLOWED.add(region.strip().toLowerCase(Locale.ROOT));
        }
    }

    public static boolean isKnown(String region) {
        return KNOWN.contains(region) || ALLOWED.contains(region) || fromEnv().contains(region);
    }

    /** The list, sorted, for messages. */
    public static List<String> known() {
        return List.copyOf(new TreeSet<>(KNOWN));
    }

    /** The problem to report for an unknown region, naming how to allow a new one. */
    static String unknown(String region) {
        return "'" + region + "' is not a Vertex AI region (see " + LOCATIONS_URL + "); for a region newer than this tool,"
                + " allow it with " + ALLOW_ENV + "=" + region + " (the CLI: --allow-region=" + region + ")";
    }

    private static Set<String> fromEnv() {
        String v = System.getenv(ALLOW_ENV);
        if (v == null || v.isBlank()) {
            return Set.of();
        }
        Set<String> s = new TreeSet<>();
        Arrays.stream(v.split(",")).map(String::strip).filter(x -> !x.isEmpty()).map(x -> x.toLowerCase(Locale.ROOT)).forEach(s::add);
        return s;
    }
}
