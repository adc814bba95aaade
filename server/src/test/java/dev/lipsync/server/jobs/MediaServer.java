package dev.lipsync.server.jobs;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A real HTTP server on 127.0.0.1 serving test media: {@code /video.mp4}, {@code /audio.wav}
 * at full speed, and {@code /slow/...} trickled out over {@code slowSeconds} the first time it is
 * asked for, at full speed afterwards (a slow input keeps the first run of a job going long
 * enough to kill or stop its worker; the run that takes over is quick).
 */
final class MediaServer implements AutoCloseable {

    final AtomicInteger hits = new AtomicInteger();
    private final AtomicInteger slowServed = new AtomicInteger();
    private final HttpServer server;

    MediaServer(byte[] body, double slowSeconds) throws IOException {
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.setExecutor(Executors.newCachedThreadPool(r -> {
            Thread t = new Thread(r, "media-server");
            t.setDaemon(true);
            return t;
        }));
        server.createContext("/", exchange -> {
            hits.incrementAndGet();
            try (exchange) {
                String path = exchange.getRequestURI().getPath();
                exchange.sendResponseHeaders(200, body.length);
                OutputStream out = exchange.getResponseBody();
                if (path.startsWith("/slow/") && slowServed.getAndIncrement() == 0) {
                    int chunks = 20;
                    long pause = (long) (slowSeconds * 1000 / chunks);
                    int step = Math.max(1, body.length / chunks);
                    for (int off = 0; off < body.length; off += step) {
                        out.write(body, off, Math.min(step, body.length - off));
                        out.flush();
                        Thread.sleep(pause);
                    }
                } else {
                    out.write(body);
                }
            } catch (IOException | InterruptedException ignored) {
                // the client went away (killed worker, cancelled job)
            }
        });
        server.start();
    }

    String url(String path) {
        return "http://127.0.0.1:" + server.getAddress().getPort() + path;
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
