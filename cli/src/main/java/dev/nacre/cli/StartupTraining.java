package dev.nacre.cli;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.Map;
import java.util.stream.Stream;

/**
 * The training run for the JDK's AOT cache, run by the build of {@code cli}
 * ({@code java -XX:AOTCacheOutput=target/nacre.aot -cp target/nacre.jar dev.nacre.cli.StartupTraining}).
 * It runs the commands a script starts most, in-process against a canned model on loopback, so
 * the cache holds the classes, linked and initialised, that those starts load. Prints nothing.
 */
final class StartupTraining {
    private StartupTraining() {}

    public static void main(String[] args) throws IOException {
        System.getenv(); // the real CLI reads its environment; the runs below are given theirs as a map
        Path home = Files.createTempDirectory("nacre-training");
        var quiet = new PrintStream(OutputStream.nullOutputStream());
        try (var model = new CannedModel().thenToolCall()) {
            var env = Map.of("NACRE_HOME", home.toString(), "NACRE_BASE_URL", model.baseUrl(), "NACRE_MODEL", "m");
            var context = new Context(env, new ByteArrayInputStream(new byte[0]), quiet, quiet, TerminalFactory.SYSTEM);
            int failures = 0;
            failures += Main.execute(context, "run", "Remember that I like benchmarks.");
            failures += Main.execute(context, "run", "--json", "Hello");
            failures += Main.execute(context, "run", "Hello");
            failures += Main.execute(context, "--version");
            var bare = new Context(Map.of("NACRE_HOME", home.toString()), context.in(), quiet, quiet, TerminalFactory.SYSTEM);
            Main.execute(bare, "run", "Hello"); // no provider: the guide, exit 2
            if (failures != 0) {
                System.err.println("nacre: the start-up training run failed; the AOT cache will not help");
                System.exit(1);
            }
        } finally {
            try (Stream<Path> files = Files.walk(home)) {
                files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
            }
        }
        System.exit(0);
    }
}
