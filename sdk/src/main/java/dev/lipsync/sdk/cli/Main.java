package dev.lipsync.sdk.cli;

import java.io.PrintStream;
import java.io.PrintWriter;
import java.util.Map;
import picocli.CommandLine;

/** Entry point of the {@code chamelaion} command line. */
public final class Main {
    private Main() {
    }

    public static void main(String[] args) {
        System.exit(run(args, System.getenv(), System.out, System.err, System.console() != null));
    }

    /** Runs one command line and returns its exit code (see {@link ExitCode}); never calls System.exit. */
    public static int run(String[] args, Map<String, String> env, PrintStream out, PrintStream err, boolean interactive) {
        ChamelaionCommand root = new ChamelaionCommand(new ChamelaionCommand.Context(env, out, err, interactive));
        CommandLine cli = new CommandLine(root);
        cli.setOut(new PrintWriter(out, true));
        cli.setErr(new PrintWriter(err, true));
        cli.setParameterExceptionHandler((e, argv) -> {
            String command = e.getCommandLine().getCommandSpec().qualifiedName();
            err.println("error: " + e.getMessage().replaceAll("[\r\n]+", " ") + " (see '" + command + " --help')");
            return ExitCode.USAGE;
        });
        cli.setExecutionExceptionHandler((e, commandLine, parsed) -> {
            err.println("error: " + ExitCode.message(e));
            if ("1".equals(env.get("CHAMELAION_DEBUG"))) {
                e.printStackTrace(err);
            }
            return ExitCode.of(e);
        });
        int code = cli.execute(args);
        out.flush();
        err.flush();
        return code;
    }
}
