package dev.lipsync.server.media.files;

import dev.lipsync.server.media.storage.MediaStorage;
import io.javalin.http.Context;
import io.javalin.http.Handler;
import io.javalin.http.HandlerType;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.NoSuchFileException;

/**
 * Serves a rendered MP4 by its signed URL ({@link SignedOutputUrls}): GET and HEAD, with HTTP
 * range support (206 + Content-Range, 416 past the end), so browsers can seek and
 * {@code curl -O} works. No API key is needed; the signature is the credential.
 * Errors are JSON: 403 bad signature, 410 expired, 404 gone from storage.
 *
 * <p>Served as GET and HEAD of {@code /v1/files/<key>} (and under {@code /api}), listed in
 * {@code http.Routes}; the {@code <key>} path parameter spans slashes.
 */
public final class OutputFileHandler implements Handler {

    /** Only rendered outputs are ever served, whatever was signed. */
    static final String SERVABLE_PREFIX = "outputs/";

    private final MediaStorage storage;
    private final SignedOutputUrls urls;

    public OutputFileHandler(MediaStorage storage, SignedOutputUrls urls) {
        this.storage = storage;
        this.urls = urls;
    }

    @Override
    public void handle(Context ctx) throws Exception {
        String key = ctx.pathParam("key");
        SignedOutputUrls.Verdict verdict = urls.verify(key, ctx.queryParam("expires"), ctx.queryParam("sig"));
        if (verdict == SignedOutputUrls.Verdict.BAD_SIGNATURE || !isServable(key)) {
            error(ctx, 403, "invalid or missing signature");
            return;
        }
        if (verdict == SignedOutputUrls.Verdict.EXPIRED) {
            error(ctx, 410, "this link has expired; fetch the request again for a fresh output_url");
            return;
        }
        long size;
        try {
            size = storage.size(key);
        } catch (NoSuchFileException e) {
            error(ctx, 404, "file not found");
            return;
        }
        HttpServletResponse res = ctx.res();
        res.setHeader("Accept-Ranges", "bytes");
        res.setHeader("Cache-Control", "private, max-age=3600");
        res.setHeader("Content-Disposition", "inline; filename=\"" + fileName(key) + "\"");
        ByteRange.Request wanted = ByteRange.parse(ctx.header("Range"), size);
        if (wanted instanceof ByteRange.Unsatisfiable) {
            res.setHeader("Content-Range", "bytes */" + size);
            error(ctx, 416, "requested range not satisfiable");
            return;
        }
        ByteRange range = wanted instanceof ByteRange.Partial p ? p.range() : new ByteRange(0, size - 1);
        res.setStatus(wanted instanceof ByteRange.Partial ? 206 : 200);
        if (wanted instanceof ByteRange.Partial) {
            res.setHeader("Content-Range", "bytes " + range.first() + "-" + range.last() + "/" + size);
        }
        res.setCharacterEncoding(null); // binary: no "; charset=" on the content type
        res.setContentType("video/mp4");
        long length = size == 0 ? 0 : range.length();
        res.setContentLengthLong(length);
        if (ctx.method() == HandlerType.HEAD || length == 0) {
            return;
        }
        // written straight to the servlet response: no compression or buffering of the video
        try (InputStream in = storage.openFrom(key, range.first()); OutputStream out = res.getOutputStream()) {
            copy(in, out, length);
        }
    }

    static boolean isServable(String key) {
        try {
            MediaStorage.checkKey(key);
        } catch (IllegalArgumentException e) {
            return false;
        }
        return key.startsWith(SERVABLE_PREFIX);
    }

    private static void copy(InputStream in, OutputStream out, long length) throws IOException {
        byte[] buffer = new byte[64 * 1024];
        long left = length;
        while (left > 0) {
            int n = in.read(buffer, 0, (int) Math.min(buffer.length, left));
            if (n < 0) {
                throw new IOException("object ended early");
            }
            out.write(buffer, 0, n);
            left -= n;
        }
    }

    private static String fileName(String key) {
        return key.substring(key.lastIndexOf('/') + 1);
    }

    private static void error(Context ctx, int status, String message) {
        ctx.status(status).contentType("application/json")
                .result("{\"error\":\"" + message.replace("\"", "'") + "\"}");
    }
}
