package dev.lipsync.server.media.files;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;

import org.junit.jupiter.api.Test;

class ByteRangeTest {

    private static ByteRange partial(String header, long size) {
        return assertInstanceOf(ByteRange.Partial.class, ByteRange.parse(header, size), header).range();
    }

    @Test
    void resolvesTheThreeFormsAgainstTheSize() {
        assertEquals(new ByteRange(0, 99), partial("bytes=0-99", 1000));
        assertEquals(new ByteRange(500, 999), partial("bytes=500-", 1000));
        assertEquals(new ByteRange(900, 999), partial("bytes=-100", 1000));
        assertEquals(new ByteRange(0, 999), partial("bytes=-5000", 1000), "suffix longer than the file = all of it");
        assertEquals(new ByteRange(990, 999), partial("bytes=990-5000", 1000), "end clamped to the last byte");
        assertEquals(new ByteRange(999, 999), partial("BYTES = 999-999".replace(" = ", "="), 1000));
        assertEquals(100, new ByteRange(0, 99).length());
    }

    @Test
    void rangesPastTheEndAreUnsatisfiable() {
        assertInstanceOf(ByteRange.Unsatisfiable.class, ByteRange.parse("bytes=1000-", 1000));
        assertInstanceOf(ByteRange.Unsatisfiable.class, ByteRange.parse("bytes=5000-6000", 1000));
        assertInstanceOf(ByteRange.Unsatisfiable.class, ByteRange.parse("bytes=-0", 1000));
    }

    @Test
    void malformedOrMultipleRangesMeanTheWholeFile() {
        for (String h : new String[] {null, "", "bytes", "bytes=", "bytes=-", "bytes=abc-", "items=0-5",
                "bytes=5-1", "bytes=0-1,5-9", "bytes=1.5-3", "bytes=-1-2"}) {
            assertInstanceOf(ByteRange.Whole.class, ByteRange.parse(h, 1000), String.valueOf(h));
        }
    }
}
