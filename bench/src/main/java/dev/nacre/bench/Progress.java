package dev.nacre.bench;

import java.io.PrintStream;
import java.util.Locale;

/**
 * One line on stderr, redrawn with a carriage return, while the benchmark runs: a bar, steps done
 * of the total, elapsed time and the step just finished. Off when stderr is not a terminal (CI,
 * a redirected run, the smoke test), where a carriage return only litters the log.
 */
final class Progress {
    private static final int WIDTH = 30;
    private final PrintStream out;
    private final int total;
    private final long start = System.nanoTime();
    private int done;

    private Progress(PrintStream out, int total) {
        this.out = out;
        this.total = total;
    }

    static Progress off() {
        return new Progress(null, 1);
    }

    /** On when this process has an interactive terminal. */
    static Progress forTerminal(int total) {
        var console = System.console();
        return console != null && console.isTerminal() ? new Progress(System.err, total) : off();
    }

    synchronized void step(String what) {
        done++;
        if (out == null) return;
        int filled = Math.min(WIDTH, done * WIDTH / Math.max(1, total));
        String line = String.format(Locale.ROOT, "[%s%s] %d/%d %4.0fs %s", "#".repeat(filled), ".".repeat(WIDTH - filled),
                Math.min(done, total), total, (System.nanoTime() - start) / 1e9, what);
        if (line.length() > 110) line = line.substring(0, 110);
        out.print("\r" + line + " ".repeat(Math.max(0, 110 - line.length())));
        out.flush();
    }

    synchronized void finish() {
        if (out == null) return;
        out.print("\r" + " ".repeat(110) + "\r");
        out.flush();
    }
}
