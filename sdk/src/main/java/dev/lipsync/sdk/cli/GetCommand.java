package dev.lipsync.sdk.cli;

import dev.lipsync.sdk.client.ChamelaionClient;
import dev.lipsync.sdk.models.LipsyncRequest;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;

@Command(name = "get", description = {"Show one request, by its id or its reference id (the latest with that reference).",
        "With --wait or --download, wait for it to finish first (and save the MP4)."},
        footer = ExitCode.HELP_FOOTER)
final class GetCommand implements Callable<Integer> {
    @ParentCommand
    ChamelaionCommand root;

    @Parameters(paramLabel = "ID_OR_REFERENCE")
    String id;

    @Option(names = "--json", description = "print the request as the API's JSON")
    boolean json;

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

    @Override
    public Integer call() {
        Finish.checkTarget(download);
        Duration maxPoll = pollInterval.compareTo(Duration.ofSeconds(10)) > 0 ? pollInterval : Duration.ofSeconds(10);
        try (ChamelaionClient client = root.client(true,
                b -> b.pollInitialInterval(pollInterval).pollMaxInterval(maxPoll))) {
            if (waitForIt || download != null) {
                return Finish.waitPrintDownload(root, client, id, waitTimeout, download, json);
            }
            LipsyncRequest r = client.lipsync().requests().get(id);
            Finish.print(root, r, json);
            return ExitCode.OK;
        }
    }
}
