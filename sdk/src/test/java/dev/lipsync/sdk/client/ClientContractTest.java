package dev.lipsync.sdk.client;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.lipsync.sdk.errors.AuthenticationException;
import dev.lipsync.sdk.errors.BadRequestException;
import dev.lipsync.sdk.errors.ChamelaionServiceException;
import dev.lipsync.sdk.errors.InternalServerException;
import dev.lipsync.sdk.errors.InvalidResponseException;
import dev.lipsync.sdk.errors.NotFoundException;
import dev.lipsync.sdk.errors.RateLimitException;
import dev.lipsync.sdk.errors.TokenLimitException;
import dev.lipsync.sdk.errors.UnexpectedStatusException;
import dev.lipsync.sdk.models.LipsyncGenerate;
import dev.lipsync.sdk.models.LipsyncGenerateParams;
import dev.lipsync.sdk.models.LipsyncGenerateStatus;
import dev.lipsync.sdk.models.LipsyncRequest;
import dev.lipsync.sdk.models.LipsyncRequestListPage;
import dev.lipsync.sdk.models.LipsyncRequestListParams;
import dev.lipsync.sdk.models.LipsyncRequestStatus;
import dev.lipsync.sdk.testing.ContractServer;
import dev.lipsync.sdk.testing.ContractServer.Fault;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The client against a stand-in that answers exactly as the contract says. */
class ClientContractTest {
    private ContractServer server;
    private ChamelaionClient client;

    @BeforeEach
    void start() throws Exception {
        server = new ContractServer();
        client = client(b -> b.apiKey(ContractServer.KEY));
    }

    @AfterEach
    void stop() {
        client.close();
        server.close();
    }

    private ChamelaionClient client(Consumer<ChamelaionClient.Builder> config) {
        ChamelaionClient.Builder b = ChamelaionClient.builder().baseUrl(server.baseUrl())
                .initialRetryDelay(Duration.ofMillis(20)).maxRetryDelay(Duration.ofMillis(50));
        config.accept(b);
        return b.build();
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "/api", "/api/"})
    void worksWithOrWithoutTheApiPrefix(String prefix) {
        try (ChamelaionClient c = client(b -> b.baseUrl(server.baseUrl(prefix)).apiKey(ContractServer.KEY))) {
            assertTrue(c.health().check().isOk());
            assertEquals(ContractServer.KEY_NAME, c.users().getCurrent().name());
        }
        for (ContractServer.Seen s : server.seen()) {
            assertFalse(s.path().contains("//"), s.path());
        }
    }

    @Test
    void builtFromTheEnvironmentSendsTheKeyAsXApiKey() {
        try (ChamelaionClient c = ChamelaionClient.builder().fromEnv(Map.of(
                "CHAMELAION_API_KEY", ContractServer.KEY, "CHAMELAION_BASE_URL", server.baseUrl())).build()) {
            assertEquals(ContractServer.KEY_NAME, c.users().getCurrent().name());
        }
        ContractServer.Seen me = server.seen("/v1/users/me").get(0);
        assertEquals(ContractServer.KEY, me.header("x-api-key"));
        assertNull(me.header("Authorization"));
        assertTrue(me.header("User-Agent").startsWith("chamelaion-java/"));
    }

    @Test
    void bearerTokenFromTheEnvironmentIsSentAsAuthorization() {
        try (ChamelaionClient c = ChamelaionClient.builder().fromEnv(Map.of(
                "CHAMELAION_BEARER_TOKEN", ContractServer.KEY, "CHAMELAION_BASE_URL", server.baseUrl())).build()) {
            assertEquals(ContractServer.KEY_NAME, c.users().getCurrent().name());
        }
        ContractServer.Seen me = server.seen("/v1/users/me").get(0);
        assertEquals("Bearer " + ContractServer.KEY, me.header("Authorization"));
        assertNull(me.header("x-api-key"));
    }

    @Test
    void defaultBaseUrlIsTheVendors() {
        try (ChamelaionClient c = ChamelaionClient.builder().fromEnv(Map.of()).build()) {
            assertEquals("https://api.chamelaion.com/api", c.options().baseUrl());
            assertFalse(c.options().hasCredentials());
            assertEquals(2, c.options().maxRetries());
        }
    }

    @Test
    void healthSendsNoCredentials() {
        assertEquals("ok", client.health().check().status());
        assertNull(server.seen("/health").get(0).header("x-api-key"));
    }

    @Test
    void generateFromUrlsSendsTheDocumentedBody() throws Exception {
        LipsyncGenerate g = client.lipsync().generate(LipsyncGenerateParams.builder()
                .videoUrl("https://cdn.example.com/episodes/42.mp4")
                .audioUrl("https://cdn.example.com/dubs/42-japanese.wav")
                .referenceId("dub-episode-42")
                .build());
        assertEquals(LipsyncGenerateStatus.SUCCESS, g.status());
        ContractServer.Seen s = server.seen("/v1/lipsync/generate").get(0);
        assertEquals("application/json", s.header("Content-Type"));
        assertEquals("{\"inputs\":[{\"type\":\"video\",\"url\":\"https://cdn.example.com/episodes/42.mp4\"},"
                + "{\"type\":\"audio\",\"url\":\"https://cdn.example.com/dubs/42-japanese.wav\"}],"
                + "\"reference_id\":\"dub-episode-42\"}", new String(s.body()));
        assertNotNull(s.header("Idempotency-Key"));

        LipsyncRequest r = client.lipsync().requests().get(g.requestId());
        assertEquals(g.requestId(), r.id());
        assertEquals(LipsyncRequestStatus.QUEUED, r.status());
        assertEquals("dub-episode-42", r.referenceId().orElseThrow());
        assertTrue(r.createdAt().isAfter(Instant.parse("2026-01-01T00:00:00Z")));
        assertTrue(r.startedAt().isEmpty());
    }

    @Test
    void disableActiveSpeakerDetectionIsSentAsABoolean() {
        client.lipsync().generate(LipsyncGenerateParams.builder().audioUrl("https://a.example/x.wav")
                .videoUrl("https://a.example/x.mp4").disableActiveSpeakerDetection(true).build());
        assertTrue(new String(server.seen("/generate").get(0).body()).contains("\"disable_active_speaker_detection\":true"));
    }

    @Test
    void eachPostGetsItsOwnIdempotencyKey() {
        LipsyncGenerateParams p = LipsyncGenerateParams.builder().videoUrl("https://a.example/v.mp4")
                .audioUrl("https://a.example/a.wav").build();
        String first = client.lipsync().generate(p).requestId();
        String second = client.lipsync().generate(p).requestId();
        assertNotEquals(first, second);
        List<ContractServer.Seen> posts = server.seen("/generate");
        assertNotEquals(posts.get(0).header("Idempotency-Key"), posts.get(1).header("Idempotency-Key"));
        assertNull(server.seen().stream().filter(s -> s.method().equals("GET")).findFirst()
                .map(s -> s.header("Idempotency-Key")).orElse(null));
    }

    @Test
    void getByReferenceIdReturnsTheLatest() {
        server.seed(ContractServer.KEY, "batch-2026-04", "completed");
        String newer = server.seed(ContractServer.KEY, "batch-2026-04", "queued");
        LipsyncRequest r = client.lipsync().requests().get("batch-2026-04");
        assertEquals(newer, r.id());
    }

    @Test
    void completedAndFailedRequestsCarryTheirFields() {
        String done = server.seed(ContractServer.KEY, "dub-episode-42", "completed");
        String failed = server.seed(ContractServer.KEY, "dub-episode-43", "failed");
        LipsyncRequest d = client.lipsync().requests().get(done);
        assertEquals(LipsyncRequestStatus.COMPLETED, d.status());
        assertTrue(d.outputUrl().orElseThrow().endsWith(".mp4"));
        assertTrue(d.finishedAt().orElseThrow().isAfter(d.startedAt().orElseThrow()));
        assertTrue(d.errorMessage().isEmpty());
        LipsyncRequest f = client.lipsync().requests().get(failed);
        assertEquals(LipsyncRequestStatus.FAILED, f.status());
        assertEquals("video URL is not accessible", f.errorMessage().orElseThrow());
        assertTrue(f.outputUrl().isEmpty());
    }

    @Test
    void referenceIdsWithOddCharactersArePercentEncoded() {
        String id = server.seed(ContractServer.KEY, "order 12/34?x=ü", "queued");
        assertEquals(id, client.lipsync().requests().get("order 12/34?x=ü").id());
    }

    @Test
    void unknownFieldsAndStatusesAreTolerated() {
        server.addUnknownField("future_field");
        String id = server.seed(ContractServer.KEY, null, "cancelled");
        LipsyncRequest r = client.lipsync().requests().get(id);
        assertEquals("cancelled", r.status().value());
        assertEquals(LipsyncRequestStatus.Known._UNKNOWN, r.status().known());
        assertFalse(r.status().isFinished());
    }

    @Test
    void listWalksEveryPageInCreationOrder() {
        List<String> ids = new ArrayList<>();
        for (int i = 0; i < 45; i++) {
            ids.add(server.seed(ContractServer.KEY, i % 2 == 0 ? "even" : "odd", "queued"));
        }
        server.seed(ContractServer.OTHER_KEY, "even", "queued"); // another account: never listed
        LipsyncRequestListPage first = client.lipsync().requests().list();
        assertEquals(20, first.data().size());
        assertEquals(45, first.pagination().total());
        assertTrue(first.hasNextPage());

        List<String> walked = first.stream().map(LipsyncRequest::id).toList();
        assertEquals(ids, walked);
        assertEquals(3, server.seen("/v1/lipsync/requests").size());

        List<String> evens = new ArrayList<>();
        for (LipsyncRequest r : client.lipsync().requests()
                .list(LipsyncRequestListParams.builder().referenceId("even").limit(7).build()).autoPager()) {
            evens.add(r.id());
        }
        assertEquals(23, evens.size());
        assertEquals(ids.get(44), evens.get(22));
        assertTrue(server.seen().getLast().query().contains("reference_id=even"));
    }

    @Test
    void listWithOffsetAndClampedLimit() {
        for (int i = 0; i < 3; i++) {
            server.seed(ContractServer.KEY, null, "queued");
        }
        LipsyncRequestListPage page = client.lipsync().requests()
                .list(LipsyncRequestListParams.builder().limit(500).offset(2).build());
        assertEquals(100, page.pagination().limit());
        assertEquals(2, page.pagination().offset());
        assertEquals(1, page.data().size());
        assertFalse(page.hasNextPage());
        assertEquals("limit=500&offset=2", server.seen().getLast().query());
    }

    @Test
    void emptyListHasNoNextPage() {
        LipsyncRequestListPage page = client.lipsync().requests().list();
        assertTrue(page.data().isEmpty());
        assertFalse(page.autoPager().iterator().hasNext());
    }

    // ------------------------------------------------------------------ errors

    @Test
    void badRequestCarriesTheServersErrorString() {
        BadRequestException e = assertThrows(BadRequestException.class, () -> client.lipsync().generate(
                LipsyncGenerateParams.builder().videoUrl("https://a.example/1.mp4").videoUrl("https://a.example/2.mp4")
                        .audioUrl("https://a.example/a.wav").build()));
        assertEquals(400, e.statusCode());
        assertEquals("expected exactly one video input", e.error().orElseThrow());
        assertEquals("application/json", e.headers().firstValue("content-type").orElseThrow());
        assertEquals(1, server.seen("/generate").size(), "400 is never retried");
    }

    @Test
    void inputTypeOutsideVideoAndAudioIsABadRequest() {
        BadRequestException e = assertThrows(BadRequestException.class, () -> client.lipsync().generate(
                LipsyncGenerateParams.builder().videoUrl("https://a.example/1.mp4").audioUrl("https://a.example/a.wav")
                        .addInput(new LipsyncGenerateParams.Input(dev.lipsync.sdk.models.InputType.of("image"), "https://a.example/i.png"))
                        .build()));
        assertEquals("input type must be \"video\" or \"audio\"", e.error().orElseThrow());
    }

    @Test
    void everyAuthenticationFailureIsAnAuthenticationException() {
        assertAuthError(b -> { }, "missing authorization header");
        assertAuthError(b -> b.apiKey(""), "missing token");
        assertAuthError(b -> b.bearerToken(""), "missing token");
        assertAuthError(b -> b.apiKey("not-a-key"), "invalid token");
        assertAuthError(b -> b.apiKey("chm_live_00000000000000000000000000000000"), "unauthorized");
    }

    private void assertAuthError(Consumer<ChamelaionClient.Builder> config, String expected) {
        try (ChamelaionClient c = client(config)) {
            AuthenticationException e = assertThrows(AuthenticationException.class, () -> c.users().getCurrent());
            assertEquals(401, e.statusCode());
            assertEquals(expected, e.error().orElseThrow());
            assertTrue(e.getMessage().contains(expected));
        }
    }

    @Test
    void malformedAuthorizationHeaderIsReported() {
        server.addFault(Fault.status(401, "invalid authorization format"));
        AuthenticationException e = assertThrows(AuthenticationException.class, () -> client.users().getCurrent());
        assertEquals("invalid authorization format", e.error().orElseThrow());
    }

    @Test
    void anotherAccountsRequestIsNotFound() {
        String theirs = server.seed(ContractServer.OTHER_KEY, "secret", "completed");
        NotFoundException e = assertThrows(NotFoundException.class, () -> client.lipsync().requests().get(theirs));
        assertEquals(404, e.statusCode());
        assertEquals("lipsync request not found", e.error().orElseThrow());
        assertThrows(NotFoundException.class, () -> client.lipsync().requests().get("secret"));
    }

    @Test
    void tokenLimitIsATokenLimitException() {
        server.exhaustTokens(true);
        TokenLimitException e = assertThrows(TokenLimitException.class, () -> client.lipsync().generate(
                LipsyncGenerateParams.builder().videoUrl("https://a.example/v.mp4").audioUrl("https://a.example/a.wav").build()));
        assertEquals(412, e.statusCode());
        assertEquals("token limit reached", e.error().orElseThrow());
        assertEquals(1, server.seen("/generate").size(), "412 is never retried");
    }

    @Test
    void rateLimitIsThrownOnceRetriesAreUsedUp() {
        for (int i = 0; i < 3; i++) {
            server.addFault(Fault.status(429, "rate limit exceeded").withHeader("Retry-After", "0"));
        }
        RateLimitException e = assertThrows(RateLimitException.class, () -> client.users().getCurrent());
        assertEquals("rate limit exceeded", e.error().orElseThrow());
        assertEquals(Duration.ZERO, e.retryAfter().orElseThrow());
        assertEquals(3, server.seen("/users/me").size());
    }

    @Test
    void serverErrorsAreInternalServerExceptions() {
        for (int i = 0; i < 3; i++) {
            server.addFault(Fault.status(500, "internal error"));
        }
        InternalServerException e = assertThrows(InternalServerException.class, () -> client.lipsync().requests().list());
        assertEquals(500, e.statusCode());
        assertEquals("internal error", e.error().orElseThrow());
    }

    @Test
    void otherStatusesAreUnexpectedAndKeepTheirBody() {
        server.addFault(Fault.status(413, "body too large"));
        UnexpectedStatusException e = assertThrows(UnexpectedStatusException.class, () -> client.users().getCurrent());
        assertEquals(413, e.statusCode());
        assertEquals("body too large", e.error().orElseThrow());

        server.addFault(Fault.status(403, null).withBody("<html>forbidden</html>"));
        UnexpectedStatusException html = assertThrows(UnexpectedStatusException.class, () -> client.users().getCurrent());
        assertTrue(html.error().isEmpty());
        assertEquals("<html>forbidden</html>", html.body());
        assertInstanceOf(ChamelaionServiceException.class, html);
    }

    @Test
    void aTwoHundredThatIsNotTheDocumentedJsonIsAnInvalidResponse() {
        server.addFault(Fault.status(200, null).withBody("{\"status\":\"success\"}"));
        assertThrows(InvalidResponseException.class, () -> client.lipsync().generate(
                LipsyncGenerateParams.builder().videoUrl("https://a.example/v.mp4").audioUrl("https://a.example/a.wav").build()));
        server.addFault(Fault.status(200, null).withBody("not json"));
        assertThrows(InvalidResponseException.class, () -> client.users().getCurrent());
    }
}
