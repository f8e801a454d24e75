package dev.nacre.fuel;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;

final class Resources {
    private Resources() {}

    /** The C guest built from {@code guests/bench.c} (see the build line at its top). */
    static byte[] benchWasm() {
        try (InputStream in = Resources.class.getResourceAsStream("/guests/bench.wasm")) {
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
