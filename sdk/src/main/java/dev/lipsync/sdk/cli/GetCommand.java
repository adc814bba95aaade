package dev.lipsync.sdk.cli;

import dev.lipsync.sdk.client.ChamelaionClient;
import dev.lipsync.sdk.models.LipsyncRequest;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;

@Command(name = "get", description = "Show one request, by its id or its reference id (the latest with that reference).",
        footer = ExitCode.HELP_FOOTER)
final class GetCommand implements Callable<Integer> {
    @ParentCommand
    ChamelaionCommand root;

    @Parameters(paramLabel = "ID_OR_REFERENCE")
    String id;

    @Option(names = "--json", description = "print the request as the API's JSON")
    boolean json;

    @Override
    public Integer call() {
        try (ChamelaionClient client = root.client(true)) {
            LipsyncRequest r = client.lipsync().requests().get(id);
            if (json) {
                Printer.json(root.out(), r);
            } else {
                Printer.details(root.out(), r);
            }
            return ExitCode.OK;
        }
    }
}
