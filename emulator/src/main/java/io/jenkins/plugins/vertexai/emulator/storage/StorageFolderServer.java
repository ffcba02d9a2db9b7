package io.jenkins.plugins.vertexai.emulator.storage;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.zip.CRC32C;

/**
 * Serves a local folder as a read-only slice of the Cloud Storage JSON API, enough for the official
 * {@code google-cloud-storage} client (HTTP transport, {@code StorageOptions.setHost}) to read objects:
 * <ul>
 *   <li>{@code GET /storage/v1/b/{bucket}/o/{object}}: object metadata (what {@code storage.get(blobId)} asks);</li>
 *   <li>{@code GET /download/storage/v1/b/{bucket}/o/{object}?alt=media}: the bytes (what
 *       {@code storage.readAllBytes(blobId)} and {@code Blob.getContent()} ask).</li>
 * </ul>
 * The folder holds {@code {bucket}/{object path}}. Anything else gets a 404 (or 405) in the API's JSON error form.
 * Object names arrive percent-encoded ({@code a%2Fb.yaml}); '+' is kept literally, as in any path segment.
 */
public final class StorageFolderServer implements AutoCloseable {
    private static final String METADATA_PREFIX = "/storage/v1/b/";
    private static final String MEDIA_PREFIX = "/download/storage/v1/b/";

    private final Path root;
    private final HttpServer server;
    private final ExecutorService executor;
    private final List<String> requests = Collections.synchronizedList(new ArrayList<>());

    private StorageFolderServer(Path root) throws IOException {
        this.root = root.toAbsolutePath().normalize();
        this.server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        this.executor = Executors.newFixedThreadPool(2, r -> {
            Thread t = new Thread(r, "storage-folder-server");
            t.setDaemon(true);
            return t;
        });
        server.setExecutor(executor);
        server.createContext("/", this::handle);
    }

    /** Starts serving {@code root} on 127.0.0.1 and an ephemeral port. */
    public static StorageFolderServer start(Path root) throws IOException {
        if (!Files.isDirectory(root)) {
            throw new IOException("not a directory: " + root);
        }
        StorageFolderServer s = new StorageFolderServer(root);
        s.server.start();
        return s;
    }

    public int port() {
        return server.getAddress().getPort();
    }

    /** The value for {@code StorageOptions.Builder.setHost}. */
    public String host() {
        return "http://127.0.0.1:" + port();
    }

    /** Every request seen so far as "METHOD raw-path-and-query", for tests that check what the client asked. */
    public List<String> requests() {
        synchronized (requests) {
            return List.copyOf(requests);
        }
    }

    @Override
    public void close() {
        server.stop(0);
        executor.shutdownNow();
    }

    private void handle(HttpExchange ex) throws IOException {
        try (ex) {
            String rawPath = ex.getRequestURI().getRawPath();
            String query = ex.getRequestURI().getRawQuery();
            requests.add(ex.getRequestMethod() + " " + rawPath + (query == null ? "" : "?" + query));
            ex.getRequestBody().readAllBytes();
            if (!"GET".equals(ex.getRequestMethod())) {
                sendError(ex, 405, "method " + ex.getRequestMethod() + " is not supported by this read-only server");
                return;
            }
            boolean media = rawPath.startsWith(MEDIA_PREFIX);
            String rest = media ? rawPath.substring(MEDIA_PREFIX.length())
                    : rawPath.startsWith(METADATA_PREFIX) ? rawPath.substring(METADATA_PREFIX.length()) : null;
            int sep = rest == null ? -1 : rest.indexOf("/o/");
            if (sep <= 0 || sep + 3 >= rest.length()) {
                sendError(ex, 404, "no such API path: " + rawPath);
                return;
            }
            String bucket = decode(rest.substring(0, sep));
            String object = decode(rest.substring(sep + 3));
            Path file = resolve(bucket, object);
            String generation = queryParam(query, "generation");
            if (file == null || (generation != null && !generation.equals(Long.toString(generation(file))))) {
                sendError(ex, 404, "No such object: " + bucket + "/" + object + (generation == null ? "" : "#" + generation));
                return;
            }
            if (media || "media".equals(queryParam(query, "alt"))) {
                sendMedia(ex, bucket, object, file);
            } else {
                sendJson(ex, 200, metadata(bucket, object, file));
            }
        } catch (RuntimeException e) {
            sendError(ex, 400, "bad request: " + e.getMessage());
        }
    }

    /**
     * The object's file, or null when there is none. Names are taken literally, as Cloud Storage does: a name with
     * empty, "." or ".." segments has no file (and so cannot reach outside the bucket folder).
     */
    private Path resolve(String bucket, String object) {
        if (bucket.isEmpty() || bucket.contains("/") || bucket.startsWith(".") || bucket.contains("\\")) {
            return null;
        }
        for (String segment : object.split("/", -1)) {
            if (segment.isEmpty() || segment.equals(".") || segment.equals("..") || segment.contains("\\")) {
                return null;
            }
        }
        Path bucketDir = root.resolve(bucket).normalize();
        Path file = bucketDir.resolve(object).normalize();
        if (!file.startsWith(bucketDir) || file.equals(bucketDir) || !Files.isRegularFile(file)) {
            return null;
        }
        return file;
    }

    private void sendMedia(HttpExchange ex, String bucket, String object, Path file) throws IOException {
        byte[] bytes = Files.readAllBytes(file);
        ex.getResponseHeaders().set("Content-Type", contentType(object));
        ex.getResponseHeaders().set("x-goog-generation", Long.toString(generation(file)));
        ex.getResponseHeaders().set("x-goog-metageneration", "1");
        ex.getResponseHeaders().set("x-goog-stored-content-length", Integer.toString(bytes.length));
        ex.getResponseHeaders().set("x-goog-hash", "crc32c=" + crc32c(bytes) + ",md5=" + md5(bytes));
        ex.sendResponseHeaders(200, bytes.length == 0 ? -1 : bytes.length);
        try (OutputStream out = ex.getResponseBody()) {
            out.write(bytes);
        }
    }

    private String metadata(String bucket, String object, Path file) throws IOException {
        byte[] bytes = Files.readAllBytes(file);
        long generation = generation(file);
        String updated = Files.readAttributes(file, BasicFileAttributes.class).lastModifiedTime().toInstant().toString();
        String encodedName = encode(object);
        String self = "/storage/v1/b/" + encode(bucket) + "/o/" + encodedName;
        return "{\"kind\":\"storage#object\""
                + ",\"id\":" + str(bucket + "/" + object + "/" + generation)
                + ",\"selfLink\":" + str(self)
                + ",\"mediaLink\":" + str("/download" + self + "?generation=" + generation + "&alt=media")
                + ",\"name\":" + str(object)
                + ",\"bucket\":" + str(bucket)
                + ",\"generation\":" + str(Long.toString(generation))
                + ",\"metageneration\":\"1\""
                + ",\"contentType\":" + str(contentType(object))
                + ",\"storageClass\":\"STANDARD\""
                + ",\"size\":" + str(Integer.toString(bytes.length))
                + ",\"md5Hash\":" + str(md5(bytes))
                + ",\"crc32c\":" + str(crc32c(bytes))
                + ",\"etag\":" + str(Long.toString(generation, 36))
                + ",\"timeCreated\":" + str(updated)
                + ",\"updated\":" + str(updated)
                + "}";
    }

    private static long generation(Path file) throws IOException {
        // Microseconds of the last change, as real generations are: a rewritten file gets a new generation.
        Instant t = Files.getLastModifiedTime(file).toInstant();
        return t.getEpochSecond() * 1_000_000L + t.getNano() / 1_000;
    }

    private static String contentType(String object) {
        String n = object.toLowerCase(Locale.ROOT);
        if (n.endsWith(".yaml") || n.endsWith(".yml")) {
            return "application/x-yaml";
        }
        if (n.endsWith(".json")) {
            return "application/json";
        }
        return n.endsWith(".txt") ? "text/plain" : "application/octet-stream";
    }

    private static void sendError(HttpExchange ex, int code, String message) throws IOException {
        String reason = code == 404 ? "notFound" : code == 405 ? "methodNotAllowed" : "invalid";
        sendJson(ex, code, "{\"error\":{\"code\":" + code + ",\"message\":" + str(message)
                + ",\"errors\":[{\"message\":" + str(message) + ",\"domain\":\"global\",\"reason\":\"" + reason + "\"}]}}");
    }

    private static void sendJson(HttpExchange ex, int code, String json) throws IOException {
        byte[] body = json.getBytes(StandardCharsets.UTF_8);
        ex.getResponseHeaders().set("Content-Type", "application/json; charset=UTF-8");
        ex.sendResponseHeaders(code, body.length);
        try (OutputStream out = ex.getResponseBody()) {
            out.write(body);
        }
    }

    private static String queryParam(String rawQuery, String name) {
        if (rawQuery == null) {
            return null;
        }
        for (String pair : rawQuery.split("&")) {
            int eq = pair.indexOf('=');
            if (eq > 0 && pair.substring(0, eq).equals(name)) {
                return decode(pair.substring(eq + 1));
            }
        }
        return null;
    }

    /** Percent-decoding as for a path segment: unlike URLDecoder, '+' stays '+'. */
    static String decode(String s) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(s.length());
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c == '%') {
                if (i + 2 >= s.length()) {
                    throw new IllegalArgumentException("truncated escape in " + s);
                }
                out.write(Integer.parseInt(s.substring(i + 1, i + 3), 16));
                i += 2;
            } else {
                byte[] b = String.valueOf(c).getBytes(StandardCharsets.UTF_8);
                out.write(b, 0, b.length);
            }
        }
        return out.toString(StandardCharsets.UTF_8);
    }

    /** Percent-encodes everything but RFC 3986 unreserved characters, so '/' becomes %2F as the API expects. */
    static String encode(String s) {
        StringBuilder sb = new StringBuilder();
        for (byte b : s.getBytes(StandardCharsets.UTF_8)) {
            int c = b & 0xff;
            if ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '-' || c == '.'
                    || c == '_' || c == '~') {
                sb.append((char) c);
            } else {
                sb.append('%').append(String.format("%02X", c));
            }
        }
        return sb.toString();
    }

    private static String str(String s) {
        StringBuilder sb = new StringBuilder("\"");
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            switch (c) {
                case '"' -> sb.append("\\\"");
                case '\\' -> sb.append("\\\\");
                case '\n' -> sb.append("\\n");
                case '\r' -> sb.append("\\r");
                case '\t' -> sb.append("\\t");
                default -> {
                    if (c < 0x20) {
                        sb.append(String.format("\\u%04x", (int) c));
                    } else {
                        sb.append(c);
                    }
                }
            }
        }
        return sb.append('"').toString();
    }

    private static String md5(byte[] bytes) {
        try {
            return Base64.getEncoder().encodeToString(MessageDigest.getInstance("MD5").digest(bytes));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Base64 of the big-endian CRC32C, the form the API uses in metadata and x-goog-hash. */
    private static String crc32c(byte[] bytes) {
        CRC32C crc = new CRC32C();
        crc.update(bytes);
        return Base64.getEncoder().encodeToString(ByteBuffer.allocate(4).putInt((int) crc.getValue()).array());
    }
}
