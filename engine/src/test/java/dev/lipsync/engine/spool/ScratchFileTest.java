package dev.lipsync.engine.spool;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

class ScratchFileTest {

    @Test
    void aSpoolTakesAtMostAQuarterOfTheFreeSpace() {
        assertEquals(2048L << 20, ScratchFile.budgetWithin(2048L << 20, 100L << 30), "plenty of room: the budget");
        assertEquals(1L << 30, ScratchFile.budgetWithin(2048L << 20, 4L << 30), "4 GB free: 1 GB");
        assertEquals(0, ScratchFile.budgetWithin(2048L << 20, 0), "a full disk: nothing");
        assertEquals(0, ScratchFile.budgetWithin(0, 100L << 30), "turned off stays off");
    }

    @Test
    void recordsComeBackAtTheirOffsets() throws Exception {
        try (ScratchFile file = ScratchFile.create("lipsync-test-", ".raw")) {
            long first = file.append(ByteBuffer.wrap(new byte[] {1, 2, 3}));
            long second = file.append(ByteBuffer.wrap(new byte[] {4, 5}));
            assertEquals(0, first);
            assertEquals(3, second);
            ByteBuffer back = ByteBuffer.allocate(2);
            file.readFully(back, second);
            assertEquals(4, back.get(0));
            assertEquals(5, back.get(1));
        }
    }

    @Test
    void theBudgetFollowsTheTemporaryDirectorysFreeSpace() throws Exception {
        Path dir = Path.of(System.getProperty("java.io.tmpdir"));
        long free = Files.getFileStore(dir).getUsableSpace();
        long capped = ScratchFile.withinFreeSpace(Long.MAX_VALUE);
        assertTrue(capped <= free / 4 + (64L << 20) && capped > 0,
                "a quarter of the temporary directory's free space: " + capped + " of " + free);
        assertEquals(7, ScratchFile.withinFreeSpace(7));
        assertEquals(0, ScratchFile.withinFreeSpace(0));
    }
}
