package dev.nacre.cli;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;

/** Runs {@code nacre} in-process with its own environment and captured streams. */
final class Cli {
    final Map<String, String> env = new HashMap<>();

    Cli(Path home) {
        env.put("NACRE_HOME", home.toString());
    }

    Cli provider(String baseUrl, String model) {
        env.put("NACRE_BASE_URL", baseUrl);
        env.put("NACRE_MODEL", model);
        return this;
    }

    Result run(String... args) {
        var out = new ByteArrayOutputStream();
        var err = new ByteArrayOutputStream();
        var context = new Context(Map.copyOf(env), new ByteArrayInputStream(new byte[0]),
                new PrintStream(out, true, StandardCharsets.UTF_8), new PrintStream(err, true, StandardCharsets.UTF_8),
                TerminalFactory.SYSTEM);
        int code = Main.execute(context, args);
        return new Result(code, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
    }

    record Result(int exit, String out, String err) {}
}
