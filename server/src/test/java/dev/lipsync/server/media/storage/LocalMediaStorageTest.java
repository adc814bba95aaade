package dev.lipsync.server.media.storage;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LocalMediaStorageTest {

    @TempDir
    Path root;

    @Test
    void storesReadsAndDeletes() throws Exception {
        LocalMediaStorage s = new LocalMediaStorage(root);
        byte[] data = new byte[200_000];
        data[199_999] = 9;
        assertEquals(data.length, s.put("uploads/abc/video", new ByteArrayInputStream(data), 1_000_000));
        assertTrue(s.exists("uploads/abc/video"));
        assertEquals(data.length, s.size("uploads/abc/video"));
        try (InputStream in = s.open("uploads/abc/video")) {
            assertArrayEquals(data, in.readAllBytes());
        }
        assertEquals(root.resolve("uploads/abc/video"), s.materialise("uploads/abc/video", root));
        s.delete("uploads/abc/video");
        s.delete("uploads/abc/video");
        assertFalse(s.exists("uploads/abc/video"));
        assertThrows(NoSuchFileException.class, () -> s.open("uploads/abc/video"));
    }

    @Test
    void deletingTheLastObjectOfARequestFolderRemovesTheFolder() throws Exception {
        LocalMediaStorage s = new LocalMediaStorage(root);
        s.put("uploads/r1/video", new ByteArrayInputStream(new byte[10]), 1_000);
        s.put("uploads/r1/audio", new ByteArrayInputStream(new byte[10]), 1_000);
        s.put("outputs/r1.mp4", new ByteArrayInputStream(new byte[10]), 1_000);
        s.delete("uploads/r1/video");
        assertTrue(Files.isDirectory(root.resolve("uploads/r1")), "the audio is still there");
        s.delete("uploads/r1/audio");
        assertFalse(Files.exists(root.resolve("uploads/r1")), "empty request folder removed");
        assertTrue(Files.isDirectory(root.resolve("uploads")), "top-level folder kept");
        s.delete("outputs/r1.mp4");
        assertTrue(Files.isDirectory(root.resolve("outputs")), "top-level folder kept");
        s.put("uploads/r1/video", new ByteArrayInputStream(new byte[10]), 1_000);
        assertTrue(s.exists("uploads/r1/video"), "the folder comes back when needed");
    }

    @Test
    void overTheLimitStoresNothing() throws Exception {
        LocalMediaStorage s = new LocalMediaStorage(root);
        assertThrows(MediaTooLargeException.class, () -> s.put("uploads/x/audio", new ByteArrayInputStream(new byte[1001]), 1000));
        assertFalse(s.exists("uploads/x/audio"));
        try (Stream<Path> files = Files.walk(root)) {
            assertEquals(0, files.filter(Files::isRegularFile).count(), "no temporary file left");
        }
    }

    @Test
    void keysCannotEscapeTheRoot() throws Exception {
        LocalMediaStorage s = new LocalMediaStorage(root);
        for (String bad : new String[] {"../x", "a/../../x", "/etc/passwd", "a//b", "", "a/./b", "a b", "a\\b"}) {
            assertThrows(IllegalArgumentException.class, () -> s.put(bad, new ByteArrayInputStream(new byte[1]), 10), bad);
        }
    }
}
