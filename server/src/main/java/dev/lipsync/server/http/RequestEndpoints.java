package dev.lipsync.server.http;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.lipsync.server.accounts.Caller;
import dev.lipsync.server.media.storage.OutputUrls;
import dev.lipsync.server.requests.LipsyncRequest;
import dev.lipsync.server.requests.Page;
import dev.lipsync.server.requests.RequestStore;
import io.javalin.http.Context;
import java.math.BigInteger;
import java.util.regex.Pattern;

/** GET one request (by id or reference_id) and the paginated list. */
final class RequestEndpoints {

    static final int DEFAULT_LIMIT = 20;
    static final int MAX_LIMIT = 100;
    private static final Pattern INTEGER = Pattern.compile("[+-]?[0-9]{1,1000}");

    private final RequestStore store;
    private final OutputUrls outputUrls;

    RequestEndpoints(RequestStore store, OutputUrls outputUrls) {
        this.store = store;
        this.outputUrls = outputUrls;
    }

    void get(Context ctx, Caller caller) throws Exception {
        String id = ctx.pathParam("id");
        LipsyncRequest r = id.isEmpty() || id.length() > 255 ? null : store.find(caller.accountId(), id).orElse(null);
        if (r == null) {
            throw new ApiError(404, "lipsync request not found");
        }
        Json.send(ctx, RequestJson.of(r, outputUrls));
    }

    void list(Context ctx, Caller caller) throws Exception {
        int limit = (int) Math.min(MAX_LIMIT, integerParam(ctx.queryParam("limit"), "limit", 1, DEFAULT_LIMIT));
        long offset = integerParam(ctx.queryParam("offset"), "offset", 0, 0);
        String referenceId = ctx.queryParam("reference_id");
        if (referenceId != null && referenceId.isEmpty()) {
            referenceId = null;
        }
        if (referenceId != null && referenceId.length() > 255) {
            throw ApiError.badRequest("reference_id must be at most 255 characters");
        }
        Page page = store.list(caller.accountId(), referenceId, limit, offset);
        ObjectNode body = Json.object();
        ArrayNode data = body.putArray("data");
        for (LipsyncRequest r : page.items()) {
            data.add(RequestJson.of(r, outputUrls));
        }
        ObjectNode pagination = body.putObject("pagination");
        pagination.put("limit", limit);
        pagination.put("offset", offset);
        pagination.put("total", page.total());
        Json.send(ctx, body);
    }

    /**
     * A query integer of at least {@code min}: absent → the default; not an integer or below
     * the minimum → 400. Values beyond a long saturate (limit is clamped to its maximum anyway).
     */
    static long integerParam(String raw, String name, long min, long fallback) {
        if (raw == null) {
            return fallback;
        }
        String s = raw.trim();
        if (!INTEGER.matcher(s).matches()) {
            throw ApiError.badRequest(name + " must be an integer of at least " + min);
        }
        BigInteger v = new BigInteger(s);
        if (v.compareTo(BigInteger.valueOf(min)) < 0) {
            throw ApiError.badRequest(name + " must be an integer of at least " + min);
        }
        return v.bitLength() < 63 ? v.longValue() : Long.MAX_VALUE;
    }
}
