package dev.lipsync.server.media.fetch;

import java.io.IOException;
import java.io.InputStream;
import java.io.InterruptedIOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.Proxy;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import dev.lipsync.engine.Cancellation;
import dev.lipsync.engine.CancelledException;
import okhttp3.Call;
import okhttp3.Connection;
import okhttp3.HttpUrl;
import okhttp3.Interceptor;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.Response;
import okhttp3.ResponseBody;

/**
 * Downloads customer media from http/https URLs without letting a customer aim the server at
 * its own network (SSRF).
 *
 * <p>How the address check is made to hold: OkHttp asks a pluggable {@link okhttp3.Dns} for
 * the addresses of a host and connects to exactly those; {@link GuardedDns} resolves once and
 * refuses forbidden addresses, so the address checked is the address connected to (no DNS
 * rebinding window). URLs with a literal IP skip DNS in OkHttp, so they are checked here
 * before each request. A network interceptor checks the socket's actual peer address as a
 * second line of defence. Redirects are followed here, one hop at a time, so every hop goes
 * through the same checks. No proxy is used, whatever the JVM's proxy settings are.
 *
 * <p>The body is streamed to a file and the download is aborted as soon as it passes
 * {@link FetchLimits#maxBytes()}; the whole fetch (all hops and the body) is bounded by
 * {@link FetchLimits#totalTimeout()}.
 */
public final class RemoteMediaFetcher {

    private static final String USER_AGENT = "lipsync-server-fetcher/1";

    private final AddressPolicy policy;
    private final FetchLimits limits;
    private final OkHttpClient client;

    public RemoteMediaFetcher(AddressPolicy policy, FetchLimits limits) {
        this(policy, limits, InetAddress::getAllByName);
    }

    RemoteMediaFetcher(AddressPolicy policy, FetchLimits limits, GuardedDns.Resolver resolver) {
        this.policy = policy;
        this.limits = limits;
        this.client = new OkHttpClient.Builder()
                .dns(new GuardedDns(policy, resolver))
                .proxy(Proxy.NO_PROXY)
                .followRedirects(false)
                .followSslRedirects(false)
                .retryOnConnectionFailure(false)
                .connectTimeout(limits.connectTimeout())
                .readTimeout(limits.readTimeout())
                .writeTimeout(limits.readTimeout())
                .addNetworkInterceptor(this::checkConnectedPeer)
                .build();
    }

    public FetchLimits limits() {
        return limits;
    }

    /**
     * Fetches {@code url} into {@code target} (created or replaced). On failure {@code target}
     * does not exist afterwards.
     */
    public FetchOutcome fetch(URI url, MediaKind kind, Path target) {
        try {
            return fetch(url, kind, target, new Cancellation());
        } catch (CancelledException e) {
            throw new IllegalStateException("a fresh Cancellation cannot be cancelled", e);
        }
    }

    /**
     * As {@link #fetch(URI, MediaKind, Path)}, giving up with {@link CancelledException} once
     * {@code cancel} is set (checked between hops and between body chunks; a silent server is
     * bounded by the read timeout).
     */
    public FetchOutcome fetch(URI url, MediaKind kind, Path target, Cancellation cancel) throws CancelledException {
        FetchOutcome outcome;
        try {
            outcome = fetchHops(url, kind, target, cancel);
        } catch (CancelledException e) {
            deleteQuietly(target);
            throw e;
        }
        if (outcome instanceof FetchOutcome.Failed) {
            deleteQuietly(target);
        }
        return outcome;
    }

    private static void deleteQuietly(Path target) {
        try {
            Files.deleteIfExists(target);
        } catch (IOException ignored) {
            // best effort: the caller's work directory is removed later anyway
        }
    }

    private FetchOutcome fetchHops(URI url, MediaKind kind, Path target, Cancellation cancel)
            throws CancelledException {
        HttpUrl current = url == null ? null : HttpUrl.parse(url.toString());
        if (current == null) {
            return fail(FetchOutcome.Failure.UNSUPPORTED_URL, kind);
        }
        long deadline = System.nanoTime() + limits.totalTimeout().toNanos();
        for (int hop = 0; ; hop++) {
            cancel.check();
            if (Cidr.isIpLiteral(current.host()) && !policy.permits(literalAddress(current.host()))) {
                return fail(FetchOutcome.Failure.FORBIDDEN_ADDRESS, kind);
            }
            long remaining = deadline - System.nanoTime();
            if (remaining <= 0) {
                return fail(FetchOutcome.Failure.TOO_SLOW, kind);
            }
            Request request = new Request.Builder().url(current).get()
                    .header("User-Agent", USER_AGENT)
                    .header("Accept", "*/*")
                    .build();
            Call call = client.newCall(request);
            call.timeout().timeout(remaining, TimeUnit.NANOSECONDS);
            try (Response response = call.execute()) {
                if (response.isRedirect()) {
                    if (hop >= limits.maxRedirects()) {
                        return fail(FetchOutcome.Failure.TOO_MANY_REDIRECTS, kind);
                    }
                    String location = response.header("Location");
                    HttpUrl next = location == null ? null : response.request().url().resolve(location);
                    if (next == null) {
                        return fail(location == null ? FetchOutcome.Failure.NOT_ACCESSIBLE
                                : FetchOutcome.Failure.UNSUPPORTED_URL, kind);
                    }
                    current = next;
                    continue;
                }
                if (!response.isSuccessful()) {
                    return fail(FetchOutcome.Failure.NOT_ACCESSIBLE, kind);
                }
                return saveBody(response, kind, target, cancel);
            } catch (ForbiddenAddressException e) {
                return fail(FetchOutcome.Failure.FORBIDDEN_ADDRESS, kind);
            } catch (InterruptedIOException e) {
                // SocketTimeoutException (connect/read) and OkHttp's call timeout both land here
                return fail(FetchOutcome.Failure.TOO_SLOW, kind);
            } catch (IOException e) {
                return causedByForbidden(e) ? fail(FetchOutcome.Failure.FORBIDDEN_ADDRESS, kind)
                        : fail(FetchOutcome.Failure.NOT_ACCESSIBLE, kind);
            }
        }
    }

    private FetchOutcome saveBody(Response response, MediaKind kind, Path target, Cancellation cancel)
            throws IOException, CancelledException {
        ResponseBody body = response.body();
        long declared = body.contentLength();
        if (declared > limits.maxBytes()) {
            return fail(FetchOutcome.Failure.TOO_LARGE, kind);
        }
        long written = 0;
        byte[] buffer = new byte[64 * 1024];
        try (InputStream in = body.byteStream(); OutputStream out = Files.newOutputStream(target)) {
            int n;
            while ((n = in.read(buffer)) != -1) {
                cancel.check();
                written += n;
                if (written > limits.maxBytes()) {
                    return fail(FetchOutcome.Failure.TOO_LARGE, kind);
                }
                out.write(buffer, 0, n);
            }
        }
        if (written == 0) {
            return fail(FetchOutcome.Failure.EMPTY, kind);
        }
        String contentType = response.header("Content-Type");
        return new FetchOutcome.Fetched(target, written, contentType);
    }

    /** Second line of defence: the peer of the socket actually used must be permitted too. */
    private Response checkConnectedPeer(Interceptor.Chain chain) throws IOException {
        Connection connection = chain.connection();
        String host = chain.request().url().host();
        if (connection != null && !policy.isAllowedHost(host)) {
            InetAddress peer = connection.socket().getInetAddress();
            if (peer == null || !policy.permits(peer)) {
                throw new ForbiddenAddressException(host + " connected to a forbidden address");
            }
        }
        return chain.proceed(chain.request());
    }

    private FetchOutcome.Failed fail(FetchOutcome.Failure failure, MediaKind kind) {
        return FetchOutcome.failed(failure, kind, limits.maxBytes());
    }

    private static boolean causedByForbidden(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof ForbiddenAddressException) {
                return true;
            }
            for (Throwable s : t.getSuppressed()) {
                if (s instanceof ForbiddenAddressException) {
                    return true;
                }
            }
        }
        return false;
    }

    private static InetAddress literalAddress(String host) {
        try {
            return InetAddress.getByAddress(Cidr.literalBytes(host));
        } catch (java.net.UnknownHostException e) {
            throw new IllegalArgumentException(e);
        }
    }
}
