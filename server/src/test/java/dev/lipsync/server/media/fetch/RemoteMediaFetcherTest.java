package dev.lipsync.server.media.fetch;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.UnknownHostException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Real HTTP servers on loopback; the policy allow-lists exactly the loopback address under test. */
class RemoteMediaFetcherTest {

    private static final FetchLimits FAST = new FetchLimits(1024 * 1024, Duration.ofSeconds(2),
            Duration.ofMillis(500), Duration.ofSeconds(3), 5);

    @TempDir
    Path dir;

    private HttpServer server;
    private String base;
    private final AtomicInteger hits = new AtomicInteger();
    private final byte[] media = new byte[300_000];

    @BeforeEach
    void start() throws IOException {
        new Random(7).nextBytes(media);
        server = startServer("127.0.0.1");
        base = "http://127.0.0.1:" + server.getAddress().getPort();
    }

    @AfterEach
    void stop() {
        server.stop(0);
    }

    private HttpServer startServer(String bindAddress) throws IOException {
        HttpServer s = HttpServer.create(new InetSocketAddress(bindAddress, 0), 0);
        s.setExecutor(Executors.newCachedThreadPool());
        s.createContext("/", exchange -> {
            hits.incrementAndGet();
            handle(exchange);
        });
        s.start();
        return s;
    }

    private void handle(HttpExchange exchange) throws IOException {
        String path = exchange.getRequestURI().getPath();
        try (exchange) {
            switch (path) {
                case "/clip.mp4" -> send(exchange, 200, media, media.length);
                case "/chunked.mp4" -> send(exchange, 200, media, 0);
                case "/empty.mp4" -> send(exchange, 200, new byte[0], -1);
                case "/missing.mp4" -> send(exchange, 404, "nope".getBytes(), 4);
                case "/loop" -> redirect(exchange, "/loop");
                case "/slow" -> {
                    sleep(2_000);
                    send(exchange, 200, media, media.length);
                }
                case "/trickle" -> {
                    exchange.sendResponseHeaders(200, 0);
                    OutputStream out = exchange.getResponseBody();
                    for (int i = 0; i < 100; i++) {
                        out.write(media, 0, 100);
                        out.flush();
                        sleep(100);
                    }
                }
                default -> {
                    if (path.startsWith("/hop/")) { // /hop/N redirects N more times, then to /clip.mp4
                        int left = Integer.parseInt(path.substring(5));
                        redirect(exchange, left == 0 ? "/clip.mp4" : "/hop/" + (left - 1));
                    } else if (path.startsWith("/to/")) { // /to/<absolute url> redirects there
                        redirect(exchange, exchange.getRequestURI().getRawQuery());
                    } else {
                        send(exchange, 404, new byte[0], -1);
                    }
                }
            }
        } catch (IOException ignored) {
            // the client hung up on purpose (size limit, timeout)
        }
    }

    private static void send(HttpExchange exchange, int status, byte[] body, long length) throws IOException {
        exchange.sendResponseHeaders(status, length);
        if (length >= 0) {
            exchange.getResponseBody().write(body);
        }
    }

    private static void redirect(HttpExchange exchange, String location) throws IOException {
        exchange.getResponseHeaders().add("Location", location);
        exchange.sendResponseHeaders(302, -1);
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private RemoteMediaFetcher fetcher(AddressPolicy policy) {
        return new RemoteMediaFetcher(policy, FAST);
    }

    private RemoteMediaFetcher allowingLoopback() {
        return fetcher(AddressPolicy.allowing(List.of("127.0.0.1/32")));
    }

    private FetchOutcome.Failed assertFailed(FetchOutcome outcome, FetchOutcome.Failure failure, String message) {
        FetchOutcome.Failed failed = assertInstanceOf(FetchOutcome.Failed.class, outcome, outcome.toString());
        assertEquals(failure, failed.failure());
        assertEquals(message, failed.message());
        return failed;
    }

    @Test
    void fetchesBodyToFile() throws IOException {
        Path target = dir.resolve("video");
        FetchOutcome outcome = allowingLoopback().fetch(URI.create(base + "/clip.mp4"), MediaKind.VIDEO, target);
        FetchOutcome.Fetched fetched = assertInstanceOf(FetchOutcome.Fetched.class, outcome, outcome.toString());
        assertEquals(media.length, fetched.bytes());
        assertArrayEquals(media, Files.readAllBytes(target));
    }

    @Test
    void followsRedirectsUpToTheLimit() throws IOException {
        Path target = dir.resolve("video");
        // /hop/4 = 5 redirects in all, the limit
        FetchOutcome outcome = allowingLoopback().fetch(URI.create(base + "/hop/4"), MediaKind.VIDEO, target);
        assertInstanceOf(FetchOutcome.Fetched.class, outcome, outcome.toString());
        assertArrayEquals(media, Files.readAllBytes(target));
    }

    @Test
    void refusesEndlessRedirects() {
        Path target = dir.resolve("video");
        assertFailed(allowingLoopback().fetch(URI.create(base + "/loop"), MediaKind.VIDEO, target),
                FetchOutcome.Failure.TOO_MANY_REDIRECTS, "video URL redirects too many times");
        assertEquals(6, hits.get(), "the first request plus 5 followed redirects");
        assertFalse(Files.exists(target));
    }

    @Test
    void abortsPastMaxBytesWhenLengthIsDeclared() {
        RemoteMediaFetcher small = new RemoteMediaFetcher(AddressPolicy.allowing(List.of("127.0.0.1")),
                FAST.withMaxBytes(100_000));
        Path target = dir.resolve("video");
        assertFailed(small.fetch(URI.create(base + "/clip.mp4"), MediaKind.VIDEO, target),
                FetchOutcome.Failure.TOO_LARGE, "video is larger than the 0.10 MB limit");
        assertFalse(Files.exists(target));
    }

    @Test
    void abortsPastMaxBytesWhileStreamingAChunkedBody() {
        RemoteMediaFetcher small = new RemoteMediaFetcher(AddressPolicy.allowing(List.of("127.0.0.1")),
                FAST.withMaxBytes(200_000));
        Path target = dir.resolve("audio");
        FetchOutcome outcome = small.fetch(URI.create(base + "/chunked.mp4"), MediaKind.AUDIO, target);
        assertEquals(FetchOutcome.Failure.TOO_LARGE, ((FetchOutcome.Failed) outcome).failure());
        assertFalse(Files.exists(target));
    }

    @Test
    void megabyteLimitIsNamedInTheMessage() {
        RemoteMediaFetcher tiny = new RemoteMediaFetcher(AddressPolicy.allowing(List.of("127.0.0.1")),
                FAST.withMaxBytes(256 * 1024));
        assertEquals("video is larger than the 0.25 MB limit",
                ((FetchOutcome.Failed) tiny.fetch(URI.create(base + "/clip.mp4"), MediaKind.VIDEO,
                        dir.resolve("v"))).message());
        assertEquals("video is larger than the 500 MB limit",
                FetchOutcome.failed(FetchOutcome.Failure.TOO_LARGE, MediaKind.VIDEO, 500L * 1024 * 1024).message());
    }

    @Test
    void httpErrorsAreNotAccessible() {
        assertFailed(allowingLoopback().fetch(URI.create(base + "/missing.mp4"), MediaKind.AUDIO, dir.resolve("a")),
                FetchOutcome.Failure.NOT_ACCESSIBLE, "audio URL is not accessible");
    }

    @Test
    void connectionRefusedIsNotAccessible() throws IOException {
        int closedPort;
        try (var socket = new java.net.ServerSocket(0, 1, InetAddress.getByName("127.0.0.1"))) {
            closedPort = socket.getLocalPort();
        }
        assertFailed(allowingLoopback().fetch(URI.create("http://127.0.0.1:" + closedPort + "/x"), MediaKind.VIDEO,
                dir.resolve("v")), FetchOutcome.Failure.NOT_ACCESSIBLE, "video URL is not accessible");
    }

    @Test
    void emptyBodyIsRefused() {
        assertFailed(allowingLoopback().fetch(URI.create(base + "/empty.mp4"), MediaKind.VIDEO, dir.resolve("v")),
                FetchOutcome.Failure.EMPTY, "video URL returned an empty file");
    }

    @Test
    void silentServerHitsTheReadTimeout() {
        assertFailed(allowingLoopback().fetch(URI.create(base + "/slow"), MediaKind.VIDEO, dir.resolve("v")),
                FetchOutcome.Failure.TOO_SLOW, "video URL took too long to download");
    }

    @Test
    void tricklingServerHitsTheTotalTimeout() {
        // every read succeeds within the 500 ms read timeout, but the whole body would take 10 s
        long start = System.nanoTime();
        assertFailed(allowingLoopback().fetch(URI.create(base + "/trickle"), MediaKind.VIDEO, dir.resolve("v")),
                FetchOutcome.Failure.TOO_SLOW, "video URL took too long to download");
        assertEquals(true, Duration.ofNanos(System.nanoTime() - start).toSeconds() < 9, "aborted before the end");
    }

    @Test
    void refusesNonHttpSchemes() {
        assertFailed(allowingLoopback().fetch(URI.create("ftp://127.0.0.1/clip.mp4"), MediaKind.VIDEO,
                dir.resolve("v")), FetchOutcome.Failure.UNSUPPORTED_URL, "video URL must be an http or https URL");
        assertFailed(allowingLoopback().fetch(URI.create("file:///etc/passwd"), MediaKind.VIDEO,
                dir.resolve("v")), FetchOutcome.Failure.UNSUPPORTED_URL, "video URL must be an http or https URL");
    }

    @Test
    void refusesLocalhostByResolution() {
        int port = server.getAddress().getPort();
        assertFailed(fetcher(AddressPolicy.publicOnly()).fetch(URI.create("http://localhost:" + port + "/clip.mp4"),
                MediaKind.VIDEO, dir.resolve("v")), FetchOutcome.Failure.FORBIDDEN_ADDRESS,
                "video URL points to a forbidden address");
        assertEquals(0, hits.get(), "no request reached the server");
    }

    @Test
    void refusesLoopbackLiteralsInEveryForm() {
        int port = server.getAddress().getPort();
        for (String url : List.of("http://127.0.0.1:" + port + "/clip.mp4", "http://[::1]:" + port + "/clip.mp4",
                "http://[::ffff:127.0.0.1]:" + port + "/clip.mp4", "http://2130706433:" + port + "/clip.mp4",
                "http://0.0.0.0:" + port + "/clip.mp4")) {
            FetchOutcome outcome = fetcher(AddressPolicy.publicOnly()).fetch(URI.create(url), MediaKind.VIDEO,
                    dir.resolve("v"));
            assertInstanceOf(FetchOutcome.Failed.class, outcome, url);
            assertEquals(FetchOutcome.Failure.FORBIDDEN_ADDRESS, ((FetchOutcome.Failed) outcome).failure(), url);
        }
        assertEquals(0, hits.get(), "no request reached the server");
    }

    @Test
    void refusesCloudMetadataAddresses() {
        for (String url : List.of("http://169.254.169.254/latest/meta-data/", "http://[fd00:ec2::254]/latest/")) {
            assertFailed(fetcher(AddressPolicy.publicOnly()).fetch(URI.create(url), MediaKind.AUDIO, dir.resolve("a")),
                    FetchOutcome.Failure.FORBIDDEN_ADDRESS, "audio URL points to a forbidden address");
        }
    }

    @Test
    void refusesRedirectToLoopbackWhenOnlyTheFirstHopIsAllowListed() throws IOException {
        // the first hop is on 127.0.0.2 (allow-listed); it redirects to 127.0.0.1 (not allow-listed)
        HttpServer second = startServer("127.0.0.2");
        try {
            String secondBase = "http://127.0.0.2:" + second.getAddress().getPort();
            RemoteMediaFetcher f = fetcher(AddressPolicy.allowing(List.of("127.0.0.2/32")));
            assertInstanceOf(FetchOutcome.Fetched.class,
                    f.fetch(URI.create(secondBase + "/clip.mp4"), MediaKind.VIDEO, dir.resolve("ok")));
            hits.set(0);
            assertFailed(f.fetch(URI.create(secondBase + "/to/?" + base + "/clip.mp4"), MediaKind.VIDEO,
                    dir.resolve("v")), FetchOutcome.Failure.FORBIDDEN_ADDRESS, "video URL points to a forbidden address");
            assertEquals(1, hits.get(), "only the allow-listed first hop was contacted");
            // and a redirect to a name that resolves to loopback is refused the same way
            hits.set(0);
            assertFailed(f.fetch(URI.create(secondBase + "/to/?http://localhost:" + server.getAddress().getPort()
                    + "/clip.mp4"), MediaKind.VIDEO, dir.resolve("v")), FetchOutcome.Failure.FORBIDDEN_ADDRESS,
                    "video URL points to a forbidden address");
            assertEquals(1, hits.get());
        } finally {
            second.stop(0);
        }
    }

    @Test
    void refusesNamesResolvingToPrivateAddressesEvenWhenMixedWithPublicOnes() {
        Map<String, String[]> zone = Map.of(
                "internal.example", new String[] {"10.0.0.5"},
                "mixed.example", new String[] {"93.184.216.34", "192.168.0.10"});
        GuardedDns.Resolver resolver = host -> {
            String[] literals = zone.get(host);
            if (literals == null) {
                throw new UnknownHostException(host);
            }
            InetAddress[] out = new InetAddress[literals.length];
            for (int i = 0; i < literals.length; i++) {
                out[i] = InetAddress.getByAddress(host, Cidr.literalBytes(literals[i]));
            }
            return out;
        };
        RemoteMediaFetcher f = new RemoteMediaFetcher(AddressPolicy.publicOnly(), FAST, resolver);
        for (String host : zone.keySet()) {
            assertFailed(f.fetch(URI.create("http://" + host + "/clip.mp4"), MediaKind.VIDEO, dir.resolve("v")),
                    FetchOutcome.Failure.FORBIDDEN_ADDRESS, "video URL points to a forbidden address");
        }
        assertFailed(f.fetch(URI.create("http://unknown.example/clip.mp4"), MediaKind.VIDEO, dir.resolve("v")),
                FetchOutcome.Failure.NOT_ACCESSIBLE, "video URL is not accessible");
    }

    @Test
    void allowListedHostNameMayResolveToAnInternalAddress() throws IOException {
        GuardedDns.Resolver resolver = host -> new InetAddress[] {
                InetAddress.getByAddress(host, new byte[] {127, 0, 0, 1})};
        int port = server.getAddress().getPort();
        RemoteMediaFetcher f = new RemoteMediaFetcher(AddressPolicy.allowing(List.of("media.internal")), FAST, resolver);
        Path target = dir.resolve("v");
        assertInstanceOf(FetchOutcome.Fetched.class,
                f.fetch(URI.create("http://media.internal:" + port + "/clip.mp4"), MediaKind.VIDEO, target));
        assertArrayEquals(media, Files.readAllBytes(target));
        assertFailed(f.fetch(URI.create("http://other.internal:" + port + "/clip.mp4"), MediaKind.VIDEO, target),
                FetchOutcome.Failure.FORBIDDEN_ADDRESS, "video URL points to a forbidden address");
    }
}
