package dev.nacre.bench;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The Wasm modules the sandbox benchmarks run: the bundled tools in {@code guests/dist} and the
 * benchmark's own WAT guests, precompiled next to their {@code .wat} in this jar's resources.
 */
final class Guests {
    private final Path dist;

    Guests(Path repoRoot) {
        this.dist = repoRoot.resolve("guests/dist");
    }

    /** {@code guests/dist/NAME.wasm}, or {@code guests/dist/examples/NAME.wasm} for the examples. */
    Path bundled(String name) {
        Path tool = dist.resolve(name + ".wasm");
        return Files.isRegularFile(tool) ? tool : dist.resolve("examples").resolve(name + ".wasm");
    }

    byte[] bundledBytes(String name) {
        try {
            return Files.readAllBytes(bundled(name));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the bundled module " + name + " (guests/dist)", e);
        }
    }

    /** One of the benchmark's own guests (collatz, fib, spin). */
    static byte[] own(String name) {
        try (InputStream in = Guests.class.getResourceAsStream("wasm/" + name + ".wasm")) {
            if (in == null) throw new IllegalStateException("missing resource wasm/" + name + ".wasm");
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
