package io.jenkins.plugins.vertexai.core.pipeline.template;

import com.google.auth.Credentials;
import com.google.cloud.NoCredentials;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;

/**
 * Fetches a template over HTTPS, as from Artifact Registry ({@code https://REGION-kfp.pkg.dev/...}), sending the
 * caller's credentials as request headers ({@code Authorization: Bearer ...}). Plain http is accepted only for
 * loopback hosts (tests, local registries) so that a token never crosses a network in clear text. Credentials go
 * only to {@link CredentialHosts trusted hosts}, and redirects are followed by hand so they stay with the origin
 * first asked. An error response's body is never read into a message: what a server answers is not for a build
 * log (it may be an internal page, or echo the request's headers).
 */
final class HttpTemplateFetcher {
    private static final int MAX_REDIRECTS = 5;

    private final HttpClient client;
    private final Credentials credentials;
    private final Duration timeout;
    private final CredentialHosts credentialHosts;
    private final int maxBytes;

    HttpTemplateFetcher(HttpClient client, Credentials credentials, Duration timeout, CredentialHosts credentialHosts,
            int maxBytes) {
        this.maxBytes = maxBytes;
        this.client = client;
        this.credentials = credentials;
        this.timeout = timeout;
        this.credentialHosts = credentialHosts;
    }

    /** Whether {@code uri} may be fetched: https anywhere, http only on a loopback host. */
    static boolean allowed(URI uri) {
        String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
        return uri.getHost() != null && ("https".equals(scheme) || ("http".equals(scheme) && loopback(uri.getHost())));
    }

    byte[] fetch(URI uri) throws IOException {
        if (uri.getRawUserInfo() != null) {
            // Never echoed: it holds a password. Credentials travel as headers, from the caller's credentials.
            throw new TemplateLoadException("refusing to fetch " + display(uri) + ": user info (user:password@) in a template URL"
                    + " is not accepted; the template is fetched with Application Default Credentials or the job's credentials");
        }
        if (!allowed(uri)) {
            throw new TemplateLoadException("refusing to fetch " + display(uri) + ": only https URLs are accepted (plain http only for localhost)");
        }
        URI current = uri;
        for (int hop = 0; hop <= MAX_REDIRECTS; hop++) {
            HttpRequest.Builder request = HttpRequest.newBuilder(current).timeout(timeout).GET()
                    .header("Accept", "application/x-yaml, application/json, text/plain, */*");
            if (sameOrigin(uri, current) && credentialHosts.trusts(current.getHost())) {
                for (Map.Entry<String, List<String>> h : requestMetadata(current).entrySet()) {
                    for (String value : h.getValue()) {
                        request.header(h.getKey(), value);
                    }
                }
            }
            HttpResponse<InputStream> response;
            try {
                response = client.send(request.build(), HttpResponse.BodyHandlers.ofInputStream());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new TemplateLoadException("interrupted while fetching " + display(uri), e);
            } catch (IOException e) {
                throw new TemplateLoadException("could not fetch " + display(current) + ": " + reason(current, e), e);
            }
            int status = response.statusCode();
            try (InputStream body = response.body()) {
                if (status / 100 == 3 && response.headers().firstValue("Location").isPresent()) {
                    URI next = current.resolve(response.headers().firstValue("Location").get());
                    if (!allowed(next)) {
                        throw new TemplateLoadException(display(current) + " redirects to " + display(next) + ", which is not https");
                    }
                    current = next;
                    continue;
                }
                if (status == 200) {
                    byte[] bytes = body.readNBytes(maxBytes + 1);
                    if (bytes.length > maxBytes) {
                        throw PipelineTemplateLoader.tooLarge(display(uri), maxBytes);
                    }
                    return bytes;
                }
                throw new TemplateLoadException(failure(uri, status));
            }
        }
        throw new TemplateLoadException("too many redirects fetching " + display(uri));
    }

    /** Why a request got no answer, in words, with the host it was sent to (Java's own message often has neither). */
    private static String reason(URI uri, IOException e) {
        String host = uri.getHost() + ":" + effectivePort(uri);
        Throwable c = e;
        while (c.getCause() != null && c.getMessage() == null) {
            c = c.getCause();
        }
        if (e instanceof java.net.ConnectException || c instanceof java.net.ConnectException) {
            return "cannot connect to " + host + " (connection refused or unreachable)";
        }
        if (e instanceof java.net.http.HttpTimeoutException) {
            return "no answer from " + host + " in time (" + e.getMessage() + ")";
        }
        if (e instanceof java.net.UnknownHostException || c instanceof java.net.UnknownHostException) {
            return "unknown host " + uri.getHost();
        }
        if (e instanceof javax.net.ssl.SSLException || c instanceof javax.net.ssl.SSLException) {
            return "TLS handshake with " + host + " failed (" + c.getMessage() + ")";
        }
        return "I/O error talking to " + host + " (" + (c.getMessage() == null ? c.getClass().getSimpleName() : c.getMessage()) + ")";
    }

    private Map<String, List<String>> requestMetadata(URI uri) throws IOException {
        if (credentials == null || credentials instanceof NoCredentials) {
            return Map.of();
        }
        try {
            Map<String, List<String>> metadata = credentials.getRequestMetadata(uri);
            return metadata == null ? Map.of() : metadata;
        } catch (IOException e) {
            // The cause's message comes from the token endpoint, never from the token.
            throw new TemplateLoadException("could not get an access token to fetch " + display(uri) + ": " + e.getMessage(), e);
        }
    }

    private static String failure(URI uri, int status) {
        return switch (status) {
            case 401, 403 -> "HTTP " + status + (status == 401 ? " Unauthorized" : " Forbidden") + " fetching " + display(uri)
                    + ": check that the credentials are valid and may read this template"
                    + " (for Artifact Registry: role Artifact Registry Reader on the repository)";
            case 404 -> "template not found: " + display(uri) + " (HTTP 404)";
            default -> "HTTP " + status + " fetching " + display(uri);
        };
    }

    /** The URL without user info or query, which may hold secrets such as signatures. */
    static String display(URI uri) {
        String port = uri.getPort() == -1 ? "" : ":" + uri.getPort();
        String path = uri.getRawPath() == null ? "" : uri.getRawPath();
        return uri.getScheme() + "://" + uri.getHost() + port + path;
    }

    private static boolean sameOrigin(URI a, URI b) {
        return a.getScheme().equalsIgnoreCase(b.getScheme()) && a.getHost().equalsIgnoreCase(b.getHost())
                && effectivePort(a) == effectivePort(b);
    }

    private static int effectivePort(URI u) {
        return u.getPort() != -1 ? u.getPort() : "https".equalsIgnoreCase(u.getScheme()) ? 443 : 80;
    }

    private static boolean loopback(String host) {
        String h = host.toLowerCase(Locale.ROOT);
        return Objects.equals(h, "localhost") || h.startsWith("127.") || h.equals("[::1]") || h.equals("::1");
    }
}
