package dev.lipsync.server.http;

import dev.lipsync.server.accounts.Caller;
import dev.lipsync.server.metrics.Metrics;
import io.javalin.http.Context;
import java.util.UUID;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One log line per request (logfmt: request id, method, path, status, latency, key prefix),
 * the X-Request-Id header (the caller's, when it is sane, else a new one), and the request
 * metrics.
 */
final class RequestLog {

    private static final Logger LOG = LoggerFactory.getLogger("dev.lipsync.server.access");
    private static final Pattern SANE_ID = Pattern.compile("[A-Za-z0-9._:-]{1,64}");
    private static final String ATTRIBUTE = "lipsync.requestId";

    private RequestLog() {
    }

    /** Before every request: picks the request id and echoes it. */
    static void assignId(Context ctx) {
        String incoming = ctx.header("X-Request-Id");
        String id = incoming != null && SANE_ID.matcher(incoming).matches() ? incoming : UUID.randomUUID().toString();
        ctx.attribute(ATTRIBUTE, id);
        ctx.header("X-Request-Id", id);
    }

    static String requestId(Context ctx) {
        String id = ctx.attribute(ATTRIBUTE);
        return id == null ? "-" : id;
    }

    /** After every request, whatever its outcome. */
    static void finished(Context ctx, float ms, Metrics metrics) {
        int status = ctx.statusCode();
        String route = routeOf(ctx);
        metrics.recordRequest(ctx.method().name(), route, status, (long) (ms * 1_000_000L));
        if (LOG.isInfoEnabled()) {
            Caller caller = ctx.attribute(Auth.CALLER_ATTRIBUTE);
            LOG.info("request_id={} method={} path={} status={} ms={} account={}",
                    requestId(ctx), ctx.method().name(), quoteIfNeeded(ctx.path()), status,
                    String.format(java.util.Locale.ROOT, "%.2f", ms),
                    caller == null ? "-" : caller.accountId());
        }
    }

    private static String routeOf(Context ctx) {
        try {
            String p = ctx.endpointHandlerPath();
            return p == null || p.isEmpty() || p.equals("*") ? "unmatched" : p;
        } catch (RuntimeException e) {
            return "unmatched";
        }
    }

    private static String quoteIfNeeded(String s) {
        if (s.length() > 200) {
            s = s.substring(0, 200) + "...";
        }
        return s.chars().anyMatch(ch -> ch <= ' ' || ch == '"' || ch > 126) ? Json.write(s) : s;
    }
}
