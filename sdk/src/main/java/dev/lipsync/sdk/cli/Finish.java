package dev.lipsync.sdk.cli;

import dev.lipsync.sdk.client.ChamelaionClient;
import dev.lipsync.sdk.models.LipsyncRequest;
import dev.lipsync.sdk.models.LipsyncRequestStatus;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;

/** The end of a job as `generate` and `get` share it: wait for it, print it, download its MP4. */
final class Finish {
    private Finish() {
    }

    /** Fails early (before any request is sent) when the download target's directory does not exist. */
    static void checkTarget(Path download) {
        if (download != null) {
            Path dir = download.toAbsolutePath().getParent();
            if (dir == null || !Files.isDirectory(dir)) {
                throw new CliFailure(ExitCode.USAGE, "cannot save to " + download + ": no such directory");
            }
        }
    }

    static int waitPrintDownload(ChamelaionCommand root, ChamelaionClient client, String id, Duration waitTimeout,
                                 Path download, boolean json) {
        LipsyncRequest done;
        try (Progress.Waiting waiting = root.progress().waiting("Waiting")) {
            done = client.lipsync().requests().waitForCompletion(id, waitTimeout, waiting);
        }
        print(root, done, json);
        if (done.status().equals(LipsyncRequestStatus.FAILED)) {
            throw new CliFailure(ExitCode.JOB_FAILED, "request " + done.id() + " failed: "
                    + done.errorMessage().orElse("no reason given"));
        }
        if (download != null) {
            try (Progress.Bytes bar = root.progress().bytes("Downloading")) {
                client.lipsync().requests().downloadOutput(done, download, bar);
            } catch (UncheckedIOException e) {
                throw new CliFailure(ExitCode.OUTPUT_FILE, e.getMessage());
            }
            if (!json) {
                root.out().println("saved: " + download);
            }
        }
        return ExitCode.OK;
    }

    static void print(ChamelaionCommand root, LipsyncRequest r, boolean json) {
        if (json) {
            Printer.json(root.out(), r);
        } else {
            Printer.details(root.out(), r);
        }
    }
}
