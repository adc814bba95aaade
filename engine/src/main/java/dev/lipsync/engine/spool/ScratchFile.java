package dev.lipsync.engine.spool;

import java.io.EOFException;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
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

    /** The share of the temporary directory's free space one spool may take. */
    static final int SHARE_OF_FREE_SPACE = 4;

    /**
     * {@code budgetBytes}, but at most a quarter of the space left in the directory {@link
     * #create} writes to, so that other jobs and programs keep room (where the directory is a
     * tmpfs, as Debian's /tmp is since Debian 13, that space is memory); the budget as it is when
     * the file system will not say (a full disk still fails the writes).
     */
    public static long withinFreeSpace(long budgetBytes) {
        if (budgetBytes <= 0) {
            return budgetBytes;
        }
        try {
            Path dir = Path.of(System.getProperty("java.io.tmpdir"));
            return budgetWithin(budgetBytes, Files.getFileStore(dir).getUsableSpace());
        } catch (IOException | RuntimeException e) {
            return budgetBytes;
        }
    }

    /** {@code budgetBytes}, at most a quarter of {@code usableBytes}. */
    static long budgetWithin(long budgetBytes, long usableBytes) {
        return Math.min(budgetBytes, Math.max(0, usableBytes) / SHARE_OF_FREE_SPACE);
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
