package io.jenkins.plugins.vertexai.core.pipeline.template;

import com.google.auth.Credentials;
import com.google.cloud.NoCredentials;
import com.google.cloud.storage.BlobId;
import com.google.cloud.storage.Storage;
import com.google.cloud.storage.StorageException;
import com.google.cloud.storage.StorageOptions;

/**
 * Reads {@code gs://bucket/object} with the official Cloud Storage client (JSON API over HTTP: one
 * {@code GET /download/storage/v1/b/B/o/O?alt=media}). The client is created on first use and reused.
 */
final class GcsTemplateReader implements AutoCloseable {
    private final Credentials credentials;
    private final String host;
    private final String project;
    private Storage storage;

    /**
     * @param credentials null for none ({@link NoCredentials}, as for an emulator)
     * @param host        null for the real service, else e.g. {@code http://127.0.0.1:PORT}
     * @param project     null when not needed: reading an object does not need one
     */
    GcsTemplateReader(Credentials credentials, String host, String project) {
        this.credentials = credentials;
        this.host = host;
        this.project = project;
    }

    /** Splits {@code gs://bucket/object}; null when it is not of that form. */
    static BlobId blobId(String uri) {
        if (!uri.startsWith("gs://")) {
            return null;
        }
        String rest = uri.substring("gs://".length());
        int slash = rest.indexOf('/');
        if (slash <= 0 || slash == rest.length() - 1) {
            return null;
        }
        return BlobId.of(rest.substring(0, slash), rest.substring(slash + 1));
    }

    byte[] read(String uri) throws TemplateLoadException {
        BlobId id = blobId(uri);
        if (id == null) {
            throw new TemplateLoadException("'" + uri + "' is not a Cloud Storage URI of the form gs://BUCKET/OBJECT");
        }
        try {
            return storage().readAllBytes(id);
        } catch (StorageException e) {
            throw new TemplateLoadException(switch (e.getCode()) {
                case 404 -> "template not found: " + uri + " (no such bucket or object)";
                case 401, 403 -> "access denied reading " + uri + " (HTTP " + e.getCode() + "): check that the credentials"
                        + " are valid and may read the object (storage.objects.get, e.g. role Storage Object Viewer)";
                default -> "could not read " + uri + ": " + e.getMessage();
            }, e);
        }
    }

    private synchronized Storage storage() {
        if (storage == null) {
            StorageOptions.Builder b = StorageOptions.newBuilder()
                    .setCredentials(credentials == null ? NoCredentials.getInstance() : credentials);
            if (host != null) {
                b.setHost(host);
            }
            if (project != null) {
                b.setProjectId(project);
            }
            storage = b.build().getService();
        }
        return storage;
    }

    @Override
    public synchronized void close() throws Exception {
        if (storage != null) {
            storage.close();
            storage = null;
        }
    }
}
