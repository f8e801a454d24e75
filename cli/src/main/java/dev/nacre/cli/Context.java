package dev.nacre.cli;

import java.io.InputStream;
import java.io.PrintStream;
import java.util.Map;

/**
 * What a command may touch of the outside world: the environment and the standard streams.
 * Passed in (not read from System) so tests run commands in-process with their own.
 */
record Context(Map<String, String> env, InputStream in, PrintStream out, PrintStream err, TerminalFactory terminals) {

    static Context system() {
        return new Context(System.getenv(), System.in, System.out, System.err, TerminalFactory.SYSTEM);
    }

    NacreHome home() {
        return NacreHome.from(env);
    }

    Config config() {
        return new ConfigLoader(env).load(home().config());
    }
}
