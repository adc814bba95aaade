package dev.lipsync.sdk.models;

import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Objects;
import java.util.OptionalLong;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * A file to upload: from a {@link Path}, an {@link InputStream} or bytes, with the file name and
 * content type sent in its multipart part. Files and streams are streamed, never read whole into memory.
 *
 * <p>The content type defaults to {@code application/octet-stream}, as the vendor's SDKs send it: the
 * server judges media by its content. A {@code Path} or bytes can be re-sent when a request is retried;
 * an {@code InputStream} can be read only once, so an upload from a stream is not retried after its
 * first bytes went out. The SDK does not close a stream you pass in.
 */
public final class MediaFile {
    public static final String DEFAULT_CONTENT_TYPE = "application/octet-stream";

    private final Path path;
    private final byte[] bytes;
    private final InputStream stream;
    private final long streamLength;
    private final String filename;
    private final String contentType;
    private final AtomicBoolean streamTaken = new AtomicBoolean();

    private MediaFile(Path path, byte[] bytes, InputStream stream, long streamLength, String filename, String contentType) {
        this.path = path;
        this.bytes = bytes;
        this.stream = stream;
        this.streamLength = streamLength;
        this.filename = Objects.requireNonNull(filename, "filename");
        this.contentType = contentType == null ? DEFAULT_CONTENT_TYPE : contentType;
    }

    /** The file at {@code path}, named by its base name. */
    public static MediaFile of(Path path) {
        return of(path, path.getFileName().toString(), DEFAULT_CONTENT_TYPE);
    }

    public static MediaFile of(Path path, String filename, String contentType) {
        return new MediaFile(Objects.requireNonNull(path, "path"), null, null, -1, filename, contentType);
    }

    public static MediaFile of(byte[] bytes, String filename) {
        return of(bytes, filename, DEFAULT_CONTENT_TYPE);
    }

    public static MediaFile of(byte[] bytes, String filename, String contentType) {
        return new MediaFile(null, Objects.requireNonNull(bytes, "bytes").clone(), null, -1, filename, contentType);
    }

    /** A stream of unknown length (sent with chunked transfer encoding). */
    public static MediaFile of(InputStream stream, String filename) {
        return of(stream, -1, filename, DEFAULT_CONTENT_TYPE);
    }

    /** A stream of exactly {@code length} bytes (-1 if unknown); a known length lets the body carry a Content-Length. */
    public static MediaFile of(InputStream stream, long length, String filename, String contentType) {
        return new MediaFile(null, null, Objects.requireNonNull(stream, "stream"), length, filename, contentType);
    }

    public String filename() {
        return filename;
    }

    public String contentType() {
        return contentType;
    }

    /** The size in bytes, when known without reading. */
    public OptionalLong length() {
        if (bytes != null) {
            return OptionalLong.of(bytes.length);
        }
        if (path != null) {
            try {
                return OptionalLong.of(Files.size(path));
            } catch (IOException e) {
                throw new UncheckedIOException("cannot read " + path + ": " + e.getMessage(), e);
            }
        }
        return streamLength >= 0 ? OptionalLong.of(streamLength) : OptionalLong.empty();
    }

    /** True when {@link #open()} may be called again (a path or bytes). */
    public boolean isReplayable() {
        return stream == null;
    }

    /** True when this is a stream that has already been handed out once. */
    public boolean isConsumed() {
        return stream != null && streamTaken.get();
    }

    /**
     * Opens the content for reading. For a path, a new stream each time; for an {@link InputStream}, the
     * stream itself, once (closing what is returned leaves the caller's stream open).
     */
    public InputStream open() throws IOException {
        if (bytes != null) {
            return new java.io.ByteArrayInputStream(bytes);
        }
        if (path != null) {
            return Files.newInputStream(path);
        }
        if (!streamTaken.compareAndSet(false, true)) {
            throw new IOException("the InputStream for " + filename + " was already read; it cannot be sent twice");
        }
        return new FilterInputStream(stream) {
            @Override
            public void close() {
                // the caller opened it, the caller closes it
            }
        };
    }

    @Override
    public String toString() {
        String source = path != null ? path.toString() : bytes != null ? bytes.length + " bytes" : "stream";
        return "MediaFile{" + filename + ", " + contentType + ", " + source + "}";
    }
}
