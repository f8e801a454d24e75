package dev.nacre.bench;

import dev.nacre.testkit.Reply;
import dev.nacre.testkit.ScriptedModelServer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Whole-process wall time of {@code ./nacre run "Hello"} against a scripted model server in this
 * JVM, next to a Java hello world on the same JDK: the floor any JVM program starts from. Each
 * round runs every process once, in rotating order, so drift in machine load hits all alike.
 */
final class ProcessBench {
    static final String HELLO = "java HelloWorld (same JDK and JVM flags, precompiled)";
    static final String COLD = "./nacre run \"Hello\" · cold (fresh NACRE_HOME per run)";
    static final String WARM = "./nacre run \"Hello\" · warm (reused NACRE_HOME)";

    private final Iterations iterations;
    private final Path repoRoot;
    private final Path workDir;

    ProcessBench(Iterations iterations, Path repoRoot, Path workDir) {
        this.iterations = iterations;
        this.repoRoot = repoRoot;
        this.workDir = workDir;
    }

    record Result(List<ResultTable.Row> rows, ClassCensus hello, ClassCensus nacre) {}

    Result measure() {
        try (var server = ScriptedModelServer.start()) {
            server.always(Reply.text("Hello!"));
            Path scratch = directory("scratch");
            var hello = new Launch("hello", HelloProgram.compile(directory("hello")), repoRoot, Map.of(), HelloProgram.OUTPUT);
            var nacre = new Launch("nacre", List.of(repoRoot.resolve("nacre").toString(), "run", "Hello"), repoRoot,
                    Map.of("NACRE_BASE_URL", server.baseUrl(), "NACRE_MODEL", "scripted-model",
                            "NACRE_JAVA_HOME", Jdk.home().toString()), "Hello!");
            var warm = nacre.withEnv("NACRE_HOME", directory("warm-home").toString());

            // One unmeasured run of each: fills the page cache and creates the warm home's database.
            hello.time(scratch);
            cold(nacre).time(scratch);
            warm.time(scratch);

            var samples = List.of(new Samples(), new Samples(), new Samples());
            for (int round = 0; round < iterations.processRuns(); round++) {
                for (int k = 0; k < 3; k++) {
                    int which = (round + k) % 3;
                    var launch = switch (which) {
                        case 0 -> hello;
                        case 1 -> cold(nacre);
                        default -> warm;
                    };
                    samples.get(which).add(launch.time(scratch));
                }
            }
            var helloStats = samples.get(0).stats();
            var rows = List.of(new ResultTable.Row(HELLO, helloStats, Optional.of(1.0)),
                    row(COLD, samples.get(1).stats(), helloStats), row(WARM, samples.get(2).stats(), helloStats));
            return new Result(rows, ClassCensus.of(hello, scratch), ClassCensus.of(warm, scratch));
        }
    }

    private Launch cold(Launch nacre) {
        try {
            return nacre.withEnv("NACRE_HOME", Files.createTempDirectory(workDir, "cold-home").toString());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static ResultTable.Row row(String label, Stats stats, Stats hello) {
        return new ResultTable.Row(label, stats, Optional.of((double) stats.median() / hello.median()));
    }

    private Path directory(String name) {
        try {
            return Files.createDirectories(workDir.resolve(name));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
