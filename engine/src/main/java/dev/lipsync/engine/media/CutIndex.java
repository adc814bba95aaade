package dev.lipsync.engine.media;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/**
 * Whether an MP4, MOV or M4A file that FFmpeg could not open was cut short before its index: its
 * top-level boxes start with {@code ftyp}, none of the whole ones is the {@code moov} index, and
 * the last one runs past the end of the file. Cameras and most encoders write the index last, so
 * an upload or copy that stopped early looks exactly like this, and the customer can act on
 * "truncated" where "not a valid video" would send them looking at the wrong thing.
 */
final class CutIndex {
    /** Box headers read before giving up on a file of many small boxes. */
    private static final int MAX_BOXES = 10_000;

    private CutIndex() {
    }

    /** {@link #lost(FileChannel)} on a file; false when it cannot be read. */
    static boolean lost(Path file) {
        try (FileChannel channel = FileChannel.open(file, StandardOpenOption.READ)) {
            return lost(channel);
        } catch (IOException e) {
            return false;
        }
    }

    /** Whether the ISO base media file in {@code channel} ends inside a box before any {@code moov}. */
    static boolean lost(FileChannel channel) throws IOException {
        long size = channel.size();
        ByteBuffer header = ByteBuffer.allocate(8);
        long offset = 0;
        for (int box = 0; box < MAX_BOXES && offset < size; box++) {
            header.clear();
            if (readFully(channel, header, offset) < 8) {
                return box > 0; // a header cut in two
            }
            long boxSize = Integer.toUnsignedLong(header.getInt(0));
            String type = new String(header.array(), 4, 4, StandardCharsets.ISO_8859_1);
            if (box == 0 && !type.equals("ftyp")) {
                return false; // not an ISO base media file
            }
            if (type.equals("moov")) {
                return false; // the index is there: something else is wrong
            }
            int headerBytes = 8;
            if (boxSize == 1) { // a 64-bit size follows the type
                header.clear();
                if (readFully(channel, header, offset + 8) < 8) {
                    return true;
                }
                boxSize = header.getLong(0);
                headerBytes = 16;
            } else if (boxSize == 0) {
                return false; // "to the end of the file": not cut, by its own account
            }
            if (boxSize < headerBytes) {
                return false; // not boxes after all
            }
            if (boxSize > size - offset) {
                return true;
            }
            offset += boxSize;
        }
        return false;
    }

    private static int readFully(FileChannel channel, ByteBuffer buffer, long position) throws IOException {
        int read = 0;
        while (buffer.hasRemaining()) {
            int n = channel.read(buffer, position + read);
            if (n < 0) {
                break;
            }
            read += n;
        }
        return read;
    }
}
