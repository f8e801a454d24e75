package dev.nacre.bench;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.stream.Stream;

/**
 * {@code bench/run [--quick] [--out FILE]}: runs the benchmark, prints the tables, and in full mode
 * writes {@code docs/BENCHMARKS.md} (a quick run writes only where {@code --out} says, so it never
 * replaces the published numbers).
 */
public final class Main {
    private Main() {}

    public static void main(String[] args) throws IOException {
        boolean quick = false;
        Path out = null;
        for (int i = 0; i < args.length; i++) {
            switch (args[i]) {
                case "--quick" -> quick = true;
                case "--out" -> {
                    if (i + 1 == args.length) usage("--out needs a file");
                    out = Path.of(args[++i]);
                }
                default -> usage("unknown argument: " + args[i]);
            }
        }
        Path root = repoRoot();
        if (!quick && out == null) out = root.resolve("docs/BENCHMARKS.md");
        var iterations = quick ? Iterations.quick() : Iterations.full();
        String mode = (quick ? "quick" : "full") + ": " + iterations.describe();
        String command = System.getProperty("nacre.bench.command", "java dev.nacre.bench.Main " + String.join(" ", args)).strip();

        Path work = Files.createTempDirectory("nacre-bench");
        try {
            System.err.println("nacre bench: " + mode + " (work dir " + work + ")");
            var progress = Progress.forTerminal(Benchmark.steps());
            var report = new Benchmark(iterations, root, work).run(command, mode, progress);
            progress.finish();
            String markdown = report.markdown();
            System.out.println(markdown);
            if (out != null) {
                Path dir = out.toAbsolutePath().getParent();
                Files.createDirectories(dir);
                Files.writeString(out, markdown);
                for (var chart : report.charts().entrySet()) Files.writeString(dir.resolve(chart.getKey()), chart.getValue());
                System.err.println("nacre bench: wrote " + out + " and its charts " + String.join(", ", report.charts().keySet()));
            }
        } finally {
            delete(work);
        }
    }

    /** The repository root: {@code -Dnacre.bench.root}, else the nearest directory up from here with the nacre launcher. */
    static Path repoRoot() {
        String configured = System.getProperty("nacre.bench.root", "");
        Path dir = configured.isBlank() ? Path.of("").toAbsolutePath() : Path.of(configured).toAbsolutePath();
        for (Path d = dir; d != null; d = d.getParent()) {
            if (Files.isRegularFile(d.resolve("nacre")) && Files.isDirectory(d.resolve("cli"))) {
                if (!Files.isRegularFile(d.resolve(Deliverable.JAR))) {
                    usage("the CLI is not built; run: ./mvnw -q install -DskipTests");
                }
                return d;
            }
        }
        usage("cannot find the Nacre repository (the directory with ./nacre) from " + dir + "; run from its root");
        return dir;
    }

    private static void usage(String message) {
        System.err.println("nacre bench: " + message);
        System.err.println("usage: bench/run [--quick] [--out FILE]");
        System.exit(2);
    }

    private static void delete(Path dir) throws IOException {
        try (Stream<Path> paths = Files.walk(dir)) {
            paths.sorted(Comparator.reverseOrder()).forEach(p -> {
                try {
                    Files.delete(p);
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            });
        }
    }
}
