package dev.nacre.sandbox;

import dev.nacre.fuel.Fuel;
import dev.nacre.fuel.FuelException;
import java.io.IOException;
import java.io.InputStream;
import java.util.Properties;

/** The seam to the fuel instrumenter: adds the exported i64 global {@link #GLOBAL} holding the fuel remaining. */
final class FuelMeter {
    static final String GLOBAL = Fuel.GLOBAL;
    /**
     * Names the compiled-code cache directory. Endive's cache key is the digest of the
     * instrumented bytes, so a changed instrumenter never reuses stale code even within a version.
     */
    static final String VERSION = version();

    private FuelMeter() {}

    static byte[] instrument(byte[] wasm) {
        try {
            return Fuel.instrument(wasm);
        } catch (FuelException e) {
            throw new SandboxException(ErrorKind.INVALID_MODULE, e.getMessage());
        }
    }

    private static String version() {
        try (InputStream in = Fuel.class.getResourceAsStream("/META-INF/maven/dev.nacre/nacre-fuel/pom.properties")) {
            if (in == null) return "dev";
            var p = new Properties();
            p.load(in);
            return p.getProperty("version", "dev");
        } catch (IOException e) {
            return "dev";
        }
    }
}
