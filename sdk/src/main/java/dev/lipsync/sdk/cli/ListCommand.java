package dev.lipsync.sdk.cli;

import dev.lipsync.sdk.client.ChamelaionClient;
import dev.lipsync.sdk.models.LipsyncRequest;
import dev.lipsync.sdk.models.LipsyncRequestListPage;
import dev.lipsync.sdk.models.LipsyncRequestListParams;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;

@Command(name = "list", description = "List requests, oldest first: one page, or with --all every page.",
        footer = ExitCode.HELP_FOOTER)
final class ListCommand implements Callable<Integer> {
    @ParentCommand
    ChamelaionCommand root;

    @Option(names = "--limit", paramLabel = "N", description = "page size, 1 to 100 (default 20; with --all, 100)")
    Long limit;

    @Option(names = "--offset", paramLabel = "N", description = "skip this many requests first (default 0)")
    Long offset;

    @Option(names = "--reference-id", paramLabel = "ID", description = "only requests with this reference id")
    String referenceId;

    @Option(names = "--all", description = "walk every page from --offset on")
    boolean all;

    @Option(names = "--json", description = "print the API's JSON (with --all: one array of every request)")
    boolean json;

    @Override
    public Integer call() {
        LipsyncRequestListParams.Builder p = LipsyncRequestListParams.builder();
        try {
            if (limit != null) {
                p.limit(limit);
            } else if (all) {
                p.limit(100);
            }
            if (offset != null) {
                p.offset(offset);
            }
            if (referenceId != null) {
                p.referenceId(referenceId);
            }
        } catch (IllegalArgumentException e) {
            throw new CliFailure(ExitCode.USAGE, e.getMessage());
        }
        LipsyncRequestListParams params;
        try {
            params = p.build();
        } catch (IllegalArgumentException e) {
            throw new CliFailure(ExitCode.USAGE, e.getMessage());
        }
        try (ChamelaionClient client = root.client(true)) {
            LipsyncRequestListPage page = client.lipsync().requests().list(params);
            if (all && json) {
                List<LipsyncRequest> every = new ArrayList<>();
                page.autoPager().forEach(every::add);
                Printer.json(root.out(), every);
            } else if (all) {
                Printer.tableHeader(root.out());
                for (LipsyncRequest r : page.autoPager()) {
                    Printer.tableRow(root.out(), r);
                }
            } else if (json) {
                Printer.json(root.out(), page.response());
            } else {
                Printer.tableHeader(root.out());
                page.data().forEach(r -> Printer.tableRow(root.out(), r));
                long from = page.pagination().offset();
                if (page.hasNextPage()) {
                    root.err().println("showing " + (from + 1) + "-" + (from + page.data().size()) + " of "
                            + page.pagination().total() + "; more with --offset " + (from + page.data().size()) + " or --all");
                }
            }
            return ExitCode.OK;
        }
    }
}
