package dev.lipsync.server.http;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.lipsync.server.LipsyncServer;
import dev.lipsync.server.accounts.Accounts;
import dev.lipsync.server.config.ServerConfig;
import dev.lipsync.server.db.TestDatabases;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;

/** A real server on an ephemeral port over a real database, and a real HTTP client for it. */
final class TestServer implements AutoCloseable {

    static final ObjectMapper JSON = new ObjectMapper();
    static final String BOUNDARY = "----lipsync-test-boundary-7MA4YWxkTrZu0gW";

    final LipsyncServer server;
    final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    final String base;

    TestServer(TestDatabases kind, Path dataDir, Map<String, String> overrides) throws Exception {
        Map<String, String> settings = new LinkedHashMap<>(kind.freshSettings(dataDir));
        settings.put("LIPSYNC_WORKERS", "0"); // requests stay queued: these tests check the API, not the workers
        settings.putAll(overrides);
        server = LipsyncServer.start(ServerConfig.from(settings));
        base = "http://127.0.0.1:" + server.port();
    }

    /** A new account with one key; returns the key. */
    String newAccountKey(String keyName, Double tokenLimit) throws Exception {
        Accounts accounts = server.accounts();
        Accounts.Account a = accounts.createAccount("acct-" + UUID.randomUUID(), tokenLimit);
        return accounts.createKey(a.id(), keyName).key();
    }

    HttpResponse<String> send(HttpRequest.Builder b) throws IOException, InterruptedException {
        return http.send(b.timeout(Duration.ofSeconds(30)).build(), HttpResponse.BodyHandlers.ofString());
    }

    HttpResponse<String> get(String path, String key) throws Exception {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(base + path)).GET();
        if (key != null) {
            b.header("x-api-key", key);
        }
        return send(b);
    }

    HttpResponse<String> postJson(String path, String key, String body) throws Exception {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(base + path))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body));
        if (key != null) {
            b.header("x-api-key", key);
        }
        return send(b);
    }

    HttpResponse<String> postMultipart(String path, String key, byte[] body) throws Exception {
        return send(HttpRequest.newBuilder(URI.create(base + path))
                .header("x-api-key", key)
                .header("Content-Type", "multipart/form-data; boundary=" + BOUNDARY)
                .POST(HttpRequest.BodyPublishers.ofByteArray(body)));
    }

    static String generateBody(String referenceId) {
        return "{\"inputs\":[{\"type\":\"video\",\"url\":\"https://cdn.example.com/episodes/42.mp4\"},"
                + "{\"type\":\"audio\",\"url\":\"https://cdn.example.com/dubs/42-japanese.wav\"}]"
                + (referenceId == null ? "" : ",\"reference_id\":\"" + referenceId + "\"") + "}";
    }

    /** A multipart body the way the vendor's SDKs send it (files as application/octet-stream). */
    static final class Multipart {
        private final ByteArrayOutputStream out = new ByteArrayOutputStream();

        Multipart file(String name, String filename, byte[] content) {
            write("--" + BOUNDARY + "\r\nContent-Disposition: form-data; name=\"" + name + "\"; filename=\"" + filename
                    + "\"\r\nContent-Type: application/octet-stream\r\n\r\n");
            out.writeBytes(content);
            write("\r\n");
            return this;
        }

        Multipart field(String name, String value) {
            write("--" + BOUNDARY + "\r\nContent-Disposition: form-data; name=\"" + name + "\"\r\n\r\n" + value + "\r\n");
            return this;
        }

        byte[] build() {
            write("--" + BOUNDARY + "--\r\n");
            return out.toByteArray();
        }

        private void write(String s) {
            out.writeBytes(s.getBytes(StandardCharsets.UTF_8));
        }
    }

    static JsonNode json(HttpResponse<String> r) throws IOException {
        return JSON.readTree(r.body());
    }

    static String error(HttpResponse<String> r) throws IOException {
        return json(r).path("error").asText(null);
    }

    long countRows(String table) throws Exception {
        try (Connection c = server.database().connection();
             PreparedStatement ps = c.prepareStatement("SELECT COUNT(*) FROM " + table);
             ResultSet rs = ps.executeQuery()) {
            rs.next();
            return rs.getLong(1);
        }
    }

    /** Sends bytes the HTTP client would refuse to (bad URIs); returns the raw response. */
    String raw(String request) throws IOException {
        try (java.net.Socket socket = new java.net.Socket("127.0.0.1", server.port())) {
            socket.setSoTimeout(10_000);
            socket.getOutputStream().write(request.getBytes(StandardCharsets.ISO_8859_1));
            socket.getOutputStream().flush();
            return new String(socket.getInputStream().readAllBytes(), StandardCharsets.ISO_8859_1);
        }
    }

    @Override
    public void close() {
        server.close();
    }
}
