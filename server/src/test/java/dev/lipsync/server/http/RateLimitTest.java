package dev.lipsync.server.http;

import static dev.lipsync.server.http.TestServer.generateBody;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.lipsync.server.db.TestDatabases;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RateLimitTest {

    @TempDir
    Path dir;

    @Test
    void perKeyLimitsAnswer429WithRetryAfterAndKeepClassesApart() throws Exception {
        try (TestServer s = new TestServer(TestDatabases.H2, dir, Map.of(
                "LIPSYNC_RATE_GENERATE_PER_MINUTE", "2", "LIPSYNC_RATE_READ_PER_MINUTE", "3"))) {
            String key = s.newAccountKey("limited", null);
            String other = s.newAccountKey("other", null);
            assertEquals(200, s.postJson("/v1/lipsync/generate", key, generateBody(null)).statusCode());
            assertEquals(200, s.postJson("/api/v1/lipsync/generate", key, generateBody(null)).statusCode());
            HttpResponse<String> limited = s.postJson("/v1/lipsync/generate", key, generateBody(null));
            ApiContractSuite.assertError(limited, 429, "rate limit exceeded");
            long retryAfter = Long.parseLong(limited.headers().firstValue("Retry-After").orElseThrow());
            assertTrue(retryAfter >= 1 && retryAfter <= 60, "Retry-After " + retryAfter);
            // the upload endpoint shares the generation budget
            ApiContractSuite.assertError(s.postMultipart("/v1/lipsync/generate-with-media", key,
                    new TestServer.Multipart().build()), 429, "rate limit exceeded");

            for (int i = 0; i < 3; i++) {
                assertEquals(200, s.get("/v1/lipsync/requests", key).statusCode(), "reads have their own budget");
            }
            ApiContractSuite.assertError(s.get("/v1/users/me", key), 429, "rate limit exceeded");
            assertEquals(200, s.postJson("/v1/lipsync/generate", other, generateBody(null)).statusCode(), "per key");
            assertEquals(200, s.get("/health", null).statusCode(), "health is not limited");
        }
    }
}
