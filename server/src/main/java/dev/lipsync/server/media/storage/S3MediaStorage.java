package dev.lipsync.server.media.storage;

import dev.lipsync.server.config.ServerConfig;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.auth.credentials.DefaultCredentialsProvider;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.core.ResponseInputStream;
import software.amazon.awssdk.core.checksums.RequestChecksumCalculation;
import software.amazon.awssdk.core.checksums.ResponseChecksumValidation;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.core.sync.ResponseTransformer;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.CompletedMultipartUpload;
import software.amazon.awssdk.services.s3.model.CompletedPart;
import software.amazon.awssdk.services.s3.model.GetObjectRequest;
import software.amazon.awssdk.services.s3.model.GetObjectResponse;
import software.amazon.awssdk.services.s3.model.NoSuchKeyException;
import software.amazon.awssdk.services.s3.model.S3Exception;

/**
 * Media in an S3-compatible bucket (AWS S3, MinIO, Ceph, ...). Uploads stream in parts of
 * {@link #PART_BYTES}: at most one part is held in memory, and an object larger than one part
 * goes up as a multipart upload that is aborted (nothing stored) if the limit is passed or
 * anything fails. S3 acknowledges a put only once it is durable.
 *
 * <p>Configuration: LIPSYNC_STORAGE=s3, LIPSYNC_S3_BUCKET (required), LIPSYNC_S3_PREFIX
 * (optional key prefix), LIPSYNC_S3_REGION (default us-east-1), LIPSYNC_S3_ENDPOINT (for
 * non-AWS stores; path-style addressing is then used), LIPSYNC_S3_ACCESS_KEY and
 * LIPSYNC_S3_SECRET_KEY (else the AWS default credentials chain).
 */
public final class S3MediaStorage implements MediaStorage, AutoCloseable {

    /** Multipart part size; S3's minimum for all but the last part is 5 MiB. */
    static final int PART_BYTES = 8 * 1024 * 1024;

    private final S3Client s3;
    private final String bucket;
    private final String prefix;

    public S3MediaStorage(S3Client s3, String bucket, String prefix) {
        this.s3 = s3;
        this.bucket = bucket;
        this.prefix = prefix == null || prefix.isBlank() ? "" : (prefix.endsWith("/") ? prefix : prefix + "/");
    }

    /** From LIPSYNC_S3_* settings (see the class comment). */
    public static S3MediaStorage fromConfig(ServerConfig config) {
        String bucket = config.setting("LIPSYNC_S3_BUCKET", null);
        if (bucket == null) {
            throw new IllegalArgumentException("LIPSYNC_S3_BUCKET is required when LIPSYNC_STORAGE=s3");
        }
        String accessKey = config.setting("LIPSYNC_S3_ACCESS_KEY", null);
        String secretKey = config.setting("LIPSYNC_S3_SECRET_KEY", null);
        AwsCredentialsProvider credentials = accessKey != null && secretKey != null
                ? StaticCredentialsProvider.create(AwsBasicCredentials.create(accessKey, secretKey))
                : DefaultCredentialsProvider.builder().build();
        String endpoint = config.setting("LIPSYNC_S3_ENDPOINT", null);
        return new S3MediaStorage(client(config.setting("LIPSYNC_S3_REGION", "us-east-1"),
                endpoint == null ? null : URI.create(endpoint), credentials), bucket,
                config.setting("LIPSYNC_S3_PREFIX", ""));
    }

    /**
     * A client for AWS or, with an endpoint, another S3-compatible store (path-style, and
     * checksums only where the API requires them, which third-party stores understand).
     */
    public static S3Client client(String region, URI endpoint, AwsCredentialsProvider credentials) {
        var b = S3Client.builder().region(Region.of(region)).credentialsProvider(credentials);
        if (endpoint != null) {
            b.endpointOverride(endpoint)
                    .forcePathStyle(true)
                    .requestChecksumCalculation(RequestChecksumCalculation.WHEN_REQUIRED)
                    .responseChecksumValidation(ResponseChecksumValidation.WHEN_REQUIRED);
        }
        return b.build();
    }

    @Override
    public long put(String key, InputStream in, long maxBytes) throws IOException {
        String objectKey = objectKey(key);
        // one byte past a small limit is enough to tell "too large"
        byte[] part = new byte[maxBytes >= PART_BYTES ? PART_BYTES : (int) maxBytes + 1];
        int n = in.readNBytes(part, 0, part.length);
        if (n > maxBytes) {
            throw new MediaTooLargeException(maxBytes);
        }
        if (n < PART_BYTES) { // the whole object fits in one request
            try {
                s3.putObject(r -> r.bucket(bucket).key(objectKey).contentLength((long) n),
                        RequestBody.fromBytes(Arrays.copyOf(part, n)));
            } catch (S3Exception e) {
                throw new IOException("storing " + key + " failed: " + e.getMessage(), e);
            }
            return n;
        }
        return putMultipart(key, objectKey, in, maxBytes, part);
    }

    private long putMultipart(String key, String objectKey, InputStream in, long maxBytes, byte[] first)
            throws IOException {
        String uploadId = s3.createMultipartUpload(r -> r.bucket(bucket).key(objectKey)).uploadId();
        List<CompletedPart> parts = new ArrayList<>();
        long total = 0;
        boolean done = false;
        try {
            byte[] buffer = first;
            int n = first.length;
            int partNumber = 1;
            while (n > 0) {
                total += n;
                if (total > maxBytes) {
                    throw new MediaTooLargeException(maxBytes);
                }
                int number = partNumber++;
                int length = n;
                byte[] bytes = buffer;
                String etag = s3.uploadPart(r -> r.bucket(bucket).key(objectKey).uploadId(uploadId)
                        .partNumber(number).contentLength((long) length),
                        RequestBody.fromBytes(Arrays.copyOf(bytes, length)))
                        .eTag();
                parts.add(CompletedPart.builder().partNumber(number).eTag(etag).build());
                n = in.readNBytes(buffer, 0, buffer.length);
            }
            s3.completeMultipartUpload(r -> r.bucket(bucket).key(objectKey).uploadId(uploadId)
                    .multipartUpload(CompletedMultipartUpload.builder().parts(parts).build()));
            done = true;
            return total;
        } catch (S3Exception e) {
            throw new IOException("storing " + key + " failed: " + e.getMessage(), e);
        } finally {
            if (!done) {
                try {
                    s3.abortMultipartUpload(r -> r.bucket(bucket).key(objectKey).uploadId(uploadId));
                } catch (RuntimeException ignored) {
                    // the bucket's lifecycle rule for incomplete uploads cleans up
                }
            }
        }
    }

    @Override
    public InputStream open(String key) throws IOException {
        return get(key, GetObjectRequest.builder().bucket(bucket).key(objectKey(key)).build());
    }

    /** Reads from {@code offset} on with a ranged GET, without downloading what comes before. */
    @Override
    public InputStream openFrom(String key, long offset) throws IOException {
        if (offset == 0) {
            return open(key);
        }
        return get(key, GetObjectRequest.builder().bucket(bucket).key(objectKey(key)).range("bytes=" + offset + "-")
                .build());
    }

    private ResponseInputStream<GetObjectResponse> get(String key, GetObjectRequest request) throws IOException {
        try {
            return s3.getObject(request);
        } catch (NoSuchKeyException e) {
            throw new NoSuchFileException(key);
        } catch (S3Exception e) {
            if (e.statusCode() == 404) {
                throw new NoSuchFileException(key);
            }
            throw new IOException("reading " + key + " failed: " + e.getMessage(), e);
        }
    }

    @Override
    public long size(String key) throws IOException {
        try {
            return s3.headObject(r -> r.bucket(bucket).key(objectKey(key))).contentLength();
        } catch (NoSuchKeyException e) {
            throw new NoSuchFileException(key);
        } catch (S3Exception e) {
            if (e.statusCode() == 404) {
                throw new NoSuchFileException(key);
            }
            throw new IOException("reading " + key + " failed: " + e.getMessage(), e);
        }
    }

    @Override
    public boolean exists(String key) throws IOException {
        try {
            size(key);
            return true;
        } catch (NoSuchFileException e) {
            return false;
        }
    }

    @Override
    public void delete(String key) throws IOException {
        try {
            s3.deleteObject(r -> r.bucket(bucket).key(objectKey(key)));
        } catch (S3Exception e) {
            throw new IOException("deleting " + key + " failed: " + e.getMessage(), e);
        }
    }

    @Override
    public Path materialise(String key, Path scratchDir) throws IOException {
        Files.createDirectories(scratchDir);
        Path target = scratchDir.resolve(key.replace('/', '_'));
        Files.deleteIfExists(target);
        try {
            s3.getObject(r -> r.bucket(bucket).key(objectKey(key)), ResponseTransformer.toFile(target));
        } catch (NoSuchKeyException e) {
            throw new NoSuchFileException(key);
        } catch (S3Exception e) {
            if (e.statusCode() == 404) {
                throw new NoSuchFileException(key);
            }
            throw new IOException("reading " + key + " failed: " + e.getMessage(), e);
        }
        return target;
    }

    @Override
    public void close() {
        s3.close();
    }

    private String objectKey(String key) {
        return prefix + MediaStorage.checkKey(key);
    }
}
