package dev.nacre.cli;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

/** Where Nacre keeps its state: {@code $NACRE_HOME}, by default {@code ~/.nacre}. */
record NacreHome(Path dir) {

    static NacreHome from(Map<String, String> env) {
        String configured = env.getOrDefault("NACRE_HOME", "");
        Path dir = configured.isBlank() ? Path.of(System.getProperty("user.home"), ".nacre") : Path.of(configured);
        return new NacreHome(dir.toAbsolutePath());
    }

    Path database() {
        return dir.resolve("state.db");
    }

    Path config() {
        return dir.resolve("config.yaml");
    }

    /** Where native libraries are unpacked once: the directory the launcher names beside the jars, else under the home. */
    Path nativeLibraries() {
        String given = System.getProperty("nacre.native.dir", "");
        return given.isBlank() ? dir.resolve("cache").resolve("native") : Path.of(given);
    }

    Path memories() {
        return dir.resolve("memories");
    }

    /** Creates the directory on first use; one clear line when that is impossible. */
    NacreHome ensure() {
        try {
            Files.createDirectories(dir);
            return this;
        } catch (Exception e) {
            throw new UsageError("cannot create the Nacre home " + dir + " (" + e.getMessage()
                    + "): set NACRE_HOME to a writable directory");
        }
    }
}
