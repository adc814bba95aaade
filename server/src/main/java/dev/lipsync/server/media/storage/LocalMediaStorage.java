package dev.lipsync.server.media.storage;

import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.DirectoryNotEmptyException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.UUID;

/**
 * Media in a local directory (by default {@code <data>/media}). Writes go to a temporary file
 * that is fsynced and then renamed into place, and the directory is fsynced too, so an
 * object either exists whole and durable or not at all.
 */
public final class LocalMediaStorage implements MediaStorage {

    private static final int BUFFER = 1 << 16;

    private final Path root;

    public LocalMediaStorage(Path root) throws IOException {
        this.root = Files.createDirectories(root).toAbsolutePath().normalize();
    }

    public Path root() {
        return root;
    }

    @Override
    public long put(String key, InputStream in, long maxBytes) throws IOException {
        Path target = path(key);
        Path dir = Files.createDirectories(target.getParent());
        Path temp = dir.resolve("." + target.getFileName() + ".part-" + UUID.randomUUID());
        long total = 0;
        try (FileChannel out = FileChannel.open(temp, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE)) {
            byte[] buf = new byte[BUFFER];
            int n;
            while ((n = in.read(buf)) > 0) {
                total += n;
                if (total > maxBytes) {
                    throw new MediaTooLargeException(maxBytes);
                }
                ByteBuffer bb = ByteBuffer.wrap(buf, 0, n);
                while (bb.hasRemaining()) {
                    out.write(bb);
                }
            }
            out.force(true);
        } catch (IOException | RuntimeException e) {
            Files.deleteIfExists(temp);
            throw e;
        }
        try {
            Files.move(temp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } catch (AtomicMoveNotSupportedException e) {
            Files.move(temp, target, StandardCopyOption.REPLACE_EXISTING);
        } catch (IOException e) {
            Files.deleteIfExists(temp);
            throw e;
        }
        syncDirectory(dir);
        return total;
    }

    @Override
    public InputStream open(String key) throws IOException {
        return Files.newInputStream(path(key));
    }

    @Override
    public long size(String key) throws IOException {
        return Files.size(path(key));
    }

    @Override
    public boolean exists(String key) {
        return Files.isRegularFile(path(key));
    }

    @Override
    public void delete(String key) throws IOException {
        Path file = path(key);
        Files.deleteIfExists(file);
        // a per-request folder (uploads/<id>/) left empty goes too, or every request would
        // leave one behind; top-level folders (outputs/, uploads/) stay, as puts share them
        Path dir = file.getParent();
        if (!dir.equals(root) && !dir.getParent().equals(root)) {
            try {
                Files.delete(dir);
            } catch (DirectoryNotEmptyException | NoSuchFileException e) {
                // still in use, or already gone
            }
        }
    }

    @Override
    public Path materialise(String key, Path scratchDir) throws IOException {
        Path p = path(key);
        if (!Files.isRegularFile(p)) {
            throw new NoSuchFileException(key);
        }
        return p;
    }

    /** The file an object key maps to (inside the root, always). */
    public Path path(String key) {
        Path p = root.resolve(MediaStorage.checkKey(key)).normalize();
        if (!p.startsWith(root)) {
            throw new IllegalArgumentException("bad object key: " + key);
        }
        return p;
    }

    private static void syncDirectory(Path dir) {
        // Makes the rename durable. Not every file system lets a directory be opened: then the
        // rename is as durable as that file system makes it.
        try (FileChannel ch = FileChannel.open(dir, StandardOpenOption.READ)) {
            ch.force(true);
        } catch (IOException ignored) {
            // best effort, see above
        }
    }
}
