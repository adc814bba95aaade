package dev.lipsync.sdk.services;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.lipsync.sdk.client.ChamelaionClient;
import dev.lipsync.sdk.core.http.TransferListener;
import dev.lipsync.sdk.errors.NotFoundException;
import dev.lipsync.sdk.errors.WaitTimeoutException;
import dev.lipsync.sdk.models.LipsyncGenerateParams;
import dev.lipsync.sdk.models.LipsyncRequest;
import dev.lipsync.sdk.models.LipsyncRequestStatus;
import dev.lipsync.sdk.testing.ContractServer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class WaitAndDownloadTest {
    private ContractServer server;
    private ChamelaionClient client;

    @BeforeEach
    void start() throws Exception {
        server = new ContractServer();
        client = ChamelaionClient.builder().baseUrl(server.baseUrl()).apiKey(ContractServer.KEY)
                .pollInitialInterval(Duration.ofMillis(20)).pollMaxInterval(Duration.ofMillis(60)).build();
    }

    @AfterEach
    void stop() {
        client.close();
        server.close();
    }

    private String generate(String referenceId) {
        return client.lipsync().generate(LipsyncGenerateParams.builder().videoUrl("https://a.example/v.mp4")
                .audioUrl("https://a.example/a.wav").referenceId(referenceId).build()).requestId();
    }

    @Test
    void waitsThroughProcessingUntilCompleted() {
        String id = generate(null);
        server.finishAfterPolls(4, null);
        List<LipsyncRequestStatus> seen = new ArrayList<>();
        LipsyncRequest done = client.lipsync().requests().waitForCompletion(id, Duration.ofSeconds(30), r -> seen.add(r.status()));
        assertEquals(LipsyncRequestStatus.COMPLETED, done.status());
        assertTrue(done.outputUrl().isPresent());
        assertEquals(List.of(LipsyncRequestStatus.PROCESSING, LipsyncRequestStatus.PROCESSING,
                LipsyncRequestStatus.PROCESSING, LipsyncRequestStatus.COMPLETED), seen);
    }

    @Test
    void aFailedRequestIsReturnedWithItsMessage() {
        generate("dub-7");
        server.finishAfterPolls(2, "no face found in the video");
        LipsyncRequest failed = client.lipsync().requests().waitForCompletion("dub-7", Duration.ofSeconds(30));
        assertEquals(LipsyncRequestStatus.FAILED, failed.status());
        assertEquals("no face found in the video", failed.errorMessage().orElseThrow());
        // after the first poll by reference_id, the request is followed by its id
        assertTrue(server.seen("/requests/").getLast().path().endsWith(failed.id()));
    }

    @Test
    void givesUpAtTheTimeoutWithTheLastStateSeen() {
        String id = generate(null);
        server.finishAfterPolls(1_000_000, null);
        WaitTimeoutException e = assertThrows(WaitTimeoutException.class,
                () -> client.lipsync().requests().waitForCompletion(id, Duration.ofMillis(300)));
        assertEquals(LipsyncRequestStatus.PROCESSING, e.lastSeen().status());
        assertTrue(e.getMessage().contains("still processing"), e.getMessage());
    }

    @Test
    void waitingForAnUnknownIdIsNotFound() {
        assertThrows(NotFoundException.class,
                () -> client.lipsync().requests().waitForCompletion("nope", Duration.ofSeconds(5)));
    }

    @Test
    void downloadsTheOutputAtomically(@TempDir Path dir) throws Exception {
        byte[] mp4 = new byte[3_000_000];
        new Random(5).nextBytes(mp4);
        server.serveFile("out.mp4", mp4);
        String id = generate(null);
        server.finishAfterPolls(1, null);
        LipsyncRequest done = client.lipsync().requests().waitForCompletion(id, Duration.ofSeconds(10));
        Path target = dir.resolve("result.mp4");
        List<Long> progress = new ArrayList<>();
        client.lipsync().requests().downloadOutput(done, target, (n, total) -> {
            progress.add(n);
            assertEquals(mp4.length, total);
        });
        assertArrayEquals(mp4, Files.readAllBytes(target));
        assertEquals(mp4.length, progress.getLast());
        try (var files = Files.list(dir)) {
            assertEquals(List.of(target), files.toList(), "no .part file left behind");
        }
        // the video gets the permissions any new file of the user's gets (not a temporary file's owner-only)
        Path plain = Files.writeString(dir.resolve("plain.txt"), "x");
        if (Files.getFileStore(dir).supportsFileAttributeView("posix")) {
            assertEquals(Files.getPosixFilePermissions(plain), Files.getPosixFilePermissions(target));
        }
        // same host as the API: the key goes along (the URL could need it); never to other hosts
        assertEquals(ContractServer.KEY, server.seen("/files/").get(0).header("x-api-key"));
    }

    @Test
    void aRedirectToAnotherHostIsFollowedWithoutTheKey(@TempDir Path dir) throws Exception {
        try (ContractServer storage = new ContractServer()) {
            byte[] mp4 = {0, 0, 0, 24, 'f', 't', 'y', 'p'};
            String elsewhere = storage.serveFile("signed.mp4", mp4);
            server.addFault(ContractServer.Fault.status(302, null).withHeader("Location", elsewhere).on("/files/"));
            LipsyncRequest done = client.lipsync().requests().get(server.seed(ContractServer.KEY, null, "queued"))
                    .toBuilder().status(LipsyncRequestStatus.COMPLETED).outputUrl(server.baseUrl("") + "/files/out.mp4").build();
            Path target = dir.resolve("out.mp4");
            client.lipsync().requests().downloadOutput(done, target, TransferListener.NONE);
            assertArrayEquals(mp4, Files.readAllBytes(target));
            assertEquals(ContractServer.KEY, server.seen("/files/").get(0).header("x-api-key"));
            assertEquals(null, storage.seen("/files/").get(0).header("x-api-key"), "the key stays with the API host");
        }
    }

    @Test
    void aMissingOutputIsAnErrorAndLeavesNoFile(@TempDir Path dir) throws Exception {
        LipsyncRequest fake = client.lipsync().requests().get(server.seed(ContractServer.KEY, null, "queued"))
                .toBuilder().status(LipsyncRequestStatus.COMPLETED).outputUrl(server.baseUrl("") + "/files/missing.mp4").build();
        Path target = dir.resolve("x.mp4");
        assertThrows(NotFoundException.class,
                () -> client.lipsync().requests().downloadOutput(fake, target, TransferListener.NONE));
        assertFalse(Files.exists(target));
        try (var files = Files.list(dir)) {
            assertEquals(0, files.count());
        }
        LipsyncRequest queued = fake.toBuilder().status(LipsyncRequestStatus.QUEUED).outputUrl(null).build();
        assertThrows(IllegalStateException.class,
                () -> client.lipsync().requests().downloadOutput(queued, target, TransferListener.NONE));
    }
}
