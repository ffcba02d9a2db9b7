package io.jenkins.plugins.vertexai.core.pipeline;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * Pipeline job ids. A derived id is a function of the run key alone (plus the pipeline name as a readable
 * prefix), so a retried or resumed build step asks for the same job again instead of starting a second one.
 */
public final class PipelineJobIds {
    public static final Pattern ID = Pattern.compile("^[a-z][-a-z0-9]{0,127}$");
    public static final String ID_FORM = "1 to 128 characters: lowercase letters, digits and '-', starting with a letter";
    public static final int MAX_LENGTH = 128;
    /** 16 hex digits = 64 bits of SHA-256: a collision between two keys is vanishingly unlikely. */
    static final int HASH_LENGTH = 16;
    private static final String FALLBACK_PREFIX = "pipeline";

    private PipelineJobIds() {
    }

    public static boolean isValid(String id) {
        return id != null && ID.matcher(id).matches();
    }

    /**
     * {@code <pipeline name as an id prefix>-<16 hex digits of SHA-256(runKey)>}, at most 128 characters. Same
     * key and name, same id; different keys, different ids.
     */
    public static String derive(String pipelineName, String runKey) {
        if (runKey == null || runKey.isEmpty()) {
            throw new IllegalArgumentException("a run key is needed to derive a job id");
        }
        String prefix = prefix(pipelineName, MAX_LENGTH - 1 - HASH_LENGTH);
        return prefix + "-" + hash(runKey);
    }

    /** The name lowercased, other characters turned to '-', starting with a letter and not ending with '-'. */
    static String prefix(String pipelineName, int maxLength) {
        String p = pipelineName == null ? "" : pipelineName.toLowerCase(Locale.ROOT)
                .replaceAll("[^a-z0-9]+", "-")
                .replaceFirst("^[^a-z]+", "");
        if (p.length() > maxLength) {
            p = p.substring(0, maxLength);
        }
        p = p.replaceFirst("-+$", "");
        return p.isEmpty() ? FALLBACK_PREFIX : p;
    }

    private static String hash(String key) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(key.getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(digest).substring(0, HASH_LENGTH);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is always available", e);
        }
    }
}
