package io.jenkins.plugins.vertexai.core.pipeline.template;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.Locale;

/**
 * Where a template location points, and so where it may be read from and with which credentials. A location
 * comes from a build (a Jenkinsfile anyone with commit access can change): a process acting for builds (the
 * Jenkins controller) reads Cloud Storage and {@link CredentialHosts trusted hosts} itself, with the build's
 * credentials; a URL on any other host it must not fetch at all, or a build could probe the networks that process
 * reaches. Such a URL is fetched anonymously where the build itself runs (a Jenkins agent), or refused.
 */
public enum TemplateSource {
    /** A path, read where the build's files are. */
    FILE,
    /** {@code gs://BUCKET/OBJECT}: Google's service (or the storage emulator), with credentials. */
    CLOUD_STORAGE,
    /** An http(s) URL on a trusted host: fetched with credentials. */
    TRUSTED_URL,
    /** An http(s) URL on any other host (or none): never fetched by the controller, never with credentials. */
    UNTRUSTED_URL;

    public static TemplateSource of(String location, CredentialHosts trusted) {
        String loc = location == null ? "" : location.strip();
        String lower = loc.toLowerCase(Locale.ROOT);
        if (lower.startsWith("gs://")) {
            return CLOUD_STORAGE;
        }
        if (lower.startsWith("https://") || lower.startsWith("http://")) {
            return trusted.trusts(host(loc)) ? TRUSTED_URL : UNTRUSTED_URL;
        }
        return FILE;
    }

    /** Whether the template is read by URL rather than from the build's files. */
    public boolean remote() {
        return this != FILE;
    }

    /** The host of an http(s) URL; null when it has none or is malformed. */
    public static String host(String url) {
        try {
            return new URI(url.strip()).getHost();
        } catch (URISyntaxException e) {
            return null;
        }
    }
}
