package dev.nacre.store;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.sqlite.SQLiteJDBCLoader;

/** The native library is copied once into the given directory, and nothing goes to the temp directory. */
class NativeLibraryTest {
    @TempDir Path dir;

    @Test
    @Timeout(120)
    void aProcessLoadsTheLibraryFromItsCopyAndLeavesTheTempDirectoryAlone() throws Exception {
        Path libraries = Files.createDirectory(dir.resolve("native"));
        Path temp = Files.createDirectory(dir.resolve("tmp"));
        for (int run = 0; run < 2; run++) {
            Path stderr = dir.resolve("child.err");
            Process child = new ProcessBuilder(ProcessHandle.current().info().command().orElseThrow(),
                    "--enable-native-access=ALL-UNNAMED", "-Djava.io.tmpdir=" + temp, "-cp", System.getProperty("java.class.path"),
                    Child.class.getName(), libraries.toString(), dir.resolve("state.db").toString())
                    .redirectError(stderr.toFile()).start();
            assertThat(child.waitFor(60, TimeUnit.SECONDS)).isTrue();
            assertThat(child.exitValue()).as(Files.readString(stderr)).isZero();
        }
        String name = System.mapLibraryName("sqlitejdbc");
        try (Stream<Path> copies = Files.list(libraries)) {
            var folders = copies.toList();
            assertThat(folders).singleElement().satisfies(folder -> {
                assertThat(folder.getFileName().toString()).startsWith(SQLiteJDBCLoader.getVersion() + "-");
                assertThat(folder.resolve(name)).isRegularFile();
            });
        }
        try (Stream<Path> left = Files.list(temp)) {
            assertThat(left).as("nothing extracted to the temp directory").isEmpty();
        }
    }

    /** Opens a journal with the library cached in {@code args[0]}, and writes to it. */
    static final class Child {
        public static void main(String[] args) {
            NativeLibrary.cacheIn(Path.of(args[0]));
            try (var journal = SqliteJournal.open(Path.of(args[1]))) {
                journal.create(Events.session("s" + System.nanoTime(), 1));
            }
            if (!System.getProperty("org.sqlite.lib.path").startsWith(args[0])) throw new AssertionError("not loaded from the copy");
            // the driver looks for stale copies of earlier runs there: a small directory, not all of /tmp
            if (!System.getProperty("org.sqlite.tmpdir").equals(args[0])) throw new AssertionError("the driver lists the temp directory");
        }
    }
}
