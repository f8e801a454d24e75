package dev.nacre.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.FileTime;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.spi.ToolProvider;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The launcher passes {@code -XX:AOTCache} whenever the file exists; a cache the JVM rejects (stale
 * jars, garbage, another JDK) must cost only speed: with {@code jvm.options} the output is unchanged.
 * (JDK 25 does not notice every changed jar, so the launcher also uses the cache only when it is
 * newer than every jar; that check is the launcher's, in bash.)
 */
class AotCacheTest {
    @TempDir
    Path dir;

    @Test
    void aGarbageCacheChangesNothing() throws Exception {
        Path cache = dir.resolve("garbage.aot");
        Files.write(cache, "not an AOT cache".repeat(1000).getBytes(StandardCharsets.UTF_8));
        assertQuietVersion(java(classPath(), "-XX:AOTCache=" + cache, "--version"));
    }

    @Test
    void aCacheForChangedJarsChangesNothing() throws Exception {
        // The JVM caches classes from jars only: the CLI's classes as a jar, the jars it needs, and a
        // copy of one of them, so that it can be changed after the cache is made from it.
        Path cli = dir.resolve("cli.jar");
        int jarred = ToolProvider.findFirst("jar").orElseThrow()
                .run(System.out, System.err, "--create", "--file", cli.toString(), "-C", "target/classes", ".");
        assertThat(jarred).isZero();
        List<String> entries = new ArrayList<>(List.of(cli.toString()));
        for (String e : classPath().split(File.pathSeparator)) if (e.endsWith(".jar")) entries.add(e);
        int picocli = entries.indexOf(entries.stream().filter(e -> e.contains("picocli")).findFirst().orElseThrow());
        Path copy = dir.resolve("picocli.jar");
        Files.copy(Path.of(entries.get(picocli)), copy, StandardCopyOption.COPY_ATTRIBUTES);
        entries.set(picocli, copy.toString());
        String cp = String.join(File.pathSeparator, entries);
        Path cache = dir.resolve("nacre.aot");

        var made = java(cp, "-XX:AOTCacheOutput=" + cache, "--version");
        assertThat(made.exit).as(made.err).isZero();
        assertThat(cache).exists();
        assertQuietVersion(java(cp, "-XX:AOTCache=" + cache, "--version"));
        assertThat(java(cp, "-XX:AOTMode=on -XX:AOTCache=" + cache, "--version").exit).as("the cache is used").isZero();

        Files.setLastModifiedTime(copy, FileTime.from(Instant.now().plusSeconds(60)));
        assertQuietVersion(java(cp, "-XX:AOTCache=" + cache, "--version"));
        assertQuietVersion(java(cp + File.pathSeparator + copy, "-XX:AOTCache=" + cache, "--version"));
    }

    private static void assertQuietVersion(Run run) {
        assertThat(run.err).isEmpty();
        assertThat(run.out).isEqualTo(Main.VERSION + System.lineSeparator());
        assertThat(run.exit).isZero();
    }

    private static String classPath() {
        return System.getProperty("java.class.path");
    }

    private Run java(String classPath, String aotOptions, String... args) throws IOException, InterruptedException {
        var command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "@" + Path.of("jvm.options").toAbsolutePath()));
        command.addAll(List.of(aotOptions.split(" ")));
        command.addAll(List.of("-cp", classPath, "dev.nacre.cli.Main"));
        command.addAll(List.of(args));
        Path out = Files.createTempFile(dir, "out", ".txt");
        Path err = Files.createTempFile(dir, "err", ".txt");
        var builder = new ProcessBuilder(command).redirectOutput(out.toFile()).redirectError(err.toFile());
        builder.environment().remove("JAVA_TOOL_OPTIONS");
        int exit = builder.start().waitFor();
        return new Run(exit, Files.readString(out), Files.readString(err));
    }

    private record Run(int exit, String out, String err) {}
}
