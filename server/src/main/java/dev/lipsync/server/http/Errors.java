package dev.lipsync.server.http;

import io.javalin.Javalin;
import io.javalin.http.Context;
import io.javalin.http.HttpResponseException;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.eclipse.jetty.http.HttpFields;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.handler.ErrorHandler;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Every error leaves as {@code {"error": "..."}} with Content-Type application/json: our own
 * {@link ApiError}s, Javalin's (unknown route, wrong method), Jetty's (malformed HTTP) and
 * anything unexpected, which is logged and answered {@code internal error} without detail.
 */
final class Errors {

    private static final Logger LOG = LoggerFactory.getLogger(Errors.class);

    private Errors() {
    }

    static void install(Javalin app) {
        app.exception(ApiError.class, (e, ctx) -> write(ctx, e.status(), e.getMessage(), e.retryAfterSeconds()));
        app.exception(HttpResponseException.class, (e, ctx) -> write(ctx, e.getStatus(), javalinMessage(e.getStatus()), null));
        app.exception(Exception.class, (e, ctx) -> {
            LOG.error("request {} {} failed (request id {})", ctx.method(), ctx.path(), RequestLog.requestId(ctx), e);
            write(ctx, 500, "internal error", null);
        });
    }

    static void write(Context ctx, int status, String message, Long retryAfterSeconds) {
        if (retryAfterSeconds != null) {
            ctx.header("Retry-After", Long.toString(retryAfterSeconds));
        }
        ctx.status(status).contentType("application/json").result(Json.error(message));
    }

    static String javalinMessage(int status) {
        return switch (status) {
            case 400 -> "bad request";
            case 404 -> "not found";
            case 405 -> "method not allowed";
            case 413 -> "request body too large";
            case 408 -> "request timeout";
            default -> status >= 500 ? "internal error" : "request failed";
        };
    }

    /** Jetty's own error pages (bad URIs, oversized headers, ...), made JSON. */
    static final class JsonErrorHandler extends ErrorHandler {

        @Override
        protected void generateAcceptableResponse(Request baseRequest, HttpServletRequest request,
                                                  HttpServletResponse response, int code, String message)
                throws IOException {
            baseRequest.setHandled(true);
            response.setStatus(code);
            response.setContentType("application/json");
            response.getOutputStream().write(Json.error(javalinMessage(code)).getBytes(StandardCharsets.UTF_8));
        }

        @Override
        public ByteBuffer badMessageError(int status, String reason, HttpFields.Mutable fields) {
            fields.put(HttpHeader.CONTENT_TYPE, "application/json");
            return ByteBuffer.wrap(Json.error(javalinMessage(status)).getBytes(StandardCharsets.UTF_8));
        }
    }
}
