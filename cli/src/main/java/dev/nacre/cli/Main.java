package dev.nacre.cli;

import dev.nacre.runtime.ModelException;
import dev.nacre.sandbox.PolicyException;
import dev.nacre.sandbox.SandboxException;
import dev.nacre.store.NativeLibrary;
import dev.nacre.store.StoreException;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/** The {@code nacre} command. */
@Command(name = "nacre", mixinStandardHelpOptions = true, version = Main.VERSION,
        description = "Run AI agents whose tools are sandboxed and whose every step is journaled.")
public final class Main implements Runnable {
    static final String VERSION = "nacre 0.1.0";
    private final Context context;

    private Main(Context context) {
        this.context = context;
    }

    public static void main(String[] args) {
        var context = Context.system();
        int code = execute(context, args);
        System.out.flush();
        System.err.flush();
        // The lines QuickParse reads (run, --version) end with halt, not System.exit: since JDK 21
        // System.exit first asks System.Logger whether to log the exit, which sets up the logging
        // framework (a LoggerFinder lookup, java.util.logging): about 10 ms of a 90 ms start. halt
        // runs no shutdown hook, so no File.deleteOnExit either: these commands need none (Nacre has
        // no hook, JLine is chat's) unless sqlite-jdbc had to copy its library to a temporary file.
        boolean quick = QuickParse.version(args) || QuickParse.run(context, args).isPresent();
        if (quick && !NativeLibrary.mayHaveTemporaryCopy()) Runtime.getRuntime().halt(code);
        System.exit(code);
    }

    static int execute(Context context, String... args) {
        if (QuickParse.version(args)) {
            context.out().println(VERSION);
            return ExitCode.OK;
        }
        var run = QuickParse.run(context, args);
        if (run.isPresent()) {
            try {
                return run.get().call();
            } catch (Exception e) {
                return handle(context, e);
            }
        }
        var cli = new CommandLine(new Main(context))
                .addSubcommand(new RunCommand(context))
                .addSubcommand(new ChatCommand(context))
                .addSubcommand(new SessionsCommand(context))
                .addSubcommand(new ToolsCommand(context))
                .addSubcommand(new DoctorCommand(context))
                .setOut(new java.io.PrintWriter(context.out(), true))
                .setErr(new java.io.PrintWriter(context.err(), true))
                .setExecutionExceptionHandler((e, cmd, parsed) -> handle(context, e));
        cli.getCommandSpec().exitCodeOnUsageHelp(ExitCode.OK);
        return cli.execute(args);
    }

    private static int handle(Context context, Exception e) {
        int code = switch (e) {
            case UsageError u -> ExitCode.USAGE;
            case ModelException m when m.refused() -> ExitCode.PROVIDER;
            case ModelException m -> ExitCode.FAILED;
            case StoreException s -> ExitCode.USAGE;
            case PolicyException p -> ExitCode.USAGE;
            case SandboxException s -> ExitCode.FAILED;
            default -> -1;
        };
        if (code < 0) {
            context.err().println("nacre: internal error: " + e);
            e.printStackTrace(context.err());
            return ExitCode.FAILED;
        }
        context.err().println("nacre: " + e.getMessage());
        return code;
    }

    @Override
    public void run() {
        new CommandLine(this).usage(context.out());
    }
}
