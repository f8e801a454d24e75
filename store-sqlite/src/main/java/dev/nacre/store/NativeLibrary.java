package dev.nacre.store;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import org.sqlite.SQLiteJDBCLoader;
import org.sqlite.util.OSInfo;

/**
 * Where sqlite-jdbc loads its native library from. Left alone, the driver copies the library out of
 * its jar into the temp directory on every start (after running {@code uname} to learn the OS):
 * about a tenth of a second per process. Given a directory, the copy is made there once and loaded
 * from there after. Anything unexpected leaves the driver to its own way, which still works.
 *
 * <p>Two more costs of the driver's start are avoided: it learns its own version from a resource
 * that the class loader looks for in every jar of the class path in turn (about 20 ms a process
 * here), where the name of its jar says the same; and it lists the whole temp directory for
 * stale copies of earlier runs, where it is given this small directory instead.
 */
public final class NativeLibrary {
    private static final String PATH = "org.sqlite.lib.path";
    private static final String NAME = "org.sqlite.lib.name";
    private static final String TEMP = "org.sqlite.tmpdir";
    private static final String JAR_PREFIX = "sqlite-jdbc-";
    private static boolean chosen;

    private NativeLibrary() {}

    /** Loads the library from {@code dir}, extracting it there first if needed. Call before the first connection. */
    public static synchronized void cacheIn(Path dir) {
        if (chosen || System.getProperty(PATH) != null) return;
        chosen = true;
        try {
            String name = System.mapLibraryName("sqlitejdbc");
            Path folder = dir.resolve(driverVersion() + "-" + safe(System.getProperty("os.name"))
                    + "-" + safe(System.getProperty("os.arch")));
            if (!Files.isRegularFile(folder.resolve(name))) extract(folder, name);
            System.setProperty(PATH, folder.toString());
            System.setProperty(NAME, name);
            if (System.getProperty(TEMP) == null) System.setProperty(TEMP, dir.toString());
        } catch (IOException | RuntimeException e) {
            // the driver extracts to the temp directory as usual
        }
    }

    /** The driver's version, from its jar's name ({@code sqlite-jdbc-3.54.1.0.jar}) when it has the usual one. */
    static String driverVersion() {
        var source = SQLiteJDBCLoader.class.getProtectionDomain().getCodeSource();
        if (source != null && source.getLocation() != null) {
            String path = source.getLocation().getPath();
            String jar = path.substring(path.lastIndexOf('/') + 1);
            if (jar.startsWith(JAR_PREFIX) && jar.endsWith(".jar")) {
                String version = jar.substring(JAR_PREFIX.length(), jar.length() - ".jar".length());
                if (!version.isEmpty() && version.chars().allMatch(c -> c == '.' || Character.isDigit(c))) return version;
            }
        }
        return SQLiteJDBCLoader.getVersion();
    }

    private static void extract(Path folder, String name) throws IOException {
        String resource = "/org/sqlite/native/" + OSInfo.getNativeLibFolderPathForCurrentOS() + "/" + name;
        try (InputStream in = SQLiteJDBCLoader.class.getResourceAsStream(resource)) {
            if (in == null) throw new IOException("no " + resource);
            Files.createDirectories(folder);
            Path part = Files.createTempFile(folder, name, ".part");
            try {
                Files.copy(in, part, StandardCopyOption.REPLACE_EXISTING);
                // a concurrent first start may win the rename: either copy is the same library
                Files.move(part, folder.resolve(name), StandardCopyOption.ATOMIC_MOVE);
            } finally {
                Files.deleteIfExists(part);
            }
        }
    }

    private static String safe(String s) {
        return String.valueOf(s).toLowerCase(java.util.Locale.ROOT).replaceAll("[^a-z0-9_.]", "");
    }
}
