package dev.lipsync.sdk.cli;

import dev.lipsync.sdk.client.ChamelaionClient;
import dev.lipsync.sdk.core.RequestOptions;
import dev.lipsync.sdk.models.LipsyncGenerate;
import dev.lipsync.sdk.models.LipsyncGenerateParams;
import dev.lipsync.sdk.models.LipsyncGenerateWithMediaParams;
import dev.lipsync.sdk.models.MediaFile;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;

@Command(name = "generate", footer = ExitCode.HELP_FOOTER,
        description = {"Start a lip sync job. --video and --audio are both URLs (the server fetches them) or both "
                + "local files (uploaded).",
                "Prints the request id; with --wait also the finished request; with --download saves the MP4."})
final class GenerateCommand implements Callable<Integer> {
    @ParentCommand
    ChamelaionCommand root;

    @Option(names = "--video", required = true, paramLabel = "URL|FILE", description = "the video of the person talking")
    String video;

    @Option(names = "--audio", required = true, paramLabel = "URL|FILE", description = "the new audio track")
    String audio;

    @Option(names = "--reference-id", paramLabel = "ID", description = "your own identifier, usable with get and list")
    String referenceId;

    @Option(names = "--no-active-speaker",
            description = "re-render the largest face in each frame instead of detecting who speaks")
    boolean noActiveSpeaker;

    @Option(names = "--wait", description = "wait until the request is completed or failed")
    boolean waitForIt;

    @Option(names = "--wait-timeout", paramLabel = "DURATION", converter = DurationConverter.class, defaultValue = "30m",
            description = "how long --wait waits (default ${DEFAULT-VALUE})")
    Duration waitTimeout;

    @Option(names = "--poll-interval", paramLabel = "DURATION", converter = DurationConverter.class, defaultValue = "1s",
            description = "first pause between polls while waiting; grows to 10s (default ${DEFAULT-VALUE})")
    Duration pollInterval;

    @Option(names = "--download", paramLabel = "OUT.mp4", description = "save the result here (implies --wait)")
    Path download;

    @Option(names = "--json", description = "print the API's JSON instead of the id (with --wait: the finished request)")
    boolean json;

    @Override
    public Integer call() {
        boolean videoIsUrl = isUrl(video);
        boolean audioIsUrl = isUrl(audio);
        if (videoIsUrl != audioIsUrl) {
            throw new CliFailure(ExitCode.USAGE, "--video and --audio must both be URLs or both be local files");
        }
        Finish.checkTarget(download);
        boolean wait = waitForIt || download != null;
        Duration maxPoll = pollInterval.compareTo(Duration.ofSeconds(10)) > 0 ? pollInterval : Duration.ofSeconds(10);
        try (ChamelaionClient client = root.client(true,
                b -> b.pollInitialInterval(pollInterval).pollMaxInterval(maxPoll))) {
            LipsyncGenerate started = videoIsUrl ? fromUrls(client) : upload(client);
            if (!wait) {
                if (json) {
                    Printer.json(root.out(), started);
                } else {
                    root.out().println(started.requestId());
                }
                return ExitCode.OK;
            }
            if (!json) {
                root.out().println(started.requestId()); // first, so a script has it even if waiting fails
                root.out().flush();
            }
            return Finish.waitPrintDownload(root, client, started.requestId(), waitTimeout, download, json);
        }
    }

    private LipsyncGenerate fromUrls(ChamelaionClient client) {
        LipsyncGenerateParams.Builder p = LipsyncGenerateParams.builder().videoUrl(video).audioUrl(audio);
        if (referenceId != null) {
            p.referenceId(referenceId);
        }
        if (noActiveSpeaker) {
            p.disableActiveSpeakerDetection(true);
        }
        return client.lipsync().generate(p.build());
    }

    private LipsyncGenerate upload(ChamelaionClient client) {
        LipsyncGenerateWithMediaParams.Builder p = LipsyncGenerateWithMediaParams.builder()
                .video(readable("video", video)).audio(readable("audio", audio));
        if (referenceId != null) {
            p.referenceId(referenceId);
        }
        if (noActiveSpeaker) {
            p.disableActiveSpeakerDetection(true);
        }
        try (Progress.Bytes bar = root.progress().bytes("Uploading")) {
            return client.lipsync().generateWithMedia(p.build(), RequestOptions.builder().uploadListener(bar).build());
        }
    }

    private static MediaFile readable(String what, String file) {
        Path path = Path.of(file);
        if (!Files.isRegularFile(path) || !Files.isReadable(path)) {
            throw new CliFailure(ExitCode.USAGE, "cannot read " + what + " file " + file
                    + (Files.exists(path) ? "" : ": no such file"));
        }
        return MediaFile.of(path);
    }

    static boolean isUrl(String s) {
        String lower = s.toLowerCase(Locale.ROOT);
        return lower.startsWith("http://") || lower.startsWith("https://");
    }
}
