package dev.nacre.bench;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * One process to time: a command, the environment it adds, and the line it must print (a run
 * that failed would time the error path). Output goes to files, so no reader thread competes
 * with the process for the CPU.
 */
record Launch(String name, List<String> command, Path workingDir, Map<String, String> env, String expectedOutput) {

    /** Environment variables that would change what a run does; removed from every launch. */
    private static final List<String> SCRUBBED = List.of("JAVA_TOOL_OPTIONS", "JDK_JAVA_OPTIONS", "_JAVA_OPTIONS",
            "NACRE_HOME", "NACRE_BASE_URL", "NACRE_MODEL", "NACRE_API_KEY", "NACRE_JAVA_HOME");

    Launch {
        command = List.copyOf(command);
        env = Map.copyOf(env);
    }

    Launch withEnv(String key, String value) {
        var more = new java.util.HashMap<>(env);
        more.put(key, value);
        return new Launch(name, command, workingDir, more, expectedOutput);
    }

    /** Runs the process to its end and returns its wall time in nanoseconds, start to exit. */
    long time(Path scratch) {
        Path out = scratch.resolve(name + ".out");
        Path err = scratch.resolve(name + ".err");
        var builder = new ProcessBuilder(command).directory(workingDir.toFile())
                .redirectOutput(out.toFile()).redirectError(err.toFile());
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
            return elapsed;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot start " + command, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        }
    }
}
