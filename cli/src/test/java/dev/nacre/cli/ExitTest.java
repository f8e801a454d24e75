package dev.nacre.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.nacre.testkit.Reply;
import dev.nacre.testkit.ScriptedModelServer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * How the real {@code main} ends. A plain {@code run} ends with {@code Runtime.halt}, which runs no
 * shutdown hook; when sqlite-jdbc had to copy its library to the temp directory (its copy is deleted
 * by {@code File.deleteOnExit}, a hook), the process must exit normally, or every run leaves a copy.
 */
class ExitTest {
    @TempDir
    Path dir;

    @Test
    void aRunWhoseDriverCopiedItsLibraryToTempLeavesNothingThere() throws Exception {
        Path tmp = Files.createDirectories(dir.resolve("tmp"));
        var run = run(tmp, "/dev/null/not-a-directory");
        assertThat(run.exit()).as(run.err()).isZero();
        assertThat(run.out().strip()).isEqualTo("Hello!");
        try (Stream<Path> left = Files.list(tmp)) {
            assertThat(left.map(p -> p.getFileName().toString())).as("the driver's copy is deleted at exit").isEmpty();
        }
    }

    @Test
    void aRunWithItsOwnLibraryDirectoryCopiesNothingToTemp() throws Exception {
        Path tmp = Files.createDirectories(dir.resolve("tmp"));
        var run = run(tmp, dir.resolve("native").toString());
        assertThat(run.exit()).as(run.err()).isZero();
        assertThat(run.out().strip()).isEqualTo("Hello!");
        try (Stream<Path> left = Files.list(tmp)) {
            assertThat(left).isEmpty();
        }
        assertThat(dir.resolve("native")).isDirectory();
    }

    private Cli.Result run(Path tmp, String nativeDir) throws Exception {
        try (var server = ScriptedModelServer.start()) {
            server.enqueue(Reply.text("Hello!"));
            var command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                    "--enable-native-access=ALL-UNNAMED", "-Djava.io.tmpdir=" + tmp, "-Dnacre.native.dir=" + nativeDir,
                    "-cp", System.getProperty("java.class.path"), "dev.nacre.cli.Main", "run", "Hello"));
            Path out = dir.resolve("out.txt");
            Path err = dir.resolve("err.txt");
            var builder = new ProcessBuilder(command).redirectOutput(out.toFile()).redirectError(err.toFile());
            builder.environment().remove("JAVA_TOOL_OPTIONS");
            builder.environment().put("NACRE_HOME", dir.resolve("home").toString());
            builder.environment().put("NACRE_BASE_URL", server.baseUrl());
            builder.environment().put("NACRE_MODEL", "m");
            int exit = builder.start().waitFor();
            return new Cli.Result(exit, Files.readString(out), Files.readString(err));
        }
    }
}
