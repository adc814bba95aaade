package dev.lipsync.sdk.testing;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.Headers;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.function.LongConsumer;
import java.util.regex.Pattern;

/**
 * A small, faithful stand-in for the Lipsync API (paths, auth strings, error strings and JSON exactly
 * as ../shared/API.md and the seeds give them), with fault injection for what a real server will not
 * do on demand: answer 503 or 429 with Retry-After, stall, or misbehave. Every request is recorded.
 */
public final class ContractServer implements AutoCloseable {
    public static final String KEY = "chm_live_0123456789abcdef0123456789abcdef";
    public static final String OTHER_KEY = "chm_live_fedcba9876543210fedcba9876543210";
    public static final String KEY_NAME = "Dubbing team key";
    private static final Pattern KEY_FORMAT = Pattern.compile("chm_live_[0-9a-f]{32}");
    private static final ObjectMapper JSON = new ObjectMapper();

    /** What the server saw of one request. */
    public record Seen(String method, String path, String query, Headers headers, List<MultipartReader.Part> parts,
                       byte[] body, Instant at) {
        public String header(String name) {
            return headers.getFirst(name);
        }

        public MultipartReader.Part part(String name) {
            return parts.stream().filter(p -> name.equals(p.name())).findFirst().orElse(null);
        }
    }

    /** A canned answer (or stall) served instead of the normal handling, for the next matching request. */
    public record Fault(String pathContains, int status, Map<String, String> headers, String body, Duration stall,
                        boolean drainBody) {
        public static Fault status(int status, String error) {
            return new Fault("", status, Map.of(), error == null ? "" : "{\"error\":\"" + error + "\"}", Duration.ZERO, true);
        }

        public Fault withHeader(String name, String value) {
            Map<String, String> h = new LinkedHashMap<>(headers);
            h.put(name, value);
            return new Fault(pathContains, status, h, body, stall, drainBody);
        }

        public Fault withBody(String raw) {
            return new Fault(pathContains, status, headers, raw, stall, drainBody);
        }

        public Fault on(String pathPart) {
            return new Fault(pathPart, status, headers, body, stall, drainBody);
        }

        public static Fault stall(Duration d) {
            return new Fault("", 200, Map.of(), "{}", d, true);
        }
    }

    private static final class Req {
        final String id;
        final String account;
        final String referenceId;
        final Instant created;
        String status = "queued";
        Instant started;
        Instant finished;
        String outputUrl;
        String errorMessage;

        Req(String id, String account, String referenceId, Instant created) {
            this.id = id;
            this.account = account;
            this.referenceId = referenceId;
            this.created = created;
        }
    }

    private final HttpServer server;
    private final ExecutorService executor = Executors.newCachedThreadPool(r -> {
        Thread t = new Thread(r, "contract-server");
        t.setDaemon(true);
        return t;
    });
    private final List<Req> requests = new ArrayList<>();
    private final Map<String, String> idempotent = new HashMap<>();
    private final Deque<Fault> faults = new ArrayDeque<>();
    private final List<Seen> seen = new CopyOnWriteArrayList<>();
    private final Map<String, byte[]> files = new HashMap<>();
    private volatile boolean tokensExhausted;
    private volatile int pollsToFinish = -1;
    private volatile String finishWithError;
    private volatile LongConsumer uploadProgress = n -> { };
    private volatile String extraField;
    private Instant clock = Instant.parse("2026-04-07T10:00:00Z");

    public ContractServer() throws IOException {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.setExecutor(executor);
        server.createContext("/", this::handle);
        server.start();
    }

    /** The base URL a client is pointed at; {@code prefix} is "" or "/api". */
    public String baseUrl(String prefix) {
        return "http://127.0.0.1:" + server.getAddress().getPort() + prefix;
    }

    public String baseUrl() {
        return baseUrl("/api");
    }

    public synchronized void addFault(Fault f) {
        faults.add(f);
    }

    public List<Seen> seen() {
        return List.copyOf(seen);
    }

    public List<Seen> seen(String pathContains) {
        return seen.stream().filter(s -> s.path().contains(pathContains)).toList();
    }

    public void exhaustTokens(boolean exhausted) {
        tokensExhausted = exhausted;
    }

    /** Each GET of a request advances it one step; after {@code polls} GETs it completes (or fails with {@code error}). */
    public void finishAfterPolls(int polls, String error) {
        pollsToFinish = polls;
        finishWithError = error;
    }

    /** Called on the server thread with the byte count of the part being received, as it grows. */
    public void onUploadProgress(LongConsumer listener) {
        uploadProgress = listener;
    }

    /** Adds a field the SDK does not know to every request object (forward compatibility). */
    public void addUnknownField(String name) {
        extraField = name;
    }

    /** Serves bytes at {@code /files/NAME}; returns the absolute URL. */
    public synchronized String serveFile(String name, byte[] content) {
        files.put("/files/" + name, content);
        return baseUrl("") + "/files/" + name;
    }

    /** Creates a request directly (as if generated earlier) for {@code key}'s account; returns its id. */
    public synchronized String seed(String key, String referenceId, String status) {
        Req r = create(key, referenceId);
        r.status = status;
        if (!status.equals("queued")) {
            r.started = r.created.plusSeconds(4);
        }
        if (status.equals("completed")) {
            r.finished = r.created.plusSeconds(65);
            r.outputUrl = "https://storage.chamelaion.com/output/" + r.id.substring(0, 8) + ".mp4";
        } else if (status.equals("failed")) {
            r.finished = r.created.plusSeconds(8);
            r.errorMessage = "video URL is not accessible";
        }
        return r.id;
    }

    public synchronized int requestCount() {
        return requests.size();
    }

    private Req create(String key, String referenceId) {
        clock = clock.plusMillis(1500); // sub-second creation times, printed in whole seconds
        Req r = new Req(UUID.randomUUID().toString(), key, referenceId, clock);
        requests.add(r);
        return r;
    }

    @Override
    public void close() {
        server.stop(0);
        executor.shutdownNow();
    }

    // ---------------------------------------------------------------- handling

    private void handle(HttpExchange ex) throws IOException {
        try (ex) {
            URI uri = ex.getRequestURI();
            String path = uri.getPath();
            String route = path.startsWith("/api/") ? path.substring(4) : path;
            Fault fault = takeFault(route);
            if (fault != null) {
                byte[] body = fault.drainBody() ? ex.getRequestBody().readAllBytes() : new byte[0];
                record(ex, route, List.of(), body);
                if (!fault.stall().isZero()) {
                    sleep(fault.stall());
                }
                fault.headers().forEach((k, v) -> ex.getResponseHeaders().add(k, v));
                send(ex, fault.status(), fault.body());
                return;
            }
            if (path.startsWith("/files/")) {
                byte[] content;
                synchronized (this) {
                    content = files.get(path);
                }
                record(ex, path, List.of(), new byte[0]);
                if (content == null) {
                    send(ex, 404, "{\"error\":\"not found\"}");
                    return;
                }
                ex.getResponseHeaders().set("Content-Type", "video/mp4");
                ex.sendResponseHeaders(200, content.length);
                ex.getResponseBody().write(content);
                return;
            }
            route(ex, route);
        } catch (RuntimeException e) {
            e.printStackTrace();
            send(ex, 500, "{\"error\":\"internal error\"}");
        }
    }

    private synchronized Fault takeFault(String path) {
        for (Fault f : faults) {
            if (path.contains(f.pathContains())) {
                faults.remove(f);
                return f;
            }
        }
        return null;
    }

    private void route(HttpExchange ex, String route) throws IOException {
        String method = ex.getRequestMethod();
        if (route.equals("/health") && method.equals("GET")) {
            record(ex, route, List.of(), new byte[0]);
            send(ex, 200, "{\"status\":\"ok\"}");
            return;
        }
        String key = authenticate(ex);
        if (key == null) {
            record(ex, route, List.of(), ex.getRequestBody().readAllBytes());
            return; // answered 401
        }
        if (route.equals("/v1/users/me") && method.equals("GET")) {
            record(ex, route, List.of(), new byte[0]);
            send(ex, 200, "{\"name\":\"" + (key.equals(KEY) ? KEY_NAME : "Other account") + "\"}");
        } else if (route.equals("/v1/lipsync/generate") && method.equals("POST")) {
            generate(ex, route, key);
        } else if (route.equals("/v1/lipsync/generate-with-media") && method.equals("POST")) {
            generateWithMedia(ex, route, key);
        } else if (route.equals("/v1/lipsync/requests") && method.equals("GET")) {
            record(ex, route, List.of(), new byte[0]);
            list(ex, key);
        } else if (route.startsWith("/v1/lipsync/requests/") && method.equals("GET")) {
            record(ex, route, List.of(), new byte[0]);
            get(ex, key, URLDecoder.decode(route.substring("/v1/lipsync/requests/".length()), StandardCharsets.UTF_8));
        } else {
            record(ex, route, List.of(), ex.getRequestBody().readAllBytes());
            send(ex, 404, "{\"error\":\"not found\"}");
        }
    }

    /** The account key, or null after answering 401 with the documented string. */
    private String authenticate(HttpExchange ex) throws IOException {
        String authorization = ex.getRequestHeaders().getFirst("Authorization");
        String apiKey = ex.getRequestHeaders().getFirst("x-api-key");
        String token;
        if (authorization != null) {
            if (!authorization.startsWith("Bearer ") && !authorization.equals("Bearer")) {
                return unauthorized(ex, "invalid authorization format");
            }
            token = authorization.length() > 7 ? authorization.substring(7).trim() : "";
        } else if (apiKey != null) {
            token = apiKey.trim();
        } else {
            return unauthorized(ex, "missing authorization header");
        }
        if (token.isEmpty()) {
            return unauthorized(ex, "missing token");
        }
        if (!KEY_FORMAT.matcher(token).matches()) {
            return unauthorized(ex, "invalid token");
        }
        if (!token.equals(KEY) && !token.equals(OTHER_KEY)) {
            return unauthorized(ex, "unauthorized");
        }
        return token;
    }

    private String unauthorized(HttpExchange ex, String error) throws IOException {
        send(ex, 401, "{\"error\":\"" + error + "\"}");
        return null;
    }

    private void generate(HttpExchange ex, String route, String key) throws IOException {
        byte[] body = ex.getRequestBody().readAllBytes();
        record(ex, route, List.of(), body);
        String contentType = ex.getRequestHeaders().getFirst("Content-Type");
        if (contentType == null || !contentType.toLowerCase(Locale.ROOT).startsWith("application/json")) {
            send(ex, 400, "{\"error\":\"content-type must be application/json\"}");
            return;
        }
        JsonNode json;
        try {
            json = JSON.readTree(body);
        } catch (IOException e) {
            json = null;
        }
        if (json == null || !json.isObject() || !json.path("inputs").isArray()
                || (json.has("reference_id") && !json.get("reference_id").isTextual())
                || (json.has("disable_active_speaker_detection") && !json.get("disable_active_speaker_detection").isBoolean())) {
            send(ex, 400, "{\"error\":\"invalid request body\"}");
            return;
        }
        int videos = 0;
        int audios = 0;
        for (JsonNode input : json.get("inputs")) {
            String type = input.path("type").asText();
            String url = input.path("url").asText("");
            if (!type.equals("video") && !type.equals("audio")) {
                send(ex, 400, "{\"error\":\"input type must be \\\"video\\\" or \\\"audio\\\"\"}");
                return;
            }
            if (!(url.startsWith("http://") || url.startsWith("https://"))) {
                send(ex, 400, "{\"error\":\"url must be an absolute http or https URL\"}");
                return;
            }
            if (type.equals("video")) {
                videos++;
            } else {
                audios++;
            }
        }
        if (videos != 1) {
            send(ex, 400, "{\"error\":\"expected exactly one video input\"}");
            return;
        }
        if (audios != 1) {
            send(ex, 400, "{\"error\":\"expected exactly one audio input\"}");
            return;
        }
        accept(ex, key, json.hasNonNull("reference_id") ? json.get("reference_id").asText() : null);
    }

    private void generateWithMedia(HttpExchange ex, String route, String key) throws IOException {
        String contentType = ex.getRequestHeaders().getFirst("Content-Type");
        if (contentType == null || !contentType.toLowerCase(Locale.ROOT).startsWith("multipart/form-data")
                || !contentType.contains("boundary=")) {
            record(ex, route, List.of(), ex.getRequestBody().readAllBytes());
            send(ex, 400, "{\"error\":\"content-type must be multipart/form-data\"}");
            return;
        }
        String boundary = contentType.substring(contentType.indexOf("boundary=") + 9).replace("\"", "");
        List<MultipartReader.Part> parts = new ArrayList<>();
        MultipartReader reader = new MultipartReader(ex.getRequestBody(), boundary);
        for (MultipartReader.Part p; (p = reader.next(uploadProgress)) != null; ) {
            parts.add(p);
        }
        Seen s = record(ex, route, parts, new byte[0]);
        if (s.part("video") == null || s.part("video").filename() == null) {
            send(ex, 400, "{\"error\":\"video file is required\"}");
            return;
        }
        if (s.part("audio") == null || s.part("audio").filename() == null) {
            send(ex, 400, "{\"error\":\"audio file is required\"}");
            return;
        }
        if (s.part("model") != null && !s.part("model").text().equals("lipsync-2")) {
            send(ex, 400, "{\"error\":\"model must be \\\"lipsync-2\\\"\"}");
            return;
        }
        accept(ex, key, s.part("reference_id") == null ? null : s.part("reference_id").text());
    }

    private void accept(HttpExchange ex, String key, String referenceId) throws IOException {
        if (tokensExhausted) {
            send(ex, 412, "{\"error\":\"token limit reached\"}");
            return;
        }
        String idemKey = ex.getRequestHeaders().getFirst("Idempotency-Key");
        String answer;
        synchronized (this) {
            String remembered = idemKey == null ? null : idempotent.get(key + " " + idemKey);
            if (remembered != null) {
                answer = remembered;
            } else {
                Req r = create(key, referenceId);
                answer = "{\"status\":\"success\",\"request_id\":\"" + r.id + "\"}";
                if (idemKey != null) {
                    idempotent.put(key + " " + idemKey, answer);
                }
            }
        }
        send(ex, 200, answer);
    }

    private void get(HttpExchange ex, String key, String idOrRef) throws IOException {
        ObjectNode out;
        synchronized (this) {
            Req found = null;
            for (Req r : requests) {
                if (r.account.equals(key) && r.id.equals(idOrRef)) {
                    found = r;
                }
            }
            if (found == null) {
                for (Req r : requests) { // latest by creation order wins
                    if (r.account.equals(key) && idOrRef.equals(r.referenceId)) {
                        found = r;
                    }
                }
            }
            if (found == null) {
                send(ex, 404, "{\"error\":\"lipsync request not found\"}");
                return;
            }
            advance(found);
            out = json(found);
        }
        send(ex, 200, out.toString());
    }

    private void advance(Req r) {
        if (pollsToFinish < 0 || r.status.equals("completed") || r.status.equals("failed")) {
            return;
        }
        if (r.status.equals("queued")) {
            r.status = "processing";
            r.started = r.created.plusSeconds(3);
        }
        if (--pollsToFinish <= 0) {
            r.finished = r.created.plusSeconds(40);
            if (finishWithError != null) {
                r.status = "failed";
                r.errorMessage = finishWithError;
            } else {
                r.status = "completed";
                r.outputUrl = files.isEmpty() ? "https://storage.chamelaion.com/output/" + r.id.substring(0, 8) + ".mp4"
                        : baseUrl("") + files.keySet().iterator().next();
            }
        }
    }

    private void list(HttpExchange ex, String key) throws IOException {
        Map<String, String> q = query(ex.getRequestURI().getRawQuery());
        long limit = 20;
        long offset = 0;
        try {
            if (q.containsKey("limit")) {
                limit = Long.parseLong(q.get("limit"));
            }
            if (q.containsKey("offset")) {
                offset = Long.parseLong(q.get("offset"));
            }
        } catch (NumberFormatException e) {
            send(ex, 400, "{\"error\":\"limit and offset must be integers\"}");
            return;
        }
        if (limit < 1) {
            send(ex, 400, "{\"error\":\"limit must be at least 1\"}");
            return;
        }
        if (offset < 0) {
            send(ex, 400, "{\"error\":\"offset must be at least 0\"}");
            return;
        }
        limit = Math.min(limit, 100);
        String ref = q.get("reference_id");
        ObjectNode out = JSON.createObjectNode();
        synchronized (this) {
            List<Req> mine = requests.stream()
                    .filter(r -> r.account.equals(key) && (ref == null || ref.equals(r.referenceId))).toList();
            ArrayNode data = out.putArray("data");
            for (long i = offset; i < Math.min(mine.size(), offset + limit); i++) {
                data.add(json(mine.get((int) i)));
            }
            ObjectNode pagination = out.putObject("pagination");
            pagination.put("limit", limit);
            pagination.put("offset", offset);
            pagination.put("total", mine.size());
        }
        send(ex, 200, out.toString());
    }

    private ObjectNode json(Req r) {
        ObjectNode o = JSON.createObjectNode();
        o.put("id", r.id);
        if (r.referenceId != null) {
            o.put("reference_id", r.referenceId);
        }
        o.put("status", r.status);
        o.put("created_at", r.created.truncatedTo(ChronoUnit.SECONDS).toString());
        if (r.started != null) {
            o.put("started_at", r.started.truncatedTo(ChronoUnit.SECONDS).toString());
        }
        if (r.finished != null) {
            o.put("finished_at", r.finished.truncatedTo(ChronoUnit.SECONDS).toString());
        }
        if (r.outputUrl != null) {
            o.put("output_url", r.outputUrl);
        }
        if (r.errorMessage != null) {
            o.put("error_message", r.errorMessage);
        }
        if (extraField != null) {
            o.putObject(extraField).put("nested", true);
        }
        return o;
    }

    private static Map<String, String> query(String raw) {
        Map<String, String> q = new LinkedHashMap<>();
        if (raw == null || raw.isEmpty()) {
            return q;
        }
        for (String pair : raw.split("&")) {
            int eq = pair.indexOf('=');
            String k = URLDecoder.decode(eq < 0 ? pair : pair.substring(0, eq), StandardCharsets.UTF_8);
            String v = eq < 0 ? "" : URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8);
            q.put(k, v);
        }
        return q;
    }

    private Seen record(HttpExchange ex, String path, List<MultipartReader.Part> parts, byte[] body) {
        Headers copy = new Headers();
        copy.putAll(ex.getRequestHeaders());
        Seen s = new Seen(ex.getRequestMethod(), path, ex.getRequestURI().getRawQuery(), copy, parts, body, Instant.now());
        seen.add(s);
        return s;
    }

    private static void send(HttpExchange ex, int status, String body) throws IOException {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        ex.getResponseHeaders().set("Content-Type", "application/json");
        ex.sendResponseHeaders(status, bytes.length == 0 ? -1 : bytes.length);
        try (OutputStream out = ex.getResponseBody()) {
            out.write(bytes);
        }
    }

    private static void sleep(Duration d) {
        try {
            Thread.sleep(d);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** Reads a whole stream; for tests. */
    public static byte[] readAll(InputStream in) throws IOException {
        return in.readAllBytes();
    }
}
