package dev.lipsync.sdk.cli;

import dev.lipsync.sdk.client.ChamelaionClient;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.ParentCommand;

@Command(name = "whoami", description = "Print the name of the API key in use (checks that it works).",
        footer = ExitCode.HELP_FOOTER)
final class WhoamiCommand implements Callable<Integer> {
    @ParentCommand
    ChamelaionCommand root;

    @Override
    public Integer call() {
        try (ChamelaionClient client = root.client(true)) {
            root.out().println(client.users().getCurrent().name());
            return ExitCode.OK;
        }
    }
}
