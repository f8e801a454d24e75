package dev.nacre.bench;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.stream.Stream;
import java.util.zip.ZipFile;

/**
 * What a user installs: {@code cli/target/nacre.jar}, the CLI with every runtime dependency in one
 * jar (the JDK not counted), the AOT cache apart; the largest parts of that jar by package, and
 * whether any optional part (embeddings, local inference, a Python sandbox) slipped into it.
 */
record Deliverable(long jarBytes, int jarEntries, List<Part> largest, long aotCacheBytes, List<String> optionalParts,
                   long peerJarBytes, int peerJarCount, long jdkBytes) {

    /** A package prefix of the jar (three levels, e.g. {@code org/sqlite/native}) and its compressed bytes. */
    record Part(String name, long bytes) {}

    static final String JAR = "cli/target/nacre.jar";

    /** Entry names that would mean an optional part is in the core set. */
    private static final String OPTIONAL = ".*(onnx|djl|llama|gguf|tokenizers|embedding|graalpy|python|jep|tensorflow|pytorch|langchain4j).*";

    static Deliverable of(Path repoRoot) {
        Path jar = repoRoot.resolve(JAR);
        var parts = new TreeMap<String, Long>();
        var optional = new TreeSet<String>();
        int entries;
        try (var zip = new ZipFile(jar.toFile())) {
            entries = zip.size();
            zip.stream().filter(e -> !e.isDirectory()).forEach(e -> {
                String part = prefix(e.getName());
                parts.merge(part, e.getCompressedSize(), Long::sum);
                if (e.getName().toLowerCase(Locale.ROOT).matches(OPTIONAL)) optional.add(part);
            });
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        var largest = parts.entrySet().stream().sorted(Map.Entry.<String, Long>comparingByValue(Comparator.reverseOrder()))
                .limit(6).map(e -> new Part(e.getKey(), e.getValue())).toList();
        Path aot = repoRoot.resolve("cli/target/nacre.aot");
        long aotBytes = Files.isRegularFile(aot) ? size(aot) : 0;
        var peer = ProcessScenarios.peerJars();
        return new Deliverable(size(jar), entries, largest, aotBytes, List.copyOf(optional),
                peer.stream().mapToLong(Deliverable::size).sum(), peer.size(), tree(Jdk.home()));
    }

    private static String prefix(String entry) {
        var segments = List.of(entry.split("/"));
        var dirs = segments.subList(0, Math.max(segments.size() - 1, 0));
        return dirs.isEmpty() ? "(root)" : String.join("/", dirs.subList(0, Math.min(3, dirs.size())));
    }

    private static long size(Path p) {
        try {
            return Files.size(p);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static long tree(Path dir) {
        try (Stream<Path> files = Files.walk(dir)) {
            return files.filter(Files::isRegularFile).mapToLong(Deliverable::size).sum();
        } catch (IOException | UncheckedIOException e) {
            return -1;
        }
    }

    static String mib(long bytes) {
        return bytes < 0 ? "unknown" : Table.number(bytes / 1024.0 / 1024.0) + " MiB";
    }
}
