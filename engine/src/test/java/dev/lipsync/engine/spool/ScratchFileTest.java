package dev.lipsync.engine.spool;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

class ScratchFileTest {

    @Test
    void aSpoolTakesAtMostAQuarterOfTheFreeDiskAndASixteenthOfFreeMemory() {
        assertEquals(8192L << 20, ScratchFile.budgetWithin(8192L << 20, 100L << 30, false), "plenty of room: the budget");
        assertEquals(1L << 30, ScratchFile.budgetWithin(8192L << 20, 4L << 30, false), "4 GB of disk free: 1 GB");
        assertEquals(256L << 20, ScratchFile.budgetWithin(8192L << 20, 4L << 30, true), "4 GB of tmpfs free: 256 MB");
        assertEquals(0, ScratchFile.budgetWithin(8192L << 20, 0, false), "a full disk: nothing");
        assertEquals(0, ScratchFile.budgetWithin(0, 100L << 30, false), "turned off stays off");
        assertTrue(ScratchFile.isMemory("tmpfs"));
        assertTrue(ScratchFile.isMemory("ramfs"));
        assertFalse(ScratchFile.isMemory("ext4"));
        assertFalse(ScratchFile.isMemory("overlay"));
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
        int share = ScratchFile.isMemory(Files.getFileStore(dir).type()) ? 16 : 4;
        long capped = ScratchFile.withinFreeSpace(Long.MAX_VALUE);
        assertTrue(capped <= free / share + (64L << 20) && capped > 0,
                "1/" + share + " of the temporary directory's free space: " + capped + " of " + free);
        assertEquals(7, ScratchFile.withinFreeSpace(7));
        assertEquals(0, ScratchFile.withinFreeSpace(0));
    }

    @Test
    void aTmpfsGivesASpoolASixteenthOfItsFreeSpace() throws Exception {
        Path shm = Path.of("/dev/shm");
        assumeTrue(Files.isDirectory(shm) && "tmpfs".equals(Files.getFileStore(shm).type()),
                "no tmpfs at /dev/shm on this machine");
        long free = Files.getFileStore(shm).getUsableSpace();
        long capped = ScratchFile.withinFreeSpace(Long.MAX_VALUE, shm);
        assertTrue(capped <= free / 16 + (64L << 20) && capped >= free / 16 - (64L << 20),
                "a sixteenth of the tmpfs's free space: " + capped + " of " + free);
    }
}
