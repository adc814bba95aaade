package dev.lipsync.server.accounts;

import dev.lipsync.server.config.ServerConfig;
import dev.lipsync.server.db.Database;
import java.sql.SQLException;
import java.util.List;
import java.util.Locale;
import java.util.UUID;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * The operator's command: accounts, API keys and quotas, on the same database as the server
 * (same LIPSYNC_* settings), whether or not the server runs. {@code bin/admin --help}.
 */
// scope INHERIT: each subcommand takes --help too, so "create-key --help" shows its options
// instead of asking for the required ones
@Command(name = "admin", mixinStandardHelpOptions = true, scope = CommandLine.ScopeType.INHERIT,
        version = "lipsync admin", description = "Manage accounts, API keys and quotas of the Lipsync server.",
        subcommands = {
                AdminCommand.CreateAccount.class, AdminCommand.ListAccounts.class, AdminCommand.CreateKey.class,
                AdminCommand.ListKeys.class, AdminCommand.RevokeKey.class, AdminCommand.SetQuota.class,
                AdminCommand.SetDisabled.class, CommandLine.HelpCommand.class})
public final class AdminCommand {

    public static void main(String[] args) {
        System.exit(run(ServerConfig.fromEnvironment(), args));
    }

    /** Runs the command against the database of {@code config}; returns the exit code. */
    public static int run(ServerConfig config, String... args) {
        CommandLine cl = new CommandLine(new AdminCommand(), new Factory(config));
        cl.setExecutionExceptionHandler((e, cmd, parsed) -> {
            cmd.getErr().println("error: " + e.getMessage());
            return 1;
        });
        return cl.execute(args);
    }

    /** Hands each subcommand the config. */
    private record Factory(ServerConfig config) implements CommandLine.IFactory {
        @Override
        public <K> K create(Class<K> cls) throws Exception {
            if (Sub.class.isAssignableFrom(cls)) {
                K k = CommandLine.defaultFactory().create(cls);
                ((Sub) k).config = config;
                return k;
            }
            return CommandLine.defaultFactory().create(cls);
        }
    }

    abstract static class Sub implements Callable<Integer> {
        ServerConfig config;

        @CommandLine.Spec
        CommandLine.Model.CommandSpec spec;

        @Override
        public Integer call() throws Exception {
            try (Database db = Database.open(config)) {
                return run(new Accounts(db));
            }
        }

        abstract int run(Accounts accounts) throws SQLException;

        void out(String line) {
            spec.commandLine().getOut().println(line);
            spec.commandLine().getOut().flush();
        }

        Accounts.Account account(Accounts accounts, String name) throws SQLException {
            return accounts.findAccount(name).orElseThrow(() -> new IllegalArgumentException("no account named '" + name + "'"));
        }
    }

    @Command(name = "create-account", description = "Create an account.")
    static final class CreateAccount extends Sub {
        @Parameters(index = "0", description = "account name (unique)")
        String name;

        @Option(names = "--token-limit", description = "quota in tokens (seconds of output video); default unlimited")
        Double tokenLimit;

        @Override
        int run(Accounts accounts) throws SQLException {
            if (accounts.findAccount(name).isPresent()) {
                throw new IllegalArgumentException("an account named '" + name + "' exists");
            }
            Accounts.Account a = accounts.createAccount(name, tokenLimit);
            out("created account " + a.name() + " (" + a.id() + ")");
            return 0;
        }
    }

    @Command(name = "list-accounts", description = "List accounts with quota and usage.")
    static final class ListAccounts extends Sub {
        @Override
        int run(Accounts accounts) throws SQLException {
            out(String.format(Locale.ROOT, "%-24s %-12s %-12s %-10s %s", "NAME", "TOKEN_LIMIT", "TOKENS_USED", "REQUESTS", "STATE"));
            for (Accounts.Account a : accounts.listAccounts()) {
                out(String.format(Locale.ROOT, "%-24s %-12s %-12.1f %-10d %s", a.name(),
                        a.tokenLimit() == null ? "unlimited" : String.format(Locale.ROOT, "%.1f", a.tokenLimit()),
                        a.tokensUsed(), a.requestCount(), a.disabled() ? "disabled" : "active"));
            }
            return 0;
        }
    }

    @Command(name = "create-key", description = "Create an API key and print it (shown only this once).")
    static final class CreateKey extends Sub {
        @Option(names = "--account", required = true, description = "account name")
        String account;

        @Option(names = "--name", defaultValue = "default", description = "display name (answer of /v1/users/me)")
        String name;

        @Override
        int run(Accounts accounts) throws SQLException {
            Accounts.NewKey key = accounts.createKey(account(accounts, account).id(), name);
            out(key.key());
            spec.commandLine().getErr().println("created key '" + name + "' (" + ApiKeyFormat.lookupPrefix(key.key())
                    + "...) for account " + account + "; store it now, it is not shown again");
            return 0;
        }
    }

    @Command(name = "list-keys", description = "List API keys (prefix, name, state); never the keys themselves.")
    static final class ListKeys extends Sub {
        @Option(names = "--account", description = "only this account")
        String account;

        @Override
        int run(Accounts accounts) throws SQLException {
            UUID accountId = account == null ? null : account(accounts, account).id();
            List<Accounts.KeyInfo> keys = accounts.listKeys(accountId);
            out(String.format(Locale.ROOT, "%-36s %-18s %-20s %-20s %s", "ID", "PREFIX", "ACCOUNT", "NAME", "STATE"));
            for (Accounts.KeyInfo k : keys) {
                out(String.format(Locale.ROOT, "%-36s %-18s %-20s %-20s %s", k.id(), k.prefix(), k.accountName(), k.name(),
                        k.revokedAt() == null ? "active" : "revoked " + k.revokedAt()));
            }
            return 0;
        }
    }

    @Command(name = "revoke-key", description = "Revoke an API key by id, prefix or the key itself.")
    static final class RevokeKey extends Sub {
        @Parameters(index = "0", description = "key id, prefix (lsk_ + 12 characters) or whole key")
        String key;

        @Override
        int run(Accounts accounts) throws SQLException {
            if (!accounts.revokeKey(key)) {
                throw new IllegalArgumentException("no active key " + key);
            }
            out("revoked " + key + " (refused by running servers within a few seconds)");
            return 0;
        }
    }

    @Command(name = "set-quota", description = "Set an account's quota in tokens (seconds of output video).")
    static final class SetQuota extends Sub {
        @Option(names = "--account", required = true)
        String account;

        @CommandLine.ArgGroup(exclusive = true, multiplicity = "1")
        Limit limit;

        static final class Limit {
            @Option(names = "--tokens", description = "the new limit") Double tokens;
            @Option(names = "--unlimited", description = "no limit") boolean unlimited;
        }

        @Option(names = "--reset-usage", description = "also set the used tokens back to 0")
        boolean resetUsage;

        @Override
        int run(Accounts accounts) throws SQLException {
            UUID id = account(accounts, account).id();
            accounts.setTokenLimit(id, limit.unlimited ? null : limit.tokens);
            if (resetUsage) {
                accounts.setTokensUsed(id, 0);
            }
            out("account " + account + ": token limit " + (limit.unlimited ? "unlimited" : limit.tokens)
                    + (resetUsage ? ", usage reset to 0" : ""));
            return 0;
        }
    }

    @Command(name = "set-disabled", description = "Disable (true) or enable (false) an account: its keys are refused.")
    static final class SetDisabled extends Sub {
        @Option(names = "--account", required = true)
        String account;

        @Parameters(index = "0", description = "true or false")
        boolean disabled;

        @Override
        int run(Accounts accounts) throws SQLException {
            accounts.setDisabled(account(accounts, account).id(), disabled);
            out("account " + account + (disabled ? " disabled" : " enabled"));
            return 0;
        }
    }
}
