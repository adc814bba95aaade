package dev.lipsync.sdk.core.http;

import dev.lipsync.sdk.core.ClientOptions;
import dev.lipsync.sdk.core.RequestOptions;
import dev.lipsync.sdk.errors.ChamelaionIoException;
import dev.lipsync.sdk.errors.ChamelaionServiceException;
import dev.lipsync.sdk.errors.ChamelaionTimeoutException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpConnectTimeoutException;
import java.net.http.HttpHeaders;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Sends one API call: adds credentials, User-Agent and (on POST) an Idempotency-Key that stays the same
 * on every retry; retries connection errors, timeouts, 408, 409, 429 and 5xx with backoff; turns a
 * non-2xx answer into the typed exception for its status.
 *
 * <p>The timeout is an idle timeout: it runs from the last byte of the upload, so a large upload that
 * keeps moving is never cut off, but a server that stops answering is.
 */
public final class HttpRequester implements AutoCloseable {
    private final ClientOptions options;
    private final HttpClient http;

    public HttpRequester(ClientOptions options) {
        this.options = options;
        // HTTP/1.1: a streamed multipart body over cleartext must not be held up by an h2c upgrade.
        // No automatic redirects: the JDK would carry the credentials to wherever a Location points.
        this.http = HttpClient.newBuilder()
                .version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(options.connectTimeout())
                .followRedirects(HttpClient.Redirect.NEVER)
                .build();
    }

    public ClientOptions options() {
        return options;
    }

    public ApiResponse execute(ApiRequest request, RequestOptions perCall) {
        int maxRetries = perCall.maxRetries().orElse(options.maxRetries());
        Duration timeout = perCall.timeout().orElse(options.timeout());
        String idempotencyKey = "POST".equals(request.method())
                ? perCall.idempotencyKey().orElseGet(() -> UUID.randomUUID().toString())
                : null;
        URI uri = uri(request);
        for (int attempt = 0; ; attempt++) {
            boolean mayRetry = attempt < maxRetries;
            HttpResponse<byte[]> response;
            try {
                response = sendOnce(uri, request, idempotencyKey, timeout, perCall.uploadListener());
            } catch (ChamelaionIoException e) {
                if (mayRetry && canResend(request)) {
                    sleep(RetryPolicy.backoff(attempt, options.initialRetryDelay(), options.maxRetryDelay(), random()));
                    continue;
                }
                throw e;
            }
            int status = response.statusCode();
            if (status >= 200 && status < 300) {
                return new ApiResponse(status, response.headers(), response.body());
            }
            if (mayRetry && RetryPolicy.isRetryableStatus(status) && canResend(request)) {
                Optional<Duration> delay = RetryPolicy.delayBeforeRetry(attempt,
                        RetryAfter.parse(response.headers(), Clock.systemUTC()),
                        options.initialRetryDelay(), options.maxRetryDelay(), random());
                if (delay.isPresent()) {
                    sleep(delay.get());
                    continue;
                }
            }
            throw ChamelaionServiceException.of(status, response.headers(), response.body());
        }
    }

    private static boolean canResend(ApiRequest request) {
        return request.body() == null || request.body().canResend();
    }

    private static double random() {
        return ThreadLocalRandom.current().nextDouble();
    }

    private URI uri(ApiRequest request) {
        StringBuilder url = new StringBuilder(options.baseUrl()).append(request.path());
        char sep = '?';
        for (Map.Entry<String, String> q : request.query().entrySet()) {
            url.append(sep).append(PathSegments.encode(q.getKey())).append('=').append(PathSegments.encode(q.getValue()));
            sep = '&';
        }
        return URI.create(url.toString());
    }

    private HttpResponse<byte[]> sendOnce(URI uri, ApiRequest request, String idempotencyKey, Duration timeout,
                                          TransferListener uploadListener) {
        AtomicLong lastActivity = new AtomicLong(System.nanoTime());
        HttpRequest.Builder b = HttpRequest.newBuilder(uri)
                .header("Accept", "application/json")
                .header("User-Agent", options.userAgent());
        if (request.authenticated()) {
            options.apiKey().ifPresent(k -> b.header("x-api-key", k));
            options.bearerToken().ifPresent(t -> b.header("Authorization", "Bearer " + t));
        }
        if (idempotencyKey != null) {
            b.header("Idempotency-Key", idempotencyKey);
        }
        RequestBody body = request.body();
        if (body == null) {
            b.method(request.method(), HttpRequest.BodyPublishers.noBody());
        } else {
            long total = body.contentLength();
            b.header("Content-Type", body.contentType());
            b.method(request.method(), body.publisher(sent -> {
                lastActivity.set(System.nanoTime());
                uploadListener.onProgress(sent, total);
            }));
        }
        CompletableFuture<HttpResponse<byte[]>> future = http.sendAsync(b.build(), HttpResponse.BodyHandlers.ofByteArray());
        return await(future, timeout, lastActivity, request, uri);
    }

    private static HttpResponse<byte[]> await(CompletableFuture<HttpResponse<byte[]>> future, Duration timeout,
                                              AtomicLong lastActivity, ApiRequest request, URI uri) {
        long timeoutNanos = timeout.toNanos();
        while (true) {
            long left = timeoutNanos - (System.nanoTime() - lastActivity.get());
            if (left <= 0) {
                future.cancel(true);
                throw new ChamelaionTimeoutException(describe(request) + " timed out: no answer from the server within "
                        + seconds(timeout), null);
            }
            try {
                return future.get(left, TimeUnit.NANOSECONDS);
            } catch (TimeoutException stillWaiting) {
                // loop: an upload that made progress meanwhile has pushed the deadline out
            } catch (InterruptedException e) {
                future.cancel(true);
                Thread.currentThread().interrupt();
                throw new ChamelaionIoException(describe(request) + " was interrupted", e);
            } catch (ExecutionException e) {
                throw ioFailure(e.getCause(), request, uri);
            }
        }
    }

    private static ChamelaionIoException ioFailure(Throwable cause, ApiRequest request, URI uri) {
        String what = request.method() + " " + uri.getScheme() + "://" + uri.getAuthority() + uri.getRawPath();
        if (cause instanceof HttpConnectTimeoutException) {
            return new ChamelaionTimeoutException(what + " timed out while connecting", cause);
        }
        if (cause instanceof HttpTimeoutException) {
            return new ChamelaionTimeoutException(what + " timed out", cause);
        }
        String why = null;
        for (Throwable t = cause; t != null && why == null; t = t.getCause() == t ? null : t.getCause()) {
            if (t instanceof java.net.ConnectException) {
                why = "cannot connect (connection refused or host unreachable)";
            } else if (t instanceof java.nio.channels.UnresolvedAddressException || t instanceof java.net.UnknownHostException) {
                why = "unknown host " + uri.getHost();
            }
        }
        for (Throwable t = cause; t != null && why == null; t = t.getCause() == t ? null : t.getCause()) {
            if (t.getMessage() != null && !t.getMessage().isBlank()) {
                why = t.getMessage();
            }
        }
        if (why == null) {
            why = cause.getClass().getSimpleName();
        }
        return new ChamelaionIoException(what + " failed: " + why, cause);
    }

    private static String describe(ApiRequest request) {
        return request.method() + " " + request.path();
    }

    private static String seconds(Duration d) {
        return d.toMillis() % 1000 == 0 ? d.toSeconds() + " s" : d.toMillis() + " ms";
    }

    private static void sleep(Duration d) {
        try {
            Thread.sleep(d);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new ChamelaionIoException("interrupted while waiting to retry", e);
        }
    }

    /** The HTTP client itself (it follows no redirects), for downloads. */
    public HttpClient httpClient() {
        return http;
    }

    @Override
    public void close() {
        http.close();
    }
}
