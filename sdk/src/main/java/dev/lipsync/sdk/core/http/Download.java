package dev.lipsync.sdk.core.http;

import dev.lipsync.sdk.core.ClientOptions;
import dev.lipsync.sdk.errors.ChamelaionIoException;
import dev.lipsync.sdk.errors.ChamelaionServiceException;
import dev.lipsync.sdk.errors.ChamelaionTimeoutException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.Objects;
import java.util.concurrent.ThreadLocalRandom;

/**
 * Streams a result file to disk: into a temporary file next to the target, moved into place only when
 * complete, so a broken download never leaves a truncated MP4 under the target name. Credentials go
 * along only to the API's own host (also after a redirect, which is followed here, up to 5 hops, so
 * that a key never travels to storage elsewhere); connection errors and 408/429/5xx are retried.
 * A failure to write the local file is thrown as {@link UncheckedIOException} (not retried).
 */
public final class Download {
    private Download() {
    }

    public static Path toFile(HttpClient http, ClientOptions options, String url, Path target, TransferListener listener) {
        URI uri = URI.create(url);
        int maxRetries = options.maxRetries();
        for (int attempt = 0; ; attempt++) {
            try {
                return once(http, options, uri, target, listener);
            } catch (ChamelaionServiceException e) {
                if (attempt >= maxRetries || !RetryPolicy.isRetryableStatus(e.statusCode())) {
                    throw e;
                }
            } catch (ChamelaionIoException e) {
                if (attempt >= maxRetries) {
                    throw e;
                }
            }
            try {
                Thread.sleep(RetryPolicy.backoff(attempt, options.initialRetryDelay(), options.maxRetryDelay(),
                        ThreadLocalRandom.current().nextDouble()));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new ChamelaionIoException("interrupted while downloading " + url, e);
            }
        }
    }

    private static final int MAX_REDIRECTS = 5;

    private static HttpResponse<InputStream> follow(HttpClient http, ClientOptions options, URI start)
            throws IOException, InterruptedException {
        URI uri = start;
        for (int hop = 0; ; hop++) {
            HttpRequest.Builder b = HttpRequest.newBuilder(uri).GET().timeout(options.timeout())
                    .header("User-Agent", options.userAgent());
            if (sameOrigin(uri, URI.create(options.baseUrl()))) {
                options.apiKey().ifPresent(k -> b.header("x-api-key", k));
                options.bearerToken().ifPresent(t -> b.header("Authorization", "Bearer " + t));
            }
            HttpResponse<InputStream> response = http.send(b.build(), HttpResponse.BodyHandlers.ofInputStream());
            int status = response.statusCode();
            boolean redirect = status == 301 || status == 302 || status == 303 || status == 307 || status == 308;
            if (!redirect || hop >= MAX_REDIRECTS || response.headers().firstValue("location").isEmpty()) {
                return response;
            }
            response.body().close();
            uri = uri.resolve(response.headers().firstValue("location").get());
        }
    }

    private static Path once(HttpClient http, ClientOptions options, URI uri, Path target, TransferListener listener) {
        Path dir = target.toAbsolutePath().getParent();
        Path partial = null;
        try {
            HttpResponse<InputStream> response = follow(http, options, uri);
            try (InputStream in = response.body()) {
                if (response.statusCode() / 100 != 2) {
                    throw ChamelaionServiceException.of(response.statusCode(), response.headers(), in.readNBytes(64 * 1024));
                }
                long total = response.headers().firstValueAsLong("content-length").orElse(-1);
                // a name of our own, made with the umask's permissions like any file the user
                // writes (createTempFile's owner-only mode would stay on the downloaded video)
                Path tmp = dir.resolve("." + target.getFileName() + "."
                        + Long.toHexString(ThreadLocalRandom.current().nextLong()) + ".part");
                OutputStream opened = local(target, () -> {
                    Files.createDirectories(dir);
                    return Files.newOutputStream(tmp, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE);
                });
                partial = tmp; // ours from here on: removed if anything below fails
                try (OutputStream out = opened) {
                    byte[] buf = new byte[64 * 1024];
                    long done = 0;
                    listener.onProgress(0, total);
                    for (int n; (n = in.read(buf)) > 0; ) {
                        int len = n;
                        local(target, () -> {
                            out.write(buf, 0, len);
                            return null;
                        });
                        done += n;
                        listener.onProgress(done, total);
                    }
                    if (total >= 0 && done != total) {
                        throw new IOException("connection closed after " + done + " of " + total + " bytes");
                    }
                }
                Path done = partial;
                local(target, () -> Files.move(done, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE));
                partial = null;
                return target;
            }
        } catch (HttpTimeoutException e) {
            throw new ChamelaionTimeoutException("download of " + uri + " timed out", e);
        } catch (IOException e) {
            throw new ChamelaionIoException("download of " + uri + " failed: " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new ChamelaionIoException("interrupted while downloading " + uri, e);
        } finally {
            if (partial != null) {
                try {
                    Files.deleteIfExists(partial);
                } catch (IOException ignored) {
                    // best effort: a stray .part file is harmless
                }
            }
        }
    }

    private interface LocalIo<T> {
        T run() throws IOException;
    }

    /** Local file trouble is not a network failure: it surfaces as an UncheckedIOException naming the target. */
    private static <T> T local(Path target, LocalIo<T> io) {
        try {
            return io.run();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + target + ": " + e.getMessage(), e);
        }
    }

    private static boolean sameOrigin(URI a, URI b) {
        return Objects.equals(a.getScheme(), b.getScheme()) && Objects.equals(a.getHost(), b.getHost())
                && port(a) == port(b);
    }

    private static int port(URI u) {
        return u.getPort() != -1 ? u.getPort() : "https".equals(u.getScheme()) ? 443 : 80;
    }
}
