package io.jenkins.plugins.vertexai.core.pipeline.template;

import com.google.auth.Credentials;
import java.io.IOException;
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
 * {@code https://REGION-kfp.pkg.dev/PROJECT/REPO/PACKAGE/TAG}) and parses it. A template fetched from a URL keeps
 * that URL as its {@link PipelineTemplate#templateUri()}. Close the loader to release the storage client.
 */
public final class PipelineTemplateLoader implements AutoCloseable {
    private static final Pattern URL_SCHEME = Pattern.compile("^[a-zA-Z][a-zA-Z0-9+.-]*://.*");

    private final Path baseDirectory;
    private final HttpTemplateFetcher http;
    private final GcsTemplateReader gcs;

    private PipelineTemplateLoader(Builder b) {
        this.baseDirectory = b.baseDirectory;
        HttpClient client = b.httpClient != null ? b.httpClient
                : HttpClient.newBuilder().connectTimeout(b.timeout).followRedirects(HttpClient.Redirect.NEVER).build();
        this.http = new HttpTemplateFetcher(client, b.credentials, b.timeout, b.credentialHosts);
        this.gcs = new GcsTemplateReader(b.credentials, b.storageHost, b.storageProject);
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
            return PipelineTemplateParser.parse(http.fetch(uri), shown).withTemplateUri(loc);
        }
        if (lower.startsWith("file:")) {
            return load(Path.of(uri(loc)));
        }
        if (URL_SCHEME.matcher(loc).matches()) {
            throw new TemplateLoadException("unsupported template location '" + loc + "': use a file path, gs://BUCKET/OBJECT or an https URL");
        }
        return load(baseDirectory.resolve(loc));
    }

    /** Loads and parses a local file. */
    public PipelineTemplate load(Path file) throws IOException {
        Path path = baseDirectory.resolve(file);
        if (Files.isDirectory(path)) {
            throw new TemplateLoadException("template path is a directory, not a file: " + path);
        }
        try {
            return PipelineTemplateParser.parse(Files.readAllBytes(path), path.toString());
        } catch (NoSuchFileException e) {
            throw new TemplateLoadException("template file not found: " + path, e);
        } catch (AccessDeniedException e) {
            throw new TemplateLoadException("template file not readable: " + path, e);
        }
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

        public PipelineTemplateLoader build() {
            return new PipelineTemplateLoader(this);
        }
    }
}
