package dev.lipsync.engine.media;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CutIndexTest {
    @TempDir
    Path dir;

    /** A top-level box of {@code payload} bytes; {@code declared} overrides its size field (-1: the real one). */
    private static byte[] box(String type, int payload, long declared) {
        ByteBuffer b = ByteBuffer.allocate(8 + payload);
        b.putInt((int) (declared < 0 ? 8 + payload : declared)).put(type.getBytes(StandardCharsets.ISO_8859_1));
        return b.array();
    }

    private static byte[] largeBox(String type, long declared, int payload) {
        ByteBuffer b = ByteBuffer.allocate(16 + payload);
        b.putInt(1).put(type.getBytes(StandardCharsets.ISO_8859_1)).putLong(declared);
        return b.array();
    }

    private boolean lost(byte[]... boxes) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (byte[] b : boxes) {
            out.write(b);
        }
        return CutIndex.lost(Files.write(dir.resolve("f.mp4"), out.toByteArray()));
    }

    @Test
    void anMdatRunningPastTheEndBeforeAnyMoovIsACutFile() throws IOException {
        assertTrue(lost(box("ftyp", 16, -1), box("free", 0, -1), box("mdat", 100, 5000)));
        assertTrue(lost(box("ftyp", 16, -1), largeBox("mdat", 1L << 33, 100)));
        assertTrue(lost(box("ftyp", 16, -1), box("mdat", 100, -1), Arrays.copyOf(box("moov", 0, -1), 5)),
                "a header cut in two");
    }

    @Test
    void aWholeFileOrOneWithItsIndexIsNot() throws IOException {
        assertFalse(lost(box("ftyp", 16, -1), box("mdat", 100, -1), box("moov", 40, -1)), "whole");
        assertFalse(lost(box("ftyp", 16, -1), box("moov", 40, -1), box("mdat", 100, 5000)),
                "index first: cut after it, FFmpeg reads what is there");
        assertFalse(lost(box("ftyp", 16, -1), box("mdat", 100, 0)), "size 0: to the end of the file");
        assertFalse(lost(box("ftyp", 16, -1), box("mdat", 100, -1)), "no index, but not cut either");
    }

    @Test
    void otherFilesAreNot() throws IOException {
        assertFalse(lost("RIFF....WAVEfmt ".getBytes(StandardCharsets.ISO_8859_1)));
        assertFalse(lost(box("mdat", 100, 5000)), "no ftyp first");
        assertFalse(lost(box("ftyp", 16, -1), box("junk", 0, 3)), "a size smaller than its header");
        assertFalse(lost(new byte[0]));
        assertFalse(CutIndex.lost(dir.resolve("missing.mp4")));
    }
}
