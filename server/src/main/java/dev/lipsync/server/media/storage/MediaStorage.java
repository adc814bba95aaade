package dev.lipsync.server.media.storage;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Path;

/**
 * Where uploaded media and rendered outputs live, by object key ({@code uploads/<id>/video},
 * {@code outputs/<id>.mp4}). Keys are relative paths of letters, digits, {@code . _ - /}.
 * Implementations: {@link LocalMediaStorage} (a directory), S3-compatible (by configuration).
 */
public interface MediaStorage {

    /**
     * Streams {@code in} to {@code key}, never holding it whole in memory, and makes it durable
     * before returning (a crash afterwards does not lose it). Replaces an existing object.
     *
     * @return the number of bytes stored
     * @throws MediaTooLargeException when more than {@code maxBytes} arrive; nothing is stored
     */
    long put(String key, InputStream in, long maxBytes) throws IOException;

    /** Reads an object; {@link java.nio.file.NoSuchFileException} when absent. */
    InputStream open(String key) throws IOException;

    /**
     * Reads an object from byte {@code offset} on (range requests on outputs). The default
     * skips; stores that can start mid-object (S3 ranged GET) override it.
     */
    default InputStream openFrom(String key, long offset) throws IOException {
        InputStream in = open(key);
        try {
            in.skipNBytes(offset);
            return in;
        } catch (IOException | RuntimeException e) {
            in.close();
            throw e;
        }
    }

    /** The size of an object in bytes; {@link java.nio.file.NoSuchFileException} when absent. */
    long size(String key) throws IOException;

    boolean exists(String key) throws IOException;

    /** Removes an object; absent objects are fine. */
    void delete(String key) throws IOException;

    /**
     * A local file with the object's content, for tools that need a path (the engine). Local
     * storage returns its own file (do not modify it); remote storage downloads into
     * {@code scratchDir} and the caller deletes that copy when done.
     */
    Path materialise(String key, Path scratchDir) throws IOException;

    /** Checks a key's shape; throws IllegalArgumentException for a key that could escape. */
    static String checkKey(String key) {
        if (key == null || key.isEmpty() || key.length() > 512 || key.startsWith("/")
                || !key.matches("[A-Za-z0-9._/-]+") || key.contains("//")) {
            throw new IllegalArgumentException("bad object key: " + key);
        }
        for (String part : key.split("/")) {
            if (part.equals(".") || part.equals("..")) {
                throw new IllegalArgumentException("bad object key: " + key);
            }
        }
        return key;
    }
}
