package dev.nacre.cli;

import java.util.ArrayList;
import java.util.Optional;

/**
 * Reads the two command lines scripts run most, {@code nacre --version} and a plain
 * {@code nacre run [--json] [--model M] [--base-url U] [--max-turns N] TASK...}, without building
 * picocli's model of every command (reflection over five classes: about a third of a short run).
 * Anything else, including every line picocli would reject or expand ({@code @file}, {@code --},
 * a repeated option, {@code -h}), goes to picocli, so its help and its error messages stay the only ones.
 */
final class QuickParse {
    private QuickParse() {}

    /** True for exactly {@code --version} or {@code -V}. */
    static boolean version(String... args) {
        return args.length == 1 && (args[0].equals("--version") || args[0].equals("-V"));
    }

    /** A {@code run} command with its flags set, or empty when picocli should read this line. */
    static Optional<RunCommand> run(Context context, String... args) {
        if (args.length < 2 || !args[0].equals("run")) return Optional.empty();
        var run = new RunCommand(context);
        var task = new ArrayList<String>();
        boolean model = false, baseUrl = false, maxTurns = false, json = false, initOnly = false, stdinTurns = false;
        for (int i = 1; i < args.length; i++) {
            String a = args[i];
            if (a.startsWith("@")) return Optional.empty();
            if (!a.startsWith("-")) {
                task.add(a);
                continue;
            }
            int eq = a.indexOf('=');
            String name = eq < 0 ? a : a.substring(0, eq);
            if (name.equals("--json") && eq < 0 && !json) {
                json = run.json = true;
                continue;
            }
            if (name.equals("--init-only") && eq < 0 && !initOnly) {
                initOnly = run.initOnly = true;
                continue;
            }
            String value;
            if (eq >= 0) {
                value = a.substring(eq + 1);
            } else if (i + 1 < args.length) {
                value = args[++i];
            } else {
                return Optional.empty();
            }
            if (value.startsWith("-") || value.startsWith("@")) return Optional.empty();
            switch (name) {
                case "--model" -> {
                    if (model) return Optional.empty();
                    model = true;
                    run.provider.model = value;
                }
                case "--base-url" -> {
                    if (baseUrl) return Optional.empty();
                    baseUrl = true;
                    run.provider.baseUrl = value;
                }
                case "--max-turns" -> {
                    if (maxTurns || !value.matches("0|[1-9][0-9]{0,8}")) return Optional.empty();
                    maxTurns = true;
                    run.provider.maxTurns = Integer.parseInt(value);
                }
                case "--stdin-turns" -> {
                    if (stdinTurns || !(value.equals("history") || value.equals("no-history"))) return Optional.empty();
                    stdinTurns = true;
                    run.stdinTurns = value;
                }
                default -> {
                    return Optional.empty();
                }
            }
        }
        if (task.isEmpty() && !initOnly && !stdinTurns) return Optional.empty();
        run.task = task;
        return Optional.of(run);
    }
}
