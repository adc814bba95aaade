package dev.lipsync.sdk.core.http;

import dev.lipsync.sdk.models.MediaFile;
import java.io.ByteArrayInputStream;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.SequenceInputStream;
import java.io.UncheckedIOException;
import java.net.http.HttpRequest;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.Enumeration;
import java.util.HexFormat;
import java.util.List;
import java.util.OptionalLong;
import java.util.concurrent.Flow;
import java.util.function.LongConsumer;

/**
 * A {@code multipart/form-data} body that is streamed: each file is opened only when the wire reaches
 * it and read in small chunks, so an upload of any size needs only a few kilobytes of memory.
 * When every part's size is known the body has a Content-Length; otherwise it goes out chunked.
 */
public final class MultipartBody implements RequestBody {
    private static final SecureRandom RANDOM = new SecureRandom();
    private static final byte[] CRLF = "\r\n".getBytes(StandardCharsets.US_ASCII);

    private final String boundary;
    private final List<Part> parts;
    private final long contentLength;

    private record Part(byte[] head, MediaFile file, byte[] text) {
        long length() {
            if (text != null) {
                return head.length + text.length + CRLF.length;
            }
            OptionalLong n = file.length();
            return n.isPresent() ? head.length + n.getAsLong() + CRLF.length : -1;
        }
    }

    private MultipartBody(String boundary, List<Part> parts) {
        this.boundary = boundary;
        this.parts = List.copyOf(parts);
        long total = closing().length;
        for (Part p : this.parts) {
            long n = p.length();
            if (n < 0) {
                total = -1;
                break;
            }
            total += n;
        }
        this.contentLength = total;
    }

    public static Builder builder() {
        return new Builder("chamelaion-" + HexFormat.of().formatHex(randomBytes()));
    }

    private static byte[] randomBytes() {
        byte[] b = new byte[16];
        RANDOM.nextBytes(b);
        return b;
    }

    public String boundary() {
        return boundary;
    }

    @Override
    public String contentType() {
        return "multipart/form-data; boundary=" + boundary;
    }

    @Override
    public long contentLength() {
        return contentLength;
    }

    @Override
    public boolean canResend() {
        return parts.stream().noneMatch(p -> p.file() != null && p.file().isConsumed());
    }

    @Override
    public HttpRequest.BodyPublisher publisher(LongConsumer bytesRead) {
        HttpRequest.BodyPublisher streaming = HttpRequest.BodyPublishers.ofInputStream(() -> open(bytesRead));
        long length = contentLength;
        return new HttpRequest.BodyPublisher() {
            @Override
            public long contentLength() {
                return length;
            }

            @Override
            public void subscribe(Flow.Subscriber<? super ByteBuffer> subscriber) {
                streaming.subscribe(subscriber);
            }
        };
    }

    /** The whole body as one stream, each file opened lazily when the previous part is done. */
    private InputStream open(LongConsumer bytesRead) {
        List<Object> pieces = new ArrayList<>();
        for (Part p : parts) {
            pieces.add(p.head());
            pieces.add(p.file() != null ? p.file() : p.text());
            pieces.add(CRLF);
        }
        pieces.add(closing());
        Enumeration<InputStream> lazy = new Enumeration<>() {
            int next = 0;

            @Override
            public boolean hasMoreElements() {
                return next < pieces.size();
            }

            @Override
            public InputStream nextElement() {
                Object piece = pieces.get(next++);
                if (piece instanceof byte[] b) {
                    return new ByteArrayInputStream(b);
                }
                MediaFile file = (MediaFile) piece;
                try {
                    return file.open();
                } catch (IOException e) {
                    throw new UncheckedIOException("cannot read " + file.filename() + ": " + e.getMessage(), e);
                }
            }
        };
        return new Counting(new SequenceInputStream(lazy), bytesRead);
    }

    private byte[] closing() {
        return ("--" + boundary + "--\r\n").getBytes(StandardCharsets.US_ASCII);
    }

    /** Counts the bytes read, which is what has been handed to the HTTP client for sending. */
    private static final class Counting extends FilterInputStream {
        private final LongConsumer listener;
        private long total;

        Counting(InputStream in, LongConsumer listener) {
            super(in);
            this.listener = listener;
        }

        @Override
        public int read() throws IOException {
            int b = super.read();
            if (b >= 0) {
                listener.accept(++total);
            }
            return b;
        }

        @Override
        public int read(byte[] buf, int off, int len) throws IOException {
            int n = super.read(buf, off, len);
            if (n > 0) {
                total += n;
                listener.accept(total);
            }
            return n;
        }
    }

    public static final class Builder {
        private final String boundary;
        private final List<Part> parts = new ArrayList<>();

        private Builder(String boundary) {
            this.boundary = boundary;
        }

        public Builder field(String name, String value) {
            String head = "--" + boundary + "\r\nContent-Disposition: form-data; name=\"" + quote(name) + "\"\r\n\r\n";
            parts.add(new Part(head.getBytes(StandardCharsets.UTF_8), null, value.getBytes(StandardCharsets.UTF_8)));
            return this;
        }

        public Builder file(String name, MediaFile file) {
            String head = "--" + boundary + "\r\nContent-Disposition: form-data; name=\"" + quote(name)
                    + "\"; filename=\"" + quote(file.filename()) + "\"\r\nContent-Type: "
                    + file.contentType().replaceAll("[\r\n]", "") + "\r\n\r\n";
            parts.add(new Part(head.getBytes(StandardCharsets.UTF_8), file, null));
            return this;
        }

        public MultipartBody build() {
            return new MultipartBody(boundary, parts);
        }

        /** As browsers do (WHATWG): quotes and line breaks in names are percent-encoded. */
        private static String quote(String s) {
            return s.replace("\"", "%22").replace("\r", "%0D").replace("\n", "%0A");
        }
    }
}
