package dev.lipsync.engine.spool;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * How much unwritten file data Linux lets the page cache hold before it starts writing it to
 * disk in the background: {@code vm.dirty_background_bytes}, or where that is 0,
 * {@code vm.dirty_background_ratio} percent of the available memory: the machine's, or a
 * container's memory limit where that is lower (the page cache counts against the limit, and
 * the kernel applies the ratio to a memory cgroup's own memory).
 *
 * <p>A frame spool under it is written and read back in memory and deleted before the disk
 * sees it; one past it is written to disk while pass 1 is still filling it, and pass 1 slowed
 * down far more than the spool saved pass 2: measured on 2026-12-04 (2 cores, 23 GB, the ratio
 * at 10 %, a disk writing 350 MB/s), a 1-minute 720p video's 2.5 GB spool took pass 1 from
 * 5.1 s to 8.7-10 s and the job from 18.3-19.2 s to 21.3-22.9 s, a 3-minute video's 7.4 GB
 * one the job from 47 s to 58-70 s, while the 20 s bench clip's 830 MB spool saved 2-5 %.
 */
final class WritebackThreshold {
    private WritebackThreshold() {
    }

    /** This machine's threshold in bytes; {@link Long#MAX_VALUE} where the system does not say (not Linux). */
    static long bytes() {
        try {
            long background = Long.parseLong(read("/proc/sys/vm/dirty_background_bytes"));
            int ratio = Integer.parseInt(read("/proc/sys/vm/dirty_background_ratio"));
            long available = Math.min(availableBytes(Files.readAllLines(Path.of("/proc/meminfo"))), memoryLimit());
            return bytes(background, ratio, available);
        } catch (IOException | RuntimeException e) {
            return Long.MAX_VALUE;
        }
    }

    /**
     * The threshold from the kernel's two settings and the available memory (bytes); a ratio
     * of 0 with no byte count means writing back at once, so 0.
     */
    static long bytes(long backgroundBytes, int backgroundRatio, long availableBytes) {
        if (backgroundBytes > 0) {
            return backgroundBytes;
        }
        return Math.max(0, availableBytes) / 100 * Math.max(0, backgroundRatio);
    }

    /** The JVM's view of the memory it may use: a container's limit where it runs in one. */
    private static long memoryLimit() {
        try {
            return ((com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean())
                    .getTotalMemorySize();
        } catch (RuntimeException e) {
            return Long.MAX_VALUE; // not HotSpot's bean: /proc/meminfo alone
        }
    }

    /** {@code MemAvailable} of /proc/meminfo's lines, in bytes. */
    static long availableBytes(List<String> meminfo) {
        for (String line : meminfo) {
            if (line.startsWith("MemAvailable:")) {
                String[] parts = line.substring("MemAvailable:".length()).trim().split("\\s+");
                return Long.parseLong(parts[0]) * 1024; // reported in kB
            }
        }
        throw new IllegalArgumentException("no MemAvailable line");
    }

    /** The first line of a /proc file (read as a stream: {@code Files.readString} cut "10" to "1" here). */
    private static String read(String file) throws IOException {
        return Files.readAllLines(Path.of(file)).get(0).trim();
    }
}
