package dev.nacre.tools;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** Two processes adding memory entries to one home at once lose none of them. */
class MemoryAcrossProcessesTest {
    private static final int ENTRIES = 100;

    @TempDir Path dir;

    @Test
    @Timeout(120)
    void concurrentChangesFromTwoProcessesAreAllKept() throws Exception {
        Path memories = dir.resolve("memories");
        var children = new ArrayList<Process>();
        for (String name : List.of("a", "b")) {
            children.add(new ProcessBuilder(ProcessHandle.current().info().command().orElseThrow(),
                    "-cp", System.getProperty("java.class.path"), Adder.class.getName(), memories.toString(), dir.toString(), name)
                    .redirectErrorStream(true).redirectOutput(dir.resolve(name + ".log").toFile()).start());
        }
        while (!(Files.exists(dir.resolve("ready-a")) && Files.exists(dir.resolve("ready-b")))) {
            assertThat(children).allMatch(Process::isAlive);
            Thread.sleep(5);
        }
        Files.createFile(dir.resolve("go"));
        for (int i = 0; i < children.size(); i++) {
            assertThat(children.get(i).waitFor(60, TimeUnit.SECONDS)).isTrue();
            assertThat(children.get(i).exitValue()).as(Files.readString(dir.resolve(List.of("a", "b").get(i) + ".log"))).isZero();
        }

        var entries = MemoryFiles.read(memories, MemoryTarget.MEMORY);
        assertThat(entries).hasSize(2 * ENTRIES);
        for (int k = 0; k < ENTRIES; k++) assertThat(entries).contains("a" + k, "b" + k);
    }

    @Test
    void twoPathsToOneDirectoryWaitForEachOtherInsteadOfFailing() throws Exception {
        Path real = Files.createDirectories(dir.resolve("memories"));
        Path link = Files.createSymbolicLink(dir.resolve("link"), real);
        var viaReal = new MemoryFiles(real);
        var viaLink = new MemoryFiles(link);
        var writers = new ArrayList<Thread>();
        for (var files : List.of(viaReal, viaLink, viaReal, viaLink)) {
            writers.add(Thread.ofPlatform().start(() -> {
                for (int k = 0; k < 20; k++) {
                    String entry = Thread.currentThread().threadId() + "-" + k;
                    files.update(MemoryTarget.MEMORY, before -> {
                        var after = new ArrayList<>(before);
                        after.add(entry);
                        return after;
                    });
                }
            }));
        }
        for (Thread t : writers) t.join(30_000);
        assertThat(MemoryFiles.read(real, MemoryTarget.MEMORY)).hasSize(80);
    }

    /** Adds ENTRIES short entries, one change each, once the test says go. */
    static final class Adder {
        public static void main(String[] args) throws Exception {
            var files = new MemoryFiles(Path.of(args[0]));
            Path shared = Path.of(args[1]);
            String name = args[2];
            Files.createFile(shared.resolve("ready-" + name));
            while (!Files.exists(shared.resolve("go"))) Thread.onSpinWait();
            for (int k = 0; k < ENTRIES; k++) {
                String entry = name + k;
                files.update(MemoryTarget.MEMORY, before -> {
                    var after = new ArrayList<>(before);
                    after.add(entry);
                    return after;
                });
            }
        }
    }
}
