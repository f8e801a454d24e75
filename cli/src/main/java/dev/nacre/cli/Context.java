package dev.nacre.cli;

import java.io.InputStream;
import java.io.PrintStream;
import java.util.Map;

/**
 * What a command may touch of the outside world: the environment and the standard streams.
 * Passed in (not read from System) so tests run commands in-process with their own.
 *
 * @param exitsAfter the process exits when the command returns (the real CLI), so what only
 *     tidies up for a next command in the same process can be left to the exit
 */
record Context(Map<String, String> env, InputStream in, PrintStream out, PrintStream err, TerminalFactory terminals,
               boolean exitsAfter) {

    /** A context for commands run in a process that goes on afterwards (tests, the AOT training). */
    Context(Map<String, String> env, InputStream in, PrintStream out, PrintStream err, TerminalFactory terminals) {
        this(env, in, out, err, terminals, false);
    }

    static Context system() {
        return new Context(System.getenv(), System.in, System.out, System.err, TerminalFactory.SYSTEM, true);
    }

    NacreHome home() {
        return NacreHome.from(env);
    }

    Config config() {
        return new ConfigLoader(env).load(home().config());
    }
}
