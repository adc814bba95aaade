package dev.lipsync.engine.spool;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

class WritebackThresholdTest {
    @Test
    void aByteCountWinsOverTheRatio() {
        assertEquals(512L << 20, WritebackThreshold.bytes(512L << 20, 10, 20L << 30));
    }

    @Test
    void otherwiseTheRatioOfAvailableMemory() {
        assertEquals((20L << 30) / 100 * 10, WritebackThreshold.bytes(0, 10, 20L << 30), "10 % of 20 GB");
        assertEquals(0, WritebackThreshold.bytes(0, 0, 20L << 30), "ratio 0: written back at once");
        assertEquals(0, WritebackThreshold.bytes(0, 10, -1), "no memory reported");
    }

    @Test
    void availableMemoryIsReadFromMeminfoInKilobytes() {
        List<String> meminfo = List.of("MemTotal:       24683664 kB", "MemFree:        23000000 kB",
                "MemAvailable:   23500000 kB", "Buffers:          100000 kB");
        assertEquals(23_500_000L * 1024, WritebackThreshold.availableBytes(meminfo));
        assertThrows(IllegalArgumentException.class, () -> WritebackThreshold.availableBytes(List.of("MemTotal: 1 kB")));
    }

    @Test
    void thisMachineReportsAThresholdOrNone() {
        long bytes = WritebackThreshold.bytes();
        assertTrue(bytes >= 0, "threshold " + bytes);
    }
}
