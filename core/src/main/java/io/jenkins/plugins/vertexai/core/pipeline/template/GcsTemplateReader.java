package io.jenkins.plugins.vertexai.core.pipeline.template;

import com.google.auth.Credentials;
import com.google.cloud.NoCredentials;
import com.google.cloud.ReadChannel;
import com.google.cloud.storage.BlobId;
import com.google.cloud.storage.Storage;
import com.google.cloud.storage.StorageException;
import com.google.cloud.storage.StorageOptions;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;

/**
 * Reads {@code gs://bucket/object} with the official Cloud Storage client (JSON API over HTTP: one
 * {@code GET /download/storage/v1/b/B/o/O?alt=media}), at most a given number of bytes: the read is limited to
 * one byte more than that, so a larger object is neither downloaded nor held whole. The client is created on
 * first use and reused.
 */
final class GcsTemplateReader implements AutoCloseable {
    private final Credentials credentials;
    private final String host;
    private final String project;
    private final int maxBytes;
    private Storage storage;

    /**
     * @param credentials null for none ({@link NoCredentials}, as for an emulator)
     * @param host        null for the real service, else e.g. {@code http://127.0.0.1:PORT}
     * @param project     null when not needed: reading an object does not need one
     * @param maxBytes    the largest object to read
     */
    GcsTemplateReader(Credentials credentials, String host, String project, int maxBytes) {
        this.credentials = credentials;
        this.maxBytes = maxBytes;
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
            return readBounded(id, uri);
        } catch (StorageException e) {
            throw failure(uri, e);
        } catch (IOException e) {
            if (e instanceof TemplateLoadException t) {
                throw t;
            }
            StorageException cause = storageCause(e);
            throw cause != null ? failure(uri, cause) : new TemplateLoadException("could not read " + uri + ": " + e, e);
        }
    }

    private byte[] readBounded(BlobId id, String uri) throws IOException {
        try (ReadChannel in = storage().reader(id)) {
            in.limit(maxBytes + 1L);
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            ByteBuffer buffer = ByteBuffer.allocate(64 * 1024);
            while (in.read(buffer) >= 0) {
                out.write(buffer.array(), 0, buffer.position());
                buffer.clear();
                if (out.size() > maxBytes) {
                    throw PipelineTemplateLoader.tooLarge(uri, maxBytes);
                }
            }
            return out.toByteArray();
        }
    }

    private static StorageException storageCause(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof StorageException s) {
                return s;
            }
        }
        return null;
    }

    private static TemplateLoadException failure(String uri, StorageException e) {
        return new TemplateLoadException(switch (e.getCode()) {
            case 404 -> "template not found: " + uri + " (no such bucket or object)";
            case 401, 403 -> "access denied reading " + uri + " (HTTP " + e.getCode() + "): check that the credentials"
                    + " are valid and may read the object (storage.objects.get, e.g. role Storage Object Viewer)";
            default -> "could not read " + uri + ": " + e.getMessage();
        }, e);
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
