package dev.lipsync.sdk.models;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.lipsync.sdk.core.Json;
import dev.lipsync.sdk.errors.InvalidResponseException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import org.junit.jupiter.api.Test;

/** The seeds' example bodies, parsed and written back. */
class ModelsJsonTest {
    private static final String LIST = """
            {
              "data": [
                {
                  "id": "6f82a2d8-a6d4-4e8a-a0fa-e8b09823a2d8",
                  "reference_id": "batch-2026-04",
                  "status": "completed",
                  "created_at": "2026-03-30T11:00:00Z",
                  "started_at": "2026-03-30T11:00:04Z",
                  "finished_at": "2026-03-30T11:01:09Z",
                  "output_url": "https://storage.chamelaion.com/output/6f82a2d8.mp4"
                },
                {
                  "id": "a1b2c3d4-e5f6-7890-abcd-ef1234567890",
                  "reference_id": "batch-2026-04",
                  "status": "queued",
                  "created_at": "2026-03-30T11:02:00Z"
                }
              ],
              "pagination": {
                "limit": 20,
                "offset": 0,
                "total": 2
              }
            }""";

    private static byte[] bytes(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    @Test
    void theSeedsListExampleParses() {
        LipsyncRequestListResponse page = Json.read(bytes(LIST), LipsyncRequestListResponse.class);
        assertEquals(2, page.data().size());
        assertEquals(new LipsyncRequestListResponse.Pagination(20, 0, 2), page.pagination());
        LipsyncRequest first = page.data().get(0);
        assertEquals(LipsyncRequestStatus.COMPLETED, first.status());
        assertEquals(Instant.parse("2026-03-30T11:01:09Z"), first.finishedAt().orElseThrow());
        assertEquals(LipsyncRequestStatus.Known.QUEUED, page.data().get(1).status().known());
        assertTrue(page.data().get(1).outputUrl().isEmpty());
    }

    @Test
    void aRequestWritesBackAsTheServerSentItWithoutNulls() {
        String failed = "{\"id\":\"a1b2c3d4-e5f6-7890-abcd-ef1234567890\",\"reference_id\":\"dub-episode-43\","
                + "\"status\":\"failed\",\"created_at\":\"2026-04-07T11:00:00Z\",\"started_at\":\"2026-04-07T11:00:04Z\","
                + "\"finished_at\":\"2026-04-07T11:00:12Z\",\"error_message\":\"video URL is not accessible\"}";
        LipsyncRequest r = Json.read(bytes(failed), LipsyncRequest.class);
        assertEquals(failed, new String(Json.write(r), StandardCharsets.UTF_8));
        assertEquals(r, r.toBuilder().build());
    }

    @Test
    void generateAnswerParses() {
        LipsyncGenerate g = Json.read(bytes("{\"status\":\"success\",\"request_id\":\"3b7df3e8-f578-44de-b4f5-5f58dd6b89e0\","
                + "\"new_field\":[1,2]}"), LipsyncGenerate.class);
        assertEquals("3b7df3e8-f578-44de-b4f5-5f58dd6b89e0", g.requestId());
        assertEquals(LipsyncGenerateStatus.SUCCESS, g.status());
    }

    @Test
    void statusesAreAnOpenSet() {
        assertTrue(LipsyncRequestStatus.of("completed") == LipsyncRequestStatus.COMPLETED);
        LipsyncRequestStatus later = LipsyncRequestStatus.of("cancelled");
        assertEquals("cancelled", later.value());
        assertEquals(LipsyncRequestStatus.Known._UNKNOWN, later.known());
        assertEquals(later, LipsyncRequestStatus.of("cancelled"));
        assertFalse(later.isFinished());
        assertTrue(LipsyncRequestStatus.FAILED.isFinished());
    }

    @Test
    void missingRequiredFieldsAndBadTimesAreInvalidResponses() {
        assertThrows(InvalidResponseException.class, () -> Json.read(bytes("{\"status\":\"queued\"}"), LipsyncRequest.class));
        assertThrows(InvalidResponseException.class, () -> Json.read(bytes("{\"data\":[]}"), LipsyncRequestListResponse.class));
        LipsyncRequest r = Json.read(bytes("{\"id\":\"x\",\"status\":\"queued\",\"created_at\":\"yesterday\"}"), LipsyncRequest.class);
        assertThrows(InvalidResponseException.class, r::createdAt);
    }

    @Test
    void generateParamsSerialiseAsTheSeedsShow() {
        LipsyncGenerateParams p = LipsyncGenerateParams.builder()
                .videoUrl("https://cdn.example.com/episodes/42.mp4")
                .audioUrl("https://cdn.example.com/dubs/42-japanese.wav")
                .referenceId("dub-episode-42").build();
        assertEquals("{\"inputs\":[{\"type\":\"video\",\"url\":\"https://cdn.example.com/episodes/42.mp4\"},"
                + "{\"type\":\"audio\",\"url\":\"https://cdn.example.com/dubs/42-japanese.wav\"}],"
                + "\"reference_id\":\"dub-episode-42\"}", new String(Json.write(p), StandardCharsets.UTF_8));
        assertThrows(IllegalStateException.class, () -> LipsyncGenerateParams.builder().build());
        assertEquals(p.inputs(), p.toBuilder().build().inputs());
    }

    @Test
    void listParamsBecomeAQueryInAStableOrder() {
        assertEquals("{limit=5, offset=10, reference_id=batch}",
                LipsyncRequestListParams.builder().referenceId("batch").offset(10).limit(5).build().toQuery().toString());
        assertThrows(IllegalArgumentException.class, () -> LipsyncRequestListParams.builder().limit(0).build());
        assertThrows(IllegalArgumentException.class, () -> LipsyncRequestListParams.builder().offset(-1).build());
    }
}
