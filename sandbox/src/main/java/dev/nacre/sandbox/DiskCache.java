package dev.nacre.sandbox;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Properties;
import run.endive.compiler.Cache;
import run.endive.compiler.MachineFactoryCompiler;

/**
 * Endive's compiled classes on disk, one jar per module. Endive keys entries by the digest of the
 * (fuel-instrumented) module bytes; the directory names the compiler and instrumenter versions,
 * so upgrading either starts a fresh cache. The directory must be the operator's own: whatever
 * is in it runs as JVM code.
 */
final class DiskCache implements Cache {
    static final String COMPILER_VERSION = compilerVersion();
    private final Path dir;

    DiskCache(Path root) {
        this.dir = root.resolve("endive-" + COMPILER_VERSION + "_fuel-" + FuelMeter.VERSION);
    }

    @Override
    public byte[] get(String key) throws IOException {
        Path file = file(key);
        return Files.isRegularFile(file) ? Files.readAllBytes(file) : null;
    }

    @Override
    public void putIfAbsent(String key, byte[] data) throws IOException {
        Path file = file(key);
        if (Files.exists(file)) return;
        createPrivateDirectories(dir);
        Path tmp = Files.createTempFile(dir, "tmp-", ".jar");
        try {
            Files.write(tmp, data);
            try {
                Files.move(tmp, file, StandardCopyOption.ATOMIC_MOVE);
            } catch (AtomicMoveNotSupportedException e) {
                Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING);
            }
        } finally {
            Files.deleteIfExists(tmp);
        }
    }

    void evict(String key) {
        try {
            Files.deleteIfExists(file(key));
        } catch (IOException ignored) {
            // a stale entry is recompiled next time either way
        }
    }

    private Path file(String key) {
        return dir.resolve(Sha256.hex(key) + ".jar");
    }

    private static void createPrivateDirectories(Path dir) throws IOException {
        if (Files.isDirectory(dir)) return;
        Files.createDirectories(dir);
        try {
            Files.setPosixFilePermissions(dir, PosixFilePermissions.fromString("rwx------"));
        } catch (UnsupportedOperationException ignored) {
            // not a POSIX file system
        }
    }

    private static String compilerVersion() {
        try (InputStream in = MachineFactoryCompiler.class.getResourceAsStream(
                "/META-INF/maven/run.endive/compiler/pom.properties")) {
            if (in == null) return "unknown";
            var p = new Properties();
            p.load(in);
            return p.getProperty("version", "unknown");
        } catch (IOException e) {
            return "unknown";
        }
    }
}
