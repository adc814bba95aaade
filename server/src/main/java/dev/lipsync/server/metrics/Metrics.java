package dev.lipsync.server.metrics;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.Timer;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The Prometheus registry behind /metrics: HTTP requests (count and latency by method, route,
 * status) and the queue depth (requests waiting for a worker, refreshed every few seconds so a
 * scrape never runs a count). Other stages register their own meters on {@link #registry()}.
 */
public final class Metrics implements AutoCloseable {

    /** Counts something (the queued requests) on demand. */
    @FunctionalInterface
    public interface Counter {
        long count() throws Exception;
    }

    private static final Logger LOG = LoggerFactory.getLogger(Metrics.class);

    private final PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
    private final AtomicLong queueDepth = new AtomicLong();
    private final ScheduledExecutorService refresher = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "metrics-refresh");
        t.setDaemon(true);
        return t;
    });

    public Metrics(Counter queuedRequests, Duration refreshEvery) {
        Gauge.builder("lipsync_queue_depth", queueDepth, AtomicLong::get)
                .description("lip-sync requests with status queued")
                .register(registry);
        refresher.scheduleWithFixedDelay(() -> {
            try {
                queueDepth.set(queuedRequests.count());
            } catch (Exception e) {
                LOG.warn("could not count queued requests: {}", e.toString());
            }
        }, 0, refreshEvery.toMillis(), TimeUnit.MILLISECONDS);
    }

    public PrometheusMeterRegistry registry() {
        return registry;
    }

    public void recordRequest(String method, String route, int status, long nanos) {
        Timer.builder("lipsync_http_requests")
                .description("HTTP requests by method, route and status")
                .tag("method", method)
                .tag("route", route)
                .tag("status", Integer.toString(status))
                .serviceLevelObjectives(Duration.ofMillis(5), Duration.ofMillis(10), Duration.ofMillis(25),
                        Duration.ofMillis(50), Duration.ofMillis(100), Duration.ofMillis(250), Duration.ofMillis(500),
                        Duration.ofSeconds(1), Duration.ofSeconds(5))
                .register(registry)
                .record(nanos, TimeUnit.NANOSECONDS);
    }

    /** The Prometheus text exposition. */
    public String scrape() {
        return registry.scrape();
    }

    @Override
    public void close() {
        refresher.shutdownNow();
        registry.close();
    }
}
