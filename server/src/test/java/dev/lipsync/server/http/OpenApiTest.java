package dev.lipsync.server.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.lipsync.server.db.TestDatabases;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The served OpenAPI document and the served routes describe the same API. */
class OpenApiTest {

    @TempDir
    Path dir;

    @Test
    void documentAndRoutesMatch() throws Exception {
        try (TestServer s = new TestServer(TestDatabases.H2, dir, Map.of())) {
            HttpResponse<String> doc = s.get("/openapi.json", null);
            assertEquals(200, doc.statusCode());
            JsonNode paths = TestServer.json(doc).get("paths");
            Set<String> documented = new TreeSet<>();
            paths.fields().forEachRemaining(p -> p.getValue().fieldNames()
                    .forEachRemaining(m -> documented.add(m.toUpperCase(Locale.ROOT) + " " + p.getKey())));

            Set<String> routed = new TreeSet<>();
            for (Routes.Route r : Routes.all(null, null, null, null, true)) {
                routed.add(r.method().name() + " " + r.documentedPath());
            }
            // set equality: both directions (nothing documented but unrouted, nothing routed but undocumented)
            assertEquals(documented, routed, "every documented route is routed and every route documented");
            assertTrue(routed.contains("GET /v1/files/{key}") && routed.contains("HEAD /v1/files/{key}"),
                    "signed output files are listed: " + routed);

            // and each one is really served under both prefixes: never the router's 404/405
            String key = s.newAccountKey("openapi", null);
            for (String route : documented) {
                String method = route.substring(0, route.indexOf(' '));
                String documentedPath = route.substring(route.indexOf(' ') + 1);
                String path = documentedPath.replace("{id}", "some-reference").replace("{key}", "outputs/a/b.mp4");
                JsonNode responses = paths.get(documentedPath).get(method.toLowerCase(Locale.ROOT)).get("responses");
                for (String prefix : Routes.PREFIXES) {
                    HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(s.base + prefix + path)).header("x-api-key", key);
                    b = switch (method) {
                        case "POST" -> b.POST(HttpRequest.BodyPublishers.ofString("{}"));
                        case "HEAD" -> b.method("HEAD", HttpRequest.BodyPublishers.noBody());
                        default -> b.GET();
                    };
                    HttpResponse<String> r = s.send(b);
                    assertNotEquals(405, r.statusCode(), prefix + route);
                    assertTrue(responses.has(String.valueOf(r.statusCode())),
                            prefix + route + " answered " + r.statusCode() + ", not among its documented responses " + String.join(",", (Iterable<String>) responses::fieldNames));
                    if (route.contains("/v1/files/")) {
                        // an unsigned link: refused by the signature check, not by the router or auth
                        assertEquals(403, r.statusCode(), prefix + route);
                    } else if (r.statusCode() == 404) {
                        assertEquals("{\"error\":\"lipsync request not found\"}", r.body(), prefix + route);
                    }
                }
            }
        }
    }
}
