package dev.nacre.bench;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;

/**
 * What a user installs: {@code cli/target/nacre-cli.jar} and {@code cli/target/lib/*.jar} (the JDK
 * not counted), the AOT cache apart, and whether any optional part (embeddings, local inference, a
 * Python sandbox) slipped into that set.
 */
record Deliverable(long jarBytes, int jarCount, List<Jar> largest, long aotCacheBytes, List<String> optionalParts,
                   long peerJarBytes, int peerJarCount, long jdkBytes) {

    record Jar(String name, long bytes) {}

    /** Names that would mean an optional part is in the core set. */
    private static final String OPTIONAL = ".*(onnx|djl|llama|gguf|tokenizers|embedding|graalpy|python|jep|tensorflow|pytorch|langchain4j).*";

    static Deliverable of(Path repoRoot) {
        Path cli = repoRoot.resolve("cli/target");
        var jars = new ArrayList<Jar>();
        jars.add(jar(cli.resolve("nacre-cli.jar")));
        try (Stream<Path> lib = Files.list(cli.resolve("lib"))) {
            lib.filter(p -> p.toString().endsWith(".jar")).sorted().forEach(p -> jars.add(jar(p)));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        long total = jars.stream().mapToLong(Jar::bytes).sum();
        var largest = jars.stream().sorted(Comparator.comparingLong(Jar::bytes).reversed()).limit(6).toList();
        var optional = jars.stream().map(Jar::name).filter(n -> n.toLowerCase(java.util.Locale.ROOT).matches(OPTIONAL)).toList();
        Path aot = cli.resolve("nacre.aot");
        long aotBytes = Files.isRegularFile(aot) ? size(aot) : 0;
        var peer = ProcessScenarios.peerJars();
        return new Deliverable(total, jars.size(), largest, aotBytes, optional, peer.stream().mapToLong(Deliverable::size).sum(),
                peer.size(), tree(Jdk.home()));
    }

    private static Jar jar(Path p) {
        return new Jar(p.getFileName().toString(), size(p));
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
