package dev.lipsync.sdk.cli;

import dev.lipsync.sdk.client.ChamelaionClient;
import dev.lipsync.sdk.models.HealthCheckResponse;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.ParentCommand;

@Command(name = "health", description = "Check that the server answers (needs no API key); prints its status.",
        footer = ExitCode.HELP_FOOTER)
final class HealthCommand implements Callable<Integer> {
    @ParentCommand
    ChamelaionCommand root;

    @Override
    public Integer call() {
        try (ChamelaionClient client = root.client(false)) {
            HealthCheckResponse health = client.health().check();
            root.out().println(health.status());
            if (!health.isOk()) {
                throw new CliFailure(ExitCode.SERVER_ERROR, "server reports status " + health.status());
            }
            return ExitCode.OK;
        }
    }
}
