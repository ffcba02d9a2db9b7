package io.jenkins.plugins.vertexai.core.pipeline.template;

import com.google.auth.Credentials;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.http.HttpClient;
import java.nio.file.AccessDeniedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * Loads a pipeline template from a local file, {@code gs://bucket/object} or an http(s) URL (Artifact Registry:
 * {@code https://REGION-kfp.pkg.dev/PROJECT/REPO/PACKAGE/TAG}) and parses it. A template fetched from Artifact
 * Registry keeps its URL, without user info or query, as its {@link PipelineTemplate#templateUri()}, the one kind of
 * URL Vertex AI accepts as {@code template_uri}; from anywhere else the spec goes to Vertex AI inline only. Every
 * source is read up to {@link #MAX_BYTES}. Close the loader to release the storage client.
 */
public final class PipelineTemplateLoader implements AutoCloseable {
    /** The largest template read from any source (the YAML reader's code point limit). */
    static final int MAX_BYTES = YamlStructReader.CODE_POINT_LIMIT;
    private static final Pattern URL_SCHEME = Pattern.compile("^[a-zA-Z][a-zA-Z0-9+.-]*://.*");
    /** Artifact Registry's Kubeflow Pipelines hosts, {@code REGION-kfp.pkg.dev}. */
    private static final Pattern ARTIFACT_REGISTRY_HOST = Pattern.compile("^[a-z0-9]+(?:-[a-z0-9]+)*-kfp\\.pkg\\.dev$");

    private final Path baseDirectory;
    private final int maxBytes;
    private final HttpTemplateFetcher http;
    private final GcsTemplateReader gcs;

    private PipelineTemplateLoader(Builder b) {
        this.baseDirectory = b.baseDirectory;
        this.maxBytes = b.maxBytes;
        HttpClient client = b.httpClient != null ? b.httpClient
                : HttpClient.newBuilder().connectTimeout(b.timeout).followRedirects(HttpClient.Redirect.NEVER).build();
        this.http = new HttpTemplateFetcher(client, b.credentials, b.timeout, b.credentialHosts, b.maxBytes);
        this.gcs = new GcsTemplateReader(b.credentials, b.storageHost, b.storageProject, b.maxBytes);
    }

    public static Builder builder() {
        return new Builder();
    }

    /**
     * Loads and parses the template at {@code location}: {@code gs://...}, {@code https://...}, {@code http://}
     * on a loopback host, {@code file:...}, or a path (relative ones against the base directory).
     *
     * @throws TemplateLoadException       when it cannot be read
     * @throws io.jenkins.plugins.vertexai.core.ValidationException when it is read but is not a valid template
     */
    public PipelineTemplate load(String location) throws IOException {
        String loc = location == null ? "" : location.strip();
        if (loc.isEmpty()) {
            throw new TemplateLoadException("no template location given");
        }
        String lower = loc.toLowerCase(Locale.ROOT);
        if (lower.startsWith("gs://")) {
            return PipelineTemplateParser.parse(gcs.read(loc), loc);
        }
        if (lower.startsWith("https://") || lower.startsWith("http://")) {
            URI uri = uri(loc);
            String shown = HttpTemplateFetcher.display(uri);
            return PipelineTemplateParser.parse(http.fetch(uri), shown).withTemplateUri(templateUri(uri));
        }
        if (lower.startsWith("file:")) {
            return load(Path.of(uri(loc)));
        }
        if (URL_SCHEME.matcher(loc).matches()) {
            throw new TemplateLoadException("unsupported template location '" + loc + "': use a file path, gs://BUCKET/OBJECT or an https URL");
        }
        return load(baseDirectory.resolve(loc));
    }

    /**
     * Fetches an http(s) template without any credentials and returns its bytes (at most {@link #MAX_BYTES}), for
     * a fetch made in another process than the one that parses it (a Jenkins agent for an
     * {@link TemplateSource#UNTRUSTED_URL untrusted host}); parse them there with {@link #parseFetched}.
     */
    public static byte[] fetchAnonymously(String url, Duration timeout) throws IOException {
        HttpClient client = HttpClient.newBuilder().connectTimeout(timeout).followRedirects(HttpClient.Redirect.NEVER).build();
        return new HttpTemplateFetcher(client, null, timeout, new CredentialHosts(java.util.List.of()), MAX_BYTES)
                .fetch(uri(url.strip()));
    }

    /** Parses a template fetched from {@code url}, named without user info or query (see {@link #fetchAnonymously}). */
    public static PipelineTemplate parseFetched(byte[] bytes, String url) throws IOException {
        URI uri = uri(url.strip());
        return PipelineTemplateParser.parse(bytes, HttpTemplateFetcher.display(uri)).withTemplateUri(templateUri(uri));
    }

    /** Loads and parses a local file. */
    public PipelineTemplate load(Path file) throws IOException {
        Path path = baseDirectory.resolve(file);
        if (Files.isDirectory(path)) {
            throw new TemplateLoadException("template path is a directory, not a file: " + path);
        }
        try {
            return PipelineTemplateParser.parse(readFile(path), path.toString());
        } catch (NoSuchFileException e) {
            throw new TemplateLoadException("template file not found: " + path, e);
        } catch (AccessDeniedException e) {
            throw new TemplateLoadException("template file not readable: " + path, e);
        }
    }

    /** Reads a whole file of at most {@code maxBytes}; the size is checked first, and the read is bounded too. */
    private byte[] readFile(Path path) throws IOException {
        if (Files.size(path) > maxBytes) {
            throw tooLarge(path.toString(), maxBytes);
        }
        try (InputStream in = Files.newInputStream(path)) {
            byte[] bytes = in.readNBytes(maxBytes + 1); // the file may have grown, or be a device with no size
            if (bytes.length > maxBytes) {
                throw tooLarge(path.toString(), maxBytes);
            }
            return bytes;
        }
    }

    /** The error for a template at {@code location} over {@code limit} bytes. */
    static TemplateLoadException tooLarge(String location, long limit) {
        String size = limit % (1 << 20) == 0 ? (limit >> 20) + " MB" : limit + " bytes";
        return new TemplateLoadException("template " + location + " is larger than the template size limit of " + size);
    }

    /**
     * The {@code template_uri} to send for a template fetched from {@code uri}: an https Artifact Registry URL
     * ({@code https://REGION-kfp.pkg.dev/...}) without user info, query or fragment, which may hold secrets such as
     * signatures; null for any other URL, whose template is sent inline only.
     */
    static String templateUri(URI uri) {
        String host = uri.getHost() == null ? "" : uri.getHost().toLowerCase(Locale.ROOT);
        if (!"https".equalsIgnoreCase(uri.getScheme()) || !ARTIFACT_REGISTRY_HOST.matcher(host).matches()) {
            return null;
        }
        String port = uri.getPort() == -1 || uri.getPort() == 443 ? "" : ":" + uri.getPort();
        return "https://" + host + port + (uri.getRawPath() == null ? "" : uri.getRawPath());
    }

    private static URI uri(String s) throws TemplateLoadException {
        try {
            return new URI(s);
        } catch (URISyntaxException e) {
            throw new TemplateLoadException("malformed template URL: " + e.getReason() + " at index " + e.getIndex());
        }
    }

    @Override
    public void close() throws IOException {
        try {
            gcs.close();
        } catch (IOException | RuntimeException e) {
            throw e;
        } catch (Exception e) {
            throw new IOException(e);
        }
    }

    public static final class Builder {
        private Credentials credentials;
        private String storageHost;
        private String storageProject;
        private Path baseDirectory = Path.of("").toAbsolutePath();
        private HttpClient httpClient;
        private Duration timeout = Duration.ofSeconds(60);
        private CredentialHosts credentialHosts = CredentialHosts.GOOGLE;
        private int maxBytes = MAX_BYTES;

        /** For gs:// and http(s); null (the default) sends none, as for an emulator. */
        public Builder credentials(Credentials v) { credentials = v; return this; }
        /** Cloud Storage endpoint, e.g. an emulator's {@code http://127.0.0.1:PORT}; null for the real service. */
        public Builder storageHost(String v) { storageHost = v; return this; }
        /** Project for the storage client; optional, reading needs none. */
        public Builder storageProject(String v) { storageProject = v; return this; }
        /** Where relative paths start, e.g. a build's workspace; defaults to the working directory. */
        public Builder baseDirectory(Path v) { baseDirectory = v.toAbsolutePath(); return this; }
        /** A client to share; it should not follow redirects itself (credentials must stay with the origin). */
        public Builder httpClient(HttpClient v) { httpClient = v; return this; }
        /** Hosts that may receive the credentials over http(s); default Google's ({@link CredentialHosts#GOOGLE}). */
        public Builder credentialHosts(CredentialHosts v) { credentialHosts = v; return this; }
        /** Connect and request timeout for http(s). */
        public Builder timeout(Duration v) { timeout = v; return this; }
        /** The largest template to read, {@link #MAX_BYTES} by default; lower only for tests. */
        Builder maxBytes(int v) { maxBytes = v; return this; }

        public PipelineTemplateLoader build() {
            return new PipelineTemplateLoader(this);
        }
    }
}
