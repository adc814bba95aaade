package dev.lipsync.sdk.cli;

import dev.lipsync.sdk.client.ChamelaionClient;
import dev.lipsync.sdk.core.ClientOptions;
import java.io.PrintStream;
import java.time.Duration;
import java.util.Map;
import picocli.CommandLine.Command;
import picocli.CommandLine.HelpCommand;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.ScopeType;
import picocli.CommandLine.Spec;

/** {@code chamelaion}: the root command; holds the connection options every subcommand shares. */
// scope INHERIT: every subcommand takes --help and --version too, so "generate --help" shows its
// options instead of asking for the required ones
@Command(name = "chamelaion", mixinStandardHelpOptions = true, scope = ScopeType.INHERIT,
        version = "chamelaion " + ClientOptions.SDK_VERSION,
        description = "Command line for the Chamelaion Lipsync API: start lip sync jobs, follow them, fetch results.",
        subcommands = {GenerateCommand.class, GetCommand.class, ListCommand.class, WhoamiCommand.class, HealthCommand.class,
            HelpCommand.class},
        footer = ExitCode.HELP_FOOTER)
public final class ChamelaionCommand implements Runnable {
    /** Where the command runs: its environment, output streams, and whether stderr is a terminal. */
    record Context(Map<String, String> env, PrintStream out, PrintStream err, boolean interactive) {
    }

    @Spec
    CommandSpec spec;

    @Option(names = "--base-url", scope = ScopeType.INHERIT, paramLabel = "URL",
            description = "API base URL (default: $CHAMELAION_BASE_URL, else " + ClientOptions.DEFAULT_BASE_URL + ")")
    String baseUrl;

    @Option(names = "--api-key", scope = ScopeType.INHERIT, paramLabel = "KEY",
            description = "API key, sent as x-api-key (default: $CHAMELAION_API_KEY)")
    String apiKey;

    @Option(names = "--bearer-token", scope = ScopeType.INHERIT, paramLabel = "TOKEN",
            description = "token sent as Authorization: Bearer (default: $CHAMELAION_BEARER_TOKEN)")
    String bearerToken;

    @Option(names = "--timeout", scope = ScopeType.INHERIT, paramLabel = "DURATION", converter = DurationConverter.class,
            description = "give up on a call when the server sends nothing for this long (default 60s)")
    Duration timeout;

    @Option(names = "--max-retries", scope = ScopeType.INHERIT, paramLabel = "N",
            description = "retries of a failed call: connection errors, 408, 409, 429, 5xx (default 2)")
    Integer maxRetries;

    @Option(names = "--progress", negatable = true, scope = ScopeType.INHERIT,
            description = "show progress on stderr (default: when stderr is a terminal)")
    Boolean progress;

    private final Context context;

    public ChamelaionCommand() {
        this(new Context(System.getenv(), System.out, System.err, System.console() != null));
    }

    ChamelaionCommand(Context context) {
        this.context = context;
    }

    @Override
    public void run() {
        throw new ParameterException(spec.commandLine(), "missing command: one of generate, get, list, whoami, health");
    }

    Context context() {
        return context;
    }

    PrintStream out() {
        return context.out();
    }

    PrintStream err() {
        return context.err();
    }

    Progress progress() {
        boolean on = progress != null ? progress : context.interactive();
        return on ? Progress.bars(context.err()) : Progress.silent();
    }

    ClientOptions.Builder options() {
        ClientOptions.Builder b = ClientOptions.builder().fromEnv(context.env());
        if (baseUrl != null) {
            b.baseUrl(baseUrl);
        }
        if (apiKey != null) {
            b.apiKey(apiKey);
        }
        if (bearerToken != null) {
            b.bearerToken(bearerToken);
        }
        if (timeout != null) {
            b.timeout(timeout);
        }
        if (maxRetries != null) {
            b.maxRetries(maxRetries);
        }
        return b;
    }

    /** A client from the environment and the options; with {@code needsKey}, fails early when no credentials are set. */
    ChamelaionClient client(boolean needsKey, java.util.function.Consumer<ClientOptions.Builder> extra) {
        ClientOptions options;
        try {
            ClientOptions.Builder b = options();
            extra.accept(b);
            options = b.build();
        } catch (IllegalArgumentException e) {
            throw new CliFailure(ExitCode.USAGE, e.getMessage());
        }
        if (needsKey && !options.hasCredentials()) {
            throw new CliFailure(ExitCode.USAGE,
                    "no API key: set CHAMELAION_API_KEY (or CHAMELAION_BEARER_TOKEN), or pass --api-key");
        }
        return ChamelaionClient.of(options);
    }

    ChamelaionClient client(boolean needsKey) {
        return client(needsKey, b -> { });
    }
}
