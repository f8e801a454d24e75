package dev.nacre.bench;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * One process to time: a command, the environment it adds, and the line it must print (a run
 * that failed would time the error path). Output goes to files, so no reader thread competes
 * with the process for the CPU.
 */
record Launch(String name, List<String> command, Path workingDir, Map<String, String> env, String expectedOutput,
              Optional<Path> stdin) {

    /** Environment variables that would change what a run does; removed from every launch. */
    private static final List<String> SCRUBBED = List.of("JAVA_TOOL_OPTIONS", "JDK_JAVA_OPTIONS", "_JAVA_OPTIONS",
            "NACRE_HOME", "NACRE_BASE_URL", "NACRE_MODEL", "NACRE_API_KEY", "NACRE_JAVA_HOME");

    Launch {
        command = List.copyOf(command);
        env = Map.copyOf(env);
    }

    Launch(String name, List<String> command, Path workingDir, Map<String, String> env, String expectedOutput) {
        this(name, command, workingDir, env, expectedOutput, Optional.empty());
    }

    Launch withEnv(String key, String value) {
        var more = new java.util.HashMap<>(env);
        more.put(key, value);
        return new Launch(name, command, workingDir, more, expectedOutput, stdin);
    }

    /** The same process fed {@code input} on stdin, expected to print {@code output}. */
    Launch withStdin(Path input, String output) {
        return new Launch(name, command, workingDir, env, output, Optional.of(input));
    }

    Launch named(String newName) {
        return new Launch(newName, command, workingDir, env, expectedOutput, stdin);
    }

    /** Runs the process to its end and returns its wall time in nanoseconds, start to exit. */
    long time(Path scratch) {
        return run(scratch, command);
    }

    /**
     * Runs the process under {@code /usr/bin/time} and returns its peak resident set size in KiB
     * (VmHWM at exit; {@code ./nacre} execs the JVM, so it is the JVM's), or -1 without that tool.
     */
    long maxRssKib(Path scratch) {
        if (!Files.isExecutable(Path.of(TIME))) return -1;
        var wrapped = new java.util.ArrayList<>(List.of(TIME, "-f", "%M", "-o", scratch.resolve(name + ".rss").toString()));
        wrapped.addAll(command);
        run(scratch, wrapped);
        try {
            var lines = Files.readAllLines(scratch.resolve(name + ".rss"));
            return Long.parseLong(lines.getLast().strip());
        } catch (IOException | RuntimeException e) {
            return -1;
        }
    }

    private static final String TIME = "/usr/bin/time";

    private long run(Path scratch, List<String> argv) {
        Path out;
        Path err;
        try {
            // Unique files: the same launch may run many times at once (parallel agents, worker pools).
            out = Files.createTempFile(scratch, name, ".out");
            err = Files.createTempFile(scratch, name, ".err");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        var builder = new ProcessBuilder(argv).directory(workingDir.toFile())
                .redirectOutput(out.toFile()).redirectError(err.toFile());
        stdin.ifPresent(in -> builder.redirectInput(in.toFile()));
        SCRUBBED.forEach(builder.environment()::remove);
        builder.environment().putAll(env);
        try {
            long start = System.nanoTime();
            int code = builder.start().waitFor();
            long elapsed = System.nanoTime() - start;
            String stdout = Files.readString(out).strip();
            if (code != 0 || !stdout.equals(expectedOutput)) {
                throw new IllegalStateException(name + " failed (exit " + code + ", stdout '" + stdout + "'): "
                        + Files.readString(err).strip());
            }
            Files.delete(out);
            Files.delete(err);
            return elapsed;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot start " + command, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        }
    }
}
