package dev.lipsync.engine.landmarks;

import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;

/**
 * Reads dlib's portable serialisation: integers as one control byte (bit 7 = negative, bits
 * 0-3 = byte count) plus little-endian magnitude bytes; floats as two such integers
 * (mantissa, then exponent). Buffers itself, so any stream will do.
 */
final class DlibReader {
    private final InputStream in;
    private final byte[] buf = new byte[1 << 20];
    private int pos;
    private int limit;
    private long consumed;

    DlibReader(InputStream in) {
        this.in = in;
    }

    private int nextByte() throws IOException {
        if (pos == limit) {
            limit = in.read(buf, 0, buf.length);
            pos = 0;
            if (limit <= 0) {
                limit = 0;
                throw new EOFException("dlib model file ends early after " + consumed + " bytes");
            }
        }
        consumed++;
        return buf[pos++] & 0xff;
    }

    long readLong() throws IOException {
        int control = nextByte();
        int size = control & 0x0f;
        if (size < 1 || size > 8) {
            throw new IOException("bad integer control byte 0x" + Integer.toHexString(control) + " at byte " + (consumed - 1));
        }
        long value = 0;
        for (int i = 0; i < size; i++) {
            value |= ((long) nextByte()) << (8 * i);
        }
        return (control & 0x80) != 0 ? -value : value;
    }

    int readInt() throws IOException {
        long v = readLong();
        if (v < Integer.MIN_VALUE || v > Integer.MAX_VALUE) {
            throw new IOException("integer out of range: " + v);
        }
        return (int) v;
    }

    float readFloat() throws IOException {
        long mantissa = readLong();
        long exponent = readLong();
        if (exponent == 32000) return Float.POSITIVE_INFINITY;
        if (exponent == 32001) return Float.NEGATIVE_INFINITY;
        if (exponent == 32002) return Float.NaN;
        // The mantissa of a serialised float has at most 24 significant bits, so this is exact.
        return (float) Math.scalb((double) mantissa, (int) exponent);
    }

    /** A column matrix: dlib writes its rows and cols negated, then the values. */
    float[] readColumn(int expectedRows) throws IOException {
        long rows = -readLong();
        long cols = -readLong();
        if (cols != 1 || rows != expectedRows) {
            throw new IOException("expected a " + expectedRows + "x1 matrix, found " + rows + "x" + cols);
        }
        float[] v = new float[expectedRows];
        for (int i = 0; i < expectedRows; i++) {
            v[i] = readFloat();
        }
        return v;
    }

    int expectCount(String what, int expected) throws IOException {
        long n = readLong();
        if (expected >= 0 && n != expected) {
            throw new IOException(what + ": expected " + expected + " entries, found " + n);
        }
        return (int) n;
    }

    long consumed() {
        return consumed;
    }

    boolean atEnd() throws IOException {
        if (pos < limit) return false;
        limit = in.read(buf, 0, buf.length);
        pos = 0;
        if (limit <= 0) {
            limit = 0;
            return true;
        }
        return false;
    }
}
