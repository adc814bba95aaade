package dev.lipsync.sdk.testing;

import java.io.BufferedInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.function.LongConsumer;

/**
 * A streaming multipart/form-data reader for the test server: it reads parts as the bytes arrive
 * (so a test can see the upload progress on the server side) and keeps only a digest, the size
 * and the first bytes of each part.
 */
public final class MultipartReader {
    private static final int KEEP = 1 << 20;

    /** What arrived in one part. */
    public record Part(Map<String, String> headers, String name, String filename, long size, String sha256, byte[] head) {
        public String text() {
            return new String(head, StandardCharsets.UTF_8);
        }

        public String contentType() {
            return headers.get("content-type");
        }
    }

    private final InputStream in;
    private final byte[] delimiter;
    private boolean finished;

    MultipartReader(InputStream in, String boundary) throws IOException {
        this.in = new BufferedInputStream(in, 64 * 1024);
        this.delimiter = ("\r\n--" + boundary).getBytes(StandardCharsets.US_ASCII);
        // The first boundary has no CRLF before it: skip up to and including "--boundary".
        byte[] first = ("--" + boundary).getBytes(StandardCharsets.US_ASCII);
        if (!skipTo(first)) {
            throw new IOException("no opening boundary");
        }
        afterDelimiter();
    }

    /** The next part, or null after the closing boundary; {@code progress} hears the part's byte count as it grows. */
    Part next(LongConsumer progress) throws IOException {
        if (finished) {
            return null;
        }
        Map<String, String> headers = new LinkedHashMap<>();
        for (String line; !(line = readLine()).isEmpty(); ) {
            int colon = line.indexOf(':');
            headers.put(line.substring(0, colon).trim().toLowerCase(Locale.ROOT), line.substring(colon + 1).trim());
        }
        String disposition = headers.getOrDefault("content-disposition", "");
        MessageDigest sha = sha256();
        ByteArrayOutputStream head = new ByteArrayOutputStream();
        long size = 0;
        byte[] pending = new byte[delimiter.length];
        int pendingLength = 0;
        while (true) {
            int b = in.read();
            if (b < 0) {
                throw new IOException("body ended inside a part");
            }
            pending[pendingLength++] = (byte) b;
            // Emit bytes from the front until what is pending could still be the start of the delimiter.
            while (pendingLength > 0 && !isDelimiterPrefix(pending, pendingLength)) {
                byte out = pending[0];
                System.arraycopy(pending, 1, pending, 0, --pendingLength);
                sha.update(out);
                if (head.size() < KEEP) {
                    head.write(out);
                }
                size++;
                if ((size & 0xFFFF) == 0) {
                    progress.accept(size);
                }
            }
            if (pendingLength == delimiter.length) {
                break;
            }
        }
        progress.accept(size);
        afterDelimiter();
        return new Part(headers, param(disposition, "name"), param(disposition, "filename"), size,
                HexFormat.of().formatHex(sha.digest()), head.toByteArray());
    }

    private boolean isDelimiterPrefix(byte[] pending, int length) {
        for (int i = 0; i < length; i++) {
            if (pending[i] != delimiter[i]) {
                return false;
            }
        }
        return true;
    }

    private void afterDelimiter() throws IOException {
        int a = in.read();
        int b = in.read();
        if (a == '-' && b == '-') {
            finished = true;
            in.transferTo(OutputStreamSink.INSTANCE);
        } else if (a != '\r' || b != '\n') {
            throw new IOException("bad bytes after boundary");
        }
    }

    private boolean skipTo(byte[] marker) throws IOException {
        int matched = 0;
        for (int b; (b = in.read()) >= 0; ) {
            matched = b == (marker[matched] & 0xFF) ? matched + 1 : (b == (marker[0] & 0xFF) ? 1 : 0);
            if (matched == marker.length) {
                return true;
            }
        }
        return false;
    }

    private String readLine() throws IOException {
        ByteArrayOutputStream line = new ByteArrayOutputStream();
        for (int b; (b = in.read()) >= 0; ) {
            if (b == '\n') {
                byte[] bytes = line.toByteArray();
                int len = bytes.length > 0 && bytes[bytes.length - 1] == '\r' ? bytes.length - 1 : bytes.length;
                return new String(bytes, 0, len, StandardCharsets.UTF_8);
            }
            line.write(b);
        }
        throw new IOException("body ended inside part headers");
    }

    private static String param(String header, String key) {
        for (String piece : header.split(";")) {
            String p = piece.trim();
            if (p.startsWith(key + "=")) {
                String v = p.substring(key.length() + 1);
                return v.startsWith("\"") && v.endsWith("\"") ? v.substring(1, v.length() - 1) : v;
            }
        }
        return null;
    }

    static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private static final class OutputStreamSink extends java.io.OutputStream {
        static final OutputStreamSink INSTANCE = new OutputStreamSink();

        @Override
        public void write(int b) {
        }

        @Override
        public void write(byte[] b, int off, int len) {
        }
    }
}
