package dev.lipsync.server.http;

import com.fasterxml.jackson.core.JacksonException;
import com.fasterxml.jackson.databind.JsonNode;
import dev.lipsync.server.accounts.Accounts;
import dev.lipsync.server.accounts.Caller;
import dev.lipsync.server.media.storage.MediaStorage;
import dev.lipsync.server.media.storage.MediaTooLargeException;
import dev.lipsync.server.requests.NewRequest;
import dev.lipsync.server.requests.RequestStore;
import dev.lipsync.server.requests.Submission;
import io.javalin.http.Context;
import jakarta.servlet.MultipartConfigElement;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.Part;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The two ways to start a job: remote media by URL (JSON) and uploaded media (multipart).
 * Both check the quota, honour Idempotency-Key, and store the request durably before the 200.
 * Uploads are streamed to disk, then to media storage; a failure at any point leaves no
 * request row and no stored file behind.
 */
final class GenerateEndpoints {

    static final String MODEL = "lipsync-2";
    static final int MAX_REFERENCE_ID = 255;
    static final int MAX_URL = 4096;
    private static final int MAX_TEXT_FIELD = 4096;
    /** Parts larger than this go to a temporary file instead of memory. */
    private static final int IN_MEMORY_PART_BYTES = 64 * 1024;
    private static final Logger LOG = LoggerFactory.getLogger(GenerateEndpoints.class);

    private final RequestStore store;
    private final Accounts accounts;
    private final MediaStorage storage;
    private final long maxJsonBytes;
    private final long maxUploadBytes;
    private final Path multipartTempDir;

    GenerateEndpoints(RequestStore store, Accounts accounts, MediaStorage storage, long maxJsonBytes,
                      long maxUploadBytes, Path multipartTempDir) throws IOException {
        this.store = store;
        this.accounts = accounts;
        this.storage = storage;
        this.maxJsonBytes = maxJsonBytes;
        this.maxUploadBytes = maxUploadBytes;
        this.multipartTempDir = Files.createDirectories(multipartTempDir);
    }

    /** POST /v1/lipsync/generate: JSON with one video and one audio URL. */
    void fromUrls(Context ctx, Caller caller) throws Exception {
        String idempotencyKey = idempotencyKey(ctx);
        if (replayed(ctx, caller, idempotencyKey)) {
            return;
        }
        if (!hasMediaType(ctx.header("Content-Type"), "application/json")) {
            throw ApiError.badRequest("content-type must be application/json");
        }
        checkQuota(caller);
        JsonNode body = parseJson(readBody(ctx));
        if (!body.isObject()) {
            throw ApiError.badRequest("invalid request body");
        }
        JsonNode inputs = body.get("inputs");
        if (inputs == null || !inputs.isArray()) {
            throw ApiError.badRequest("invalid request body");
        }
        String videoUrl = null;
        String audioUrl = null;
        int videos = 0;
        int audios = 0;
        for (JsonNode input : inputs) {
            if (!input.isObject() || !input.path("type").isTextual()) {
                throw ApiError.badRequest("invalid request body");
            }
            String type = input.get("type").asText();
            if (!type.equals("video") && !type.equals("audio")) {
                throw ApiError.badRequest("input type must be \"video\" or \"audio\"");
            }
            JsonNode url = input.get("url");
            if (url == null || !url.isTextual()) {
                throw ApiError.badRequest("invalid request body");
            }
            if (type.equals("video")) {
                videos++;
                videoUrl = url.asText();
            } else {
                audios++;
                audioUrl = url.asText();
            }
        }
        if (videos != 1) {
            throw ApiError.badRequest("expected exactly one video input");
        }
        if (audios != 1) {
            throw ApiError.badRequest("expected exactly one audio input");
        }
        checkUrl(videoUrl, "video");
        checkUrl(audioUrl, "audio");
        String referenceId = optionalText(body.get("reference_id"));
        checkReferenceId(referenceId);
        JsonNode flag = body.get("disable_active_speaker_detection");
        if (flag != null && !flag.isNull() && !flag.isBoolean()) {
            throw ApiError.badRequest("invalid request body");
        }
        boolean disableAsd = flag != null && flag.asBoolean(false);

        NewRequest r = NewRequest.fromUrls(RequestStore.newId(), caller.accountId(), referenceId, videoUrl, audioUrl,
                disableAsd);
        Submission s = store.submit(r, idempotencyKey, Instant.now());
        Json.send(ctx, RequestJson.accepted(s.requestId()));
    }

    /** POST /v1/lipsync/generate-with-media: multipart with video and audio files. */
    void withMedia(Context ctx, Caller caller) throws Exception {
        String idempotencyKey = idempotencyKey(ctx);
        if (replayed(ctx, caller, idempotencyKey)) {
            return;
        }
        if (!hasMediaType(ctx.header("Content-Type"), "multipart/form-data")) {
            throw ApiError.badRequest("content-type must be multipart/form-data");
        }
        checkQuota(caller);
        long declared = ctx.req().getContentLengthLong();
        if (declared > maxUploadBytes) {
            throw tooLarge();
        }
        Collection<Part> parts = parseParts(ctx);
        List<String> storedKeys = new ArrayList<>();
        try {
            String model = textField(parts, "model");
            if (model != null && !model.equals(MODEL)) {
                throw ApiError.badRequest("model must be \"lipsync-2\"");
            }
            Part video = filePart(parts, "video");
            if (video == null) {
                throw ApiError.badRequest("video file is required");
            }
            Part audio = filePart(parts, "audio");
            if (audio == null) {
                throw ApiError.badRequest("audio file is required");
            }
            if (video.getSize() == 0) {
                throw ApiError.badRequest("video file is empty");
            }
            if (audio.getSize() == 0) {
                throw ApiError.badRequest("audio file is empty");
            }
            String referenceId = emptyToNull(textField(parts, "reference_id"));
            checkReferenceId(referenceId);
            boolean disableAsd = booleanField(textField(parts, "disable_active_speaker_detection"));

            UUID id = RequestStore.newId();
            String videoKey = "uploads/" + id + "/video";
            String audioKey = "uploads/" + id + "/audio";
            storedKeys.add(videoKey);
            put(videoKey, video);
            storedKeys.add(audioKey);
            put(audioKey, audio);
            NewRequest r = NewRequest.fromUploads(id, caller.accountId(), referenceId, MODEL, videoKey, audioKey,
                    disableAsd);
            Submission s = store.submit(r, idempotencyKey, Instant.now());
            if (!s.replayed()) {
                storedKeys.clear(); // the request owns them now
            }
            Json.send(ctx, RequestJson.accepted(s.requestId()));
        } finally {
            for (String key : storedKeys) {
                deleteQuietly(key);
            }
            for (Part p : parts) {
                try {
                    p.delete();
                } catch (IOException e) {
                    LOG.warn("could not delete a multipart temporary file: {}", e.toString());
                }
            }
        }
    }

    // --- shared steps ---

    private static String idempotencyKey(Context ctx) {
        String key = ctx.header("Idempotency-Key");
        if (key == null || key.isEmpty()) {
            return null;
        }
        if (key.length() > 255 || !key.chars().allMatch(ch -> ch > 32 && ch < 127)) {
            throw ApiError.badRequest("Idempotency-Key must be 1 to 255 visible ASCII characters");
        }
        return key;
    }

    /** Answers with the first response when this Idempotency-Key was already used. */
    private boolean replayed(Context ctx, Caller caller, String idempotencyKey) throws Exception {
        if (idempotencyKey == null) {
            return false;
        }
        Optional<UUID> earlier = store.idempotentReplay(caller.accountId(), idempotencyKey, Instant.now());
        earlier.ifPresent(id -> Json.send(ctx, RequestJson.accepted(id)));
        return earlier.isPresent();
    }

    private void checkQuota(Caller caller) throws Exception {
        if (accounts.quotaExhausted(caller.accountId())) {
            throw new ApiError(412, "token limit reached");
        }
    }

    static boolean hasMediaType(String contentType, String expected) {
        if (contentType == null) {
            return false;
        }
        int semicolon = contentType.indexOf(';');
        String type = (semicolon < 0 ? contentType : contentType.substring(0, semicolon)).trim();
        return type.toLowerCase(Locale.ROOT).equals(expected);
    }

    private byte[] readBody(Context ctx) throws IOException {
        if (ctx.req().getContentLengthLong() > maxJsonBytes) {
            throw tooLarge();
        }
        try (InputStream in = ctx.req().getInputStream()) {
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            byte[] buf = new byte[8192];
            int n;
            while ((n = in.read(buf)) > 0) {
                if (out.size() + n > maxJsonBytes) {
                    throw tooLarge();
                }
                out.write(buf, 0, n);
            }
            return out.toByteArray();
        }
    }

    private static JsonNode parseJson(byte[] body) {
        try {
            JsonNode node = Json.MAPPER.readTree(body);
            if (node == null || node.isMissingNode()) {
                throw ApiError.badRequest("invalid request body");
            }
            return node;
        } catch (JacksonException e) {
            throw ApiError.badRequest("invalid request body");
        } catch (IOException e) {
            throw ApiError.badRequest("invalid request body");
        }
    }

    private static void checkUrl(String url, String medium) {
        if (url.length() > MAX_URL) {
            throw ApiError.badRequest(medium + " url is longer than " + MAX_URL + " characters");
        }
        try {
            URI u = new URI(url);
            String scheme = u.getScheme() == null ? "" : u.getScheme().toLowerCase(Locale.ROOT);
            if ((scheme.equals("http") || scheme.equals("https")) && u.getHost() != null && !u.getHost().isEmpty()) {
                return;
            }
        } catch (URISyntaxException e) {
            // answered below
        }
        throw ApiError.badRequest(medium + " url must be an absolute http or https URL");
    }

    private static String optionalText(JsonNode node) {
        if (node == null || node.isNull()) {
            return null;
        }
        if (!node.isTextual()) {
            throw ApiError.badRequest("invalid request body");
        }
        return emptyToNull(node.asText());
    }

    private static void checkReferenceId(String referenceId) {
        if (referenceId != null && referenceId.length() > MAX_REFERENCE_ID) {
            throw ApiError.badRequest("reference_id must be at most 255 characters");
        }
    }

    private static String emptyToNull(String s) {
        return s == null || s.isEmpty() ? null : s;
    }

    private Collection<Part> parseParts(Context ctx) {
        ctx.req().setAttribute("org.eclipse.jetty.multipartConfig", new MultipartConfigElement(
                multipartTempDir.toString(), maxUploadBytes, maxUploadBytes, IN_MEMORY_PART_BYTES));
        try {
            return ctx.req().getParts();
        } catch (IllegalStateException e) {
            if (String.valueOf(e.getMessage()).contains("exceeds max")) {
                throw tooLarge();
            }
            throw ApiError.badRequest("invalid multipart body");
        } catch (IOException | ServletException | RuntimeException e) {
            Throwable cause = e.getCause();
            if (cause instanceof IllegalStateException && String.valueOf(cause.getMessage()).contains("exceeds max")) {
                throw tooLarge();
            }
            throw ApiError.badRequest("invalid multipart body");
        }
    }

    private static Part filePart(Collection<Part> parts, String name) {
        for (Part p : parts) {
            if (name.equals(p.getName())) {
                return p;
            }
        }
        return null;
    }

    private static String textField(Collection<Part> parts, String name) throws IOException {
        Part p = filePart(parts, name);
        if (p == null) {
            return null;
        }
        if (p.getSize() > MAX_TEXT_FIELD) {
            throw ApiError.badRequest(name + " is too long");
        }
        try (InputStream in = p.getInputStream()) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8).trim();
        }
    }

    private static boolean booleanField(String value) {
        if (value == null || value.isEmpty()) {
            return false;
        }
        return switch (value.toLowerCase(Locale.ROOT)) {
            case "true" -> true;
            case "false" -> false;
            default -> throw ApiError.badRequest("disable_active_speaker_detection must be true or false");
        };
    }

    private void put(String key, Part part) throws IOException {
        try (InputStream in = part.getInputStream()) {
            storage.put(key, in, maxUploadBytes);
        } catch (MediaTooLargeException e) {
            throw tooLarge();
        }
    }

    private void deleteQuietly(String key) {
        try {
            storage.delete(key);
        } catch (IOException | RuntimeException e) {
            LOG.warn("could not delete {} after a failed upload: {}", key, e.toString());
        }
    }

    private static ApiError tooLarge() {
        return new ApiError(413, "request body too large");
    }
}
