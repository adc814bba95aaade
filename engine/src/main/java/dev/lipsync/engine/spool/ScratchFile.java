package dev.lipsync.engine.spool;

import java.io.EOFException;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.FileStore;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/**
 * A temporary file that records are appended to and read back from at their offsets, gone when
 * closed: where the mouth bank, the face spool and the frame spool keep what does not fit in
 * memory.
 */
public final class ScratchFile implements AutoCloseable {
    private final Path file;
    private final FileChannel channel;
    private long length;

    private ScratchFile(Path file, FileChannel channel) {
        this.file = file;
        this.channel = channel;
    }

    /** A new empty file in the JVM's temp directory, named {@code prefix…suffix}. */
    public static ScratchFile create(String prefix, String suffix) throws IOException {
        Path file = Files.createTempFile(prefix, suffix);
        return new ScratchFile(file, FileChannel.open(file, StandardOpenOption.READ, StandardOpenOption.WRITE,
                StandardOpenOption.DELETE_ON_CLOSE));
    }

    /** The share of the temporary directory's free space one spool may take: a quarter on a disk. */
    static final int SHARE_OF_FREE_DISK = 4;
    /**
     * ... and a sixteenth where the directory's files are memory (a tmpfs, as Debian's /tmp is
     * since Debian 13): there a spool is memory taken from the jobs and the page cache.
     */
    static final int SHARE_OF_FREE_MEMORY = 16;

    /**
     * {@code budgetBytes}, but at most a share of the space left in the directory {@link #create}
     * writes to ({@link #SHARE_OF_FREE_DISK}, {@link #SHARE_OF_FREE_MEMORY}), so that other
     * jobs and programs keep room; the budget as it is when the file system will not say (a
     * full disk still fails the writes).
     */
    public static long withinFreeSpace(long budgetBytes) {
        return withinFreeSpace(budgetBytes, Path.of(System.getProperty("java.io.tmpdir")));
    }

    /** As {@link #withinFreeSpace(long)}, for a spool in {@code dir}. */
    static long withinFreeSpace(long budgetBytes, Path dir) {
        if (budgetBytes <= 0) {
            return budgetBytes;
        }
        try {
            FileStore store = Files.getFileStore(dir);
            return budgetWithin(budgetBytes, store.getUsableSpace(), isMemory(store.type()));
        } catch (IOException | RuntimeException e) {
            return budgetBytes;
        }
    }

    /** Whether files of this file system type ({@link FileStore#type}) are held in memory. */
    static boolean isMemory(String fileSystemType) {
        return "tmpfs".equals(fileSystemType) || "ramfs".equals(fileSystemType);
    }

    /** {@code budgetBytes}, at most a quarter of {@code usableBytes} (a sixteenth of memory). */
    static long budgetWithin(long budgetBytes, long usableBytes, boolean memory) {
        return Math.min(budgetBytes, Math.max(0, usableBytes) / (memory ? SHARE_OF_FREE_MEMORY : SHARE_OF_FREE_DISK));
    }

    /** Writes what remains of {@code data} at the end of the file; returns the offset it starts at. */
    public long append(ByteBuffer data) throws IOException {
        long offset = length;
        int start = data.position();
        while (data.hasRemaining()) {
            channel.write(data, offset + data.position() - start);
        }
        length = offset + data.position() - start;
        return offset;
    }

    /** Fills what remains of {@code into} from the file, starting at {@code offset}. */
    public void readFully(ByteBuffer into, long offset) throws IOException {
        int start = into.position();
        while (into.hasRemaining()) {
            if (channel.read(into, offset + into.position() - start) < 0) {
                throw new EOFException(file.getFileName() + " ends early");
            }
        }
    }

    @Override
    public void close() {
        try {
            channel.close(); // DELETE_ON_CLOSE removes the file
            Files.deleteIfExists(file);
        } catch (IOException ignored) {
            // a temporary file; the OS cleans its temp directory
        }
    }
}
