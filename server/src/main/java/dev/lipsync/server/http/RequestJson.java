package dev.lipsync.server.http;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.lipsync.server.media.storage.OutputUrls;
import dev.lipsync.server.requests.LipsyncRequest;
import dev.lipsync.server.requests.RequestStatus;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.UUID;

/**
 * A request as the API shows it: the seeds' field names and order, fields without a value
 * left out, times in UTC RFC 3339 whole seconds ({@code 2026-04-07T10:00:05Z}).
 */
final class RequestJson {

    private RequestJson() {
    }

    static ObjectNode of(LipsyncRequest r, OutputUrls outputUrls) {
        ObjectNode o = Json.object();
        o.put("id", r.id().toString());
        putIfPresent(o, "reference_id", r.referenceId());
        o.put("status", r.status().wire());
        o.put("created_at", time(r.createdAt()));
        putIfPresent(o, "started_at", time(r.startedAt()));
        putIfPresent(o, "finished_at", time(r.finishedAt()));
        if (r.status() == RequestStatus.COMPLETED && r.outputKey() != null) {
            outputUrls.urlFor(r.outputKey()).ifPresent(url -> o.put("output_url", url));
        }
        if (r.status() == RequestStatus.FAILED) {
            putIfPresent(o, "error_message", r.errorMessage());
        }
        return o;
    }

    static ObjectNode accepted(UUID requestId) {
        ObjectNode o = Json.object();
        o.put("status", "success");
        o.put("request_id", requestId.toString());
        return o;
    }

    /** RFC 3339, UTC, whole seconds (sub-second precision is kept in the database only). */
    static String time(Instant t) {
        return t == null ? null : t.truncatedTo(ChronoUnit.SECONDS).toString();
    }

    private static void putIfPresent(ObjectNode o, String field, String value) {
        if (value != null) {
            o.put(field, value);
        }
    }
}
