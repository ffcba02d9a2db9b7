package io.jenkins.plugins.vertexai.core.pipeline.template;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.cloud.NoCredentials;
import com.google.cloud.storage.Blob;
import com.google.cloud.storage.BlobId;
import com.google.cloud.storage.Storage;
import com.google.cloud.storage.StorageOptions;
import io.jenkins.plugins.vertexai.core.pipeline.TestFiles;
import io.jenkins.plugins.vertexai.emulator.storage.StorageFolderServer;
import com.sun.net.httpserver.HttpServer;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** gs:// templates through the unchanged Cloud Storage client against a local folder served as the JSON API. */
class GcsTemplateLoaderTest {
    @TempDir
    Path folder;
    private StorageFolderServer server;
    private PipelineTemplateLoader loader;

    @BeforeEach
    void start() throws Exception {
        Path object = folder.resolve("my-bucket/pipelines/v1/typed params+1.yaml");
        Files.createDirectories(object.getParent());
        Files.copy(TestFiles.resource("typed-params.yaml"), object);
        Files.copy(TestFiles.resource("legacy-job.json"), folder.resolve("my-bucket/job.json"));
        server = StorageFolderServer.start(folder);
        loader = PipelineTemplateLoader.builder().storageHost(server.host()).build();
    }

    @AfterEach
    void stop() throws Exception {
        loader.close();
        server.close();
    }

    @Test
    void readsAnObjectWithOneMediaDownload() throws Exception {
        PipelineTemplate t = loader.load("gs://my-bucket/pipelines/v1/typed params+1.yaml");
        assertEquals("typed-params", t.pipelineName());
        assertEquals("gs://my-bucket/pipelines/v1/typed params+1.yaml", t.source());
        assertNull(t.templateUri(), "only http(s) templates have a template URI");
        assertEquals(1, server.requests().size(), server.requests().toString());
        assertTrue(server.requests().get(0).startsWith(
                "GET /download/storage/v1/b/my-bucket/o/pipelines%2Fv1%2Ftyped%20params%2B1.yaml?alt=media"), server.requests().toString());
        assertTrue(loader.load("gs://my-bucket/job.json").legacyParameters());
    }

    @Test
    void missingObjectsAndBucketsAreNotFound() {
        TemplateLoadException e = assertThrows(TemplateLoadException.class, () -> loader.load("gs://my-bucket/nope.yaml"));
        assertEquals("template not found: gs://my-bucket/nope.yaml (no such bucket or object)", e.getMessage());
        assertThrows(TemplateLoadException.class, () -> loader.load("gs://other-bucket/x.yaml"));
        assertThrows(TemplateLoadException.class, () -> loader.load("gs://my-bucket/../my-bucket/job.json"));
        TemplateLoadException malformed = assertThrows(TemplateLoadException.class, () -> loader.load("gs://only-bucket"));
        assertTrue(malformed.getMessage().contains("gs://BUCKET/OBJECT"), malformed.getMessage());
    }

    @Test
    void accessDeniedHintsAtCredentials() throws Exception {
        HttpServer denying = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        denying.createContext("/", ex -> {
            try (ex) {
                byte[] body = "{\"error\":{\"code\":403,\"message\":\"anonymous caller does not have storage.objects.get\"}}"
                        .getBytes(StandardCharsets.UTF_8);
                ex.getResponseHeaders().set("Content-Type", "application/json");
                ex.sendResponseHeaders(403, body.length);
                ex.getResponseBody().write(body);
            }
        });
        denying.start();
        try (PipelineTemplateLoader l = PipelineTemplateLoader.builder().storageHost("http://127.0.0.1:" + denying.getAddress().getPort()).build()) {
            TemplateLoadException e = assertThrows(TemplateLoadException.class, () -> l.load("gs://private/p.yaml"));
            assertTrue(e.getMessage().startsWith("access denied reading gs://private/p.yaml (HTTP 403): check that the credentials"), e.getMessage());
        } finally {
            denying.stop(0);
        }
    }

    @Test
    void metadataAndContentAlsoWorkThroughTheClient() throws Exception {
        try (Storage storage = StorageOptions.newBuilder().setHost(server.host()).setCredentials(NoCredentials.getInstance())
                .build().getService()) {
            Blob blob = storage.get(BlobId.of("my-bucket", "pipelines/v1/typed params+1.yaml"));
            byte[] expected = Files.readAllBytes(TestFiles.resource("typed-params.yaml"));
            assertEquals(expected.length, blob.getSize());
            assertEquals("application/x-yaml", blob.getContentType());
            assertEquals("typed-params", PipelineTemplateParser.parse(blob.getContent(), "blob").pipelineName());
            assertNull(storage.get(BlobId.of("my-bucket", "missing")));
        }
    }

    @Test
    void anObjectLargerThanTheLimitIsRefusedWithoutReadingItWhole() throws Exception {
        long size = Files.size(folder.resolve("my-bucket/job.json"));
        try (PipelineTemplateLoader small = PipelineTemplateLoader.builder().storageHost(server.host()).maxBytes((int) size - 1).build()) {
            TemplateLoadException e = assertThrows(TemplateLoadException.class, () -> small.load("gs://my-bucket/job.json"));
            assertEquals("template gs://my-bucket/job.json is larger than the template size limit of " + (size - 1) + " bytes",
                    e.getMessage());
        }
        try (PipelineTemplateLoader exact = PipelineTemplateLoader.builder().storageHost(server.host()).maxBytes((int) size).build()) {
            assertTrue(exact.load("gs://my-bucket/job.json").legacyParameters(), "an object of exactly the limit is read");
        }
    }
}
