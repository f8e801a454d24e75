package dev.nacre.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.PrintStream;
import java.io.OutputStream;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The quick reading of {@code nacre run} takes plain lines and leaves every other one to picocli. */
class QuickParseTest {
    private final PrintStream quiet = new PrintStream(OutputStream.nullOutputStream());
    private final Context context = new Context(Map.of(), new ByteArrayInputStream(new byte[0]), quiet, quiet, TerminalFactory.SYSTEM);

    @Test
    void readsPlainRunLines() {
        var run = QuickParse.run(context, "run", "--json", "--model", "m", "--base-url=http://h/v1", "--max-turns", "7", "do", "it").orElseThrow();
        assertThat(run.json).isTrue();
        assertThat(run.provider.model).isEqualTo("m");
        assertThat(run.provider.baseUrl).isEqualTo("http://h/v1");
        assertThat(run.provider.maxTurns).isEqualTo(7);
        assertThat(run.task).containsExactly("do", "it");
        assertThat(QuickParse.run(context, "run", "Hello", "--json").orElseThrow().task).containsExactly("Hello");
    }

    @Test
    void leavesEverythingElseToPicocli() {
        for (List<String> line : List.of(List.of("run"), List.of("run", "--json"), List.of("run", "-h", "x"),
                List.of("run", "--help"), List.of("run", "--", "x"), List.of("run", "@args.txt"),
                List.of("run", "--model", "a", "--model", "b", "x"), List.of("run", "--json", "--json", "x"),
                List.of("run", "--json=true", "x"), List.of("run", "--max-turns", "-1", "x"),
                List.of("run", "--max-turns", "010", "x"), List.of("run", "--max-turns", "1e3", "x"),
                List.of("run", "x", "--model"), List.of("run", "--model", "--json", "x"), List.of("run", "--unknown", "x"),
                List.of("chat"), List.of("sessions", "list"))) {
            assertThat(QuickParse.run(context, line.toArray(String[]::new))).as(line.toString()).isEmpty();
        }
        assertThat(QuickParse.version("--version")).isTrue();
        assertThat(QuickParse.version("-V")).isTrue();
        assertThat(QuickParse.version("--version", "x")).isFalse();
    }
}
