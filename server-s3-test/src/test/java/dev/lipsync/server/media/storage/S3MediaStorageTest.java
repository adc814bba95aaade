package dev.lipsync.server.media.storage;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.adobe.testing.s3mock.junit5.S3MockExtension;
import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Random;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.services.s3.S3Client;

/** {@link S3MediaStorage} against S3Mock, a real S3 API server running in this JVM. */
class S3MediaStorageTest {

    /** S3Mock's store: its own temp folder was left behind by every run (25 MB each). */
    static final Path ROOT = newFolder();

    private static Path newFolder() {
        try {
            return Files.createTempDirectory("lipsync-s3mock");
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    @AfterAll
    static void removeStore() throws java.io.IOException {
        try (var files = Files.walk(ROOT)) {
            for (Path p : files.sorted(java.util.Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(p);
            }
        }
    }

    @RegisterExtension
    static final S3MockExtension S3 = S3MockExtension.builder().silent().withInitialBuckets("media")
            .withRootFolder(ROOT.toString()).build();

    @TempDir
    Path dir;

    private S3Client client;
    private S3MediaStorage storage;

    @BeforeEach
    void connect() {
        client = S3MediaStorage.client("us-east-1", URI.create("http://localhost:" + S3.getHttpPort()),
                StaticCredentialsProvider.create(AwsBasicCredentials.create("test", "test")));
        storage = new S3MediaStorage(client, "media", "lipsync");
    }

    @AfterEach
    void close() {
        storage.close();
    }

    private static byte[] random(int size, long seed) {
        byte[] b = new byte[size];
        new Random(seed).nextBytes(b);
        return b;
    }

    @Test
    void storesReadsSizesAndDeletesASmallObject() throws Exception {
        byte[] data = random(100_000, 1);
        assertEquals(data.length, storage.put("uploads/r1/video", new ByteArrayInputStream(data), 1 << 20));
        assertTrue(storage.exists("uploads/r1/video"));
        assertEquals(data.length, storage.size("uploads/r1/video"));
        try (InputStream in = storage.open("uploads/r1/video")) {
            assertArrayEquals(data, in.readAllBytes());
        }
        assertTrue(client.headObject(r -> r.bucket("media").key("lipsync/uploads/r1/video")).contentLength() > 0,
                "stored under the configured prefix");
        storage.delete("uploads/r1/video");
        assertFalse(storage.exists("uploads/r1/video"));
        assertThrows(NoSuchFileException.class, () -> storage.open("uploads/r1/video"));
        assertThrows(NoSuchFileException.class, () -> storage.size("uploads/r1/video"));
    }

    @Test
    void largeObjectGoesUpInPartsAndReadsBackExactly() throws Exception {
        byte[] data = random(S3MediaStorage.PART_BYTES * 2 + 12_345, 2);
        assertEquals(data.length, storage.put("outputs/big.mp4", new ByteArrayInputStream(data), Long.MAX_VALUE));
        assertEquals(data.length, storage.size("outputs/big.mp4"));
        Path local = storage.materialise("outputs/big.mp4", dir);
        assertArrayEquals(data, Files.readAllBytes(local));
        try (InputStream in = storage.openFrom("outputs/big.mp4", data.length - 1000)) {
            assertArrayEquals(Arrays.copyOfRange(data, data.length - 1000, data.length), in.readAllBytes());
        }
    }

    @Test
    void objectOfExactlyOnePartIsStored() throws Exception {
        byte[] data = random(S3MediaStorage.PART_BYTES, 3);
        assertEquals(data.length, storage.put("outputs/one.mp4", new ByteArrayInputStream(data), Long.MAX_VALUE));
        assertEquals(data.length, storage.size("outputs/one.mp4"));
    }

    @Test
    void tooLargeStoresNothing() throws Exception {
        assertThrows(MediaTooLargeException.class,
                () -> storage.put("uploads/r2/video", new ByteArrayInputStream(random(5000, 4)), 4999));
        assertFalse(storage.exists("uploads/r2/video"));
        byte[] big = random(S3MediaStorage.PART_BYTES + 10, 5);
        assertThrows(MediaTooLargeException.class,
                () -> storage.put("uploads/r3/video", new ByteArrayInputStream(big), S3MediaStorage.PART_BYTES + 5L));
        assertFalse(storage.exists("uploads/r3/video"), "the multipart upload was aborted");
    }

    @Test
    void refusesKeysThatCouldEscape() {
        assertThrows(IllegalArgumentException.class,
                () -> storage.put("../etc/passwd", new ByteArrayInputStream(new byte[1]), 10));
    }
}
