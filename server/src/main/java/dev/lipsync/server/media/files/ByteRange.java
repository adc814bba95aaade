package dev.lipsync.server.media.files;

/**
 * The single byte range a {@code Range} header asks for, resolved against the file's size.
 * Pure parsing, no I/O.
 *
 * @param first first byte, inclusive
 * @param last  last byte, inclusive
 */
record ByteRange(long first, long last) {

    /** What a Range header means for a file of {@code size} bytes. */
    sealed interface Request permits Whole, Partial, Unsatisfiable { }

    /** No usable Range header (absent, malformed, several ranges, another unit): send it all. */
    record Whole() implements Request { }

    record Partial(ByteRange range) implements Request { }

    /** The range lies past the end: 416. */
    record Unsatisfiable() implements Request { }

    long length() {
        return last - first + 1;
    }

    /**
     * Parses {@code bytes=a-b}, {@code bytes=a-} and {@code bytes=-n}. Malformed headers and
     * multiple ranges are ignored (RFC 9110 lets a server answer those with the whole file).
     */
    static Request parse(String header, long size) {
        if (header == null) {
            return new Whole();
        }
        String h = header.trim();
        if (!h.regionMatches(true, 0, "bytes=", 0, 6)) {
            return new Whole();
        }
        String spec = h.substring(6).trim();
        if (spec.contains(",")) {
            return new Whole();
        }
        int dash = spec.indexOf('-');
        if (dash < 0) {
            return new Whole();
        }
        String a = spec.substring(0, dash).trim();
        String b = spec.substring(dash + 1).trim();
        if (!a.matches("\\d{0,18}") || !b.matches("\\d{0,18}") || (a.isEmpty() && b.isEmpty())) {
            return new Whole();
        }
        if (a.isEmpty()) { // suffix: the last n bytes
            long n = Long.parseLong(b);
            if (n == 0 || size == 0) {
                return new Unsatisfiable();
            }
            return new Partial(new ByteRange(Math.max(0, size - n), size - 1));
        }
        long first = Long.parseLong(a);
        if (!b.isEmpty() && Long.parseLong(b) < first) {
            return new Whole(); // syntactically invalid: ignored
        }
        long last = b.isEmpty() ? size - 1 : Long.parseLong(b);
        if (first >= size) {
            return new Unsatisfiable();
        }
        return new Partial(new ByteRange(first, Math.min(last, size - 1)));
    }
}
