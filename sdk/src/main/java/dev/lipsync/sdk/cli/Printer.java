package dev.lipsync.sdk.cli;

import dev.lipsync.sdk.core.Json;
import dev.lipsync.sdk.models.LipsyncRequest;
import java.io.PrintStream;
import java.util.LinkedHashMap;
import java.util.Map;

/** How requests look on stdout: "key: value" lines, a table, or the API's JSON. */
final class Printer {
    private Printer() {
    }

    static Map<String, String> fields(LipsyncRequest r) {
        Map<String, String> f = new LinkedHashMap<>();
        f.put("id", r.id());
        r.referenceId().ifPresent(v -> f.put("reference_id", v));
        f.put("status", r.status().value());
        f.put("created_at", r.createdAt().toString());
        r.startedAt().ifPresent(v -> f.put("started_at", v.toString()));
        r.finishedAt().ifPresent(v -> f.put("finished_at", v.toString()));
        r.outputUrl().ifPresent(v -> f.put("output_url", v));
        r.errorMessage().ifPresent(v -> f.put("error_message", v));
        return f;
    }

    static void details(PrintStream out, LipsyncRequest r) {
        fields(r).forEach((k, v) -> out.println(k + ": " + v));
    }

    static void json(PrintStream out, Object value) {
        out.println(Json.pretty(value));
    }

    static void tableHeader(PrintStream out) {
        out.printf("%-36s  %-10s  %-20s  %s%n", "ID", "STATUS", "CREATED", "REFERENCE");
    }

    static void tableRow(PrintStream out, LipsyncRequest r) {
        out.printf("%-36s  %-10s  %-20s  %s%n", r.id(), r.status().value(), r.createdAt(), r.referenceId().orElse(""));
    }
}
