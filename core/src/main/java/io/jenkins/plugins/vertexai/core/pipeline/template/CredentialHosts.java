package io.jenkins.plugins.vertexai.core.pipeline.template;

import java.util.List;
import java.util.Locale;

/**
 * The hosts a template fetch may send the caller's Google credentials to. A template URL comes from a build
 * (a Jenkinsfile anyone with commit access can change), so a token must never go to an arbitrary host: by default
 * only Google's own ({@code *.pkg.dev} for Artifact Registry, {@code *.googleapis.com}); other hosts are fetched
 * anonymously.
 *
 * <p>An entry starting with a dot matches that domain's subdomains ({@code .pkg.dev}); any other entry matches one
 * host exactly ({@code registry.internal.example}).
 */
public record CredentialHosts(List<String> entries) {
    public static final CredentialHosts GOOGLE = new CredentialHosts(List.of(".pkg.dev", ".googleapis.com"));

    public CredentialHosts {
        entries = entries.stream().map(e -> e.trim().toLowerCase(Locale.ROOT)).filter(e -> !e.isEmpty()).toList();
    }

    /** Google's hosts plus {@code extra}. */
    public static CredentialHosts googleAnd(String... extra) {
        List<String> all = new java.util.ArrayList<>(GOOGLE.entries());
        all.addAll(List.of(extra));
        return new CredentialHosts(all);
    }

    public boolean trusts(String host) {
        if (host == null) {
            return false;
        }
        String h = host.toLowerCase(Locale.ROOT);
        return entries.stream().anyMatch(e -> e.startsWith(".") ? h.endsWith(e) && h.length() > e.length() : h.equals(e));
    }
}
