package io.jenkins.plugins.vertexai.emulator.project;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Every project has a number, as on Google Cloud: requests may name a project by id or by number, and the service
 * answers with the number ({@code projects/123456789012/locations/...}). A project's number is set explicitly or
 * derived from its id (12 digits, the same for the same id in every run). Names are stored and returned in the
 * number form, so both forms of a request reach the same object.
 */
public final class ProjectNumbers {
    private static final Pattern NUMBER = Pattern.compile("[1-9][0-9]{0,18}");
    private static final Pattern PROJECT_PREFIX = Pattern.compile("^projects/([^/]+)(/.*)?$");

    private final Map<String, Long> byId = new ConcurrentHashMap<>();

    /** Gives {@code projectId} the number {@code number}; refuses a number already given to another id. */
    public void set(String projectId, long number) {
        if (isNumber(projectId)) {
            throw new IllegalArgumentException("'" + projectId + "' is a project number, not a project id");
        }
        if (number <= 0) {
            throw new IllegalArgumentException("a project number must be positive, got " + number);
        }
        byId.forEach((id, n) -> {
            if (n == number && !id.equals(projectId)) {
                throw new IllegalArgumentException("project number " + number + " is already the number of " + id);
            }
        });
        byId.put(projectId, number);
    }

    /** The number of a project given by id or number. */
    public long numberOf(String project) {
        if (isNumber(project)) {
            return Long.parseLong(project);
        }
        return byId.computeIfAbsent(project, ProjectNumbers::derived);
    }

    /** {@code name} with a leading {@code projects/ID} replaced by {@code projects/NUMBER}; other text unchanged. */
    public String canonical(String name) {
        Matcher m = PROJECT_PREFIX.matcher(name);
        if (!m.matches() || m.group(1).isEmpty()) {
            return name;
        }
        return "projects/" + numberOf(m.group(1)) + (m.group(2) == null ? "" : m.group(2));
    }

    static boolean isNumber(String project) {
        return NUMBER.matcher(project).matches();
    }

    /** 12 digits from a hash of the id: stable across runs, like a real project's number. */
    static long derived(String projectId) {
        try {
            byte[] h = MessageDigest.getInstance("SHA-256").digest(projectId.getBytes(StandardCharsets.UTF_8));
            long v = 0;
            for (int i = 0; i < 8; i++) {
                v = (v << 8) | (h[i] & 0xff);
            }
            return 100_000_000_000L + Math.floorMod(v, 900_000_000_000L);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
