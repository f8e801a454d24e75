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
 * <p>The driver also lists its temp directory at every start, looking for stale copies left by
 * earlier runs: all of /tmp, which on a machine that ran many tests holds hundreds of them (20–40 ms
 * of CPU a process here). It is given this small directory instead. A consequence: if loading the
 * library from this directory fails, the driver's own fallback extracts it here too, not to /tmp,
 * and fails alike: a directory we could not load from is not one to retry in.
 */
public final class NativeLibrary {
    private static final String PATH = "org.sqlite.lib.path";
    private static final String NAME = "org.sqlite.lib.name";
    private static final String TEMP = "org.sqlite.tmpdir";
    private static boolean chosen;

    private NativeLibrary() {}

    /** Loads the library from {@code dir}, extracting it there first if needed. Call before the first connection. */
    public static synchronized void cacheIn(Path dir) {
        if (chosen || System.getProperty(PATH) != null) return;
        chosen = true;
        try {
            String name = System.mapLibraryName("sqlitejdbc");
            Path folder = dir.resolve(SQLiteJDBCLoader.getVersion() + "-" + safe(System.getProperty("os.name"))
                    + "-" + safe(System.getProperty("os.arch")));
            if (!Files.isRegularFile(folder.resolve(name))) extract(folder, name);
            System.setProperty(PATH, folder.toString());
            System.setProperty(NAME, name);
            if (System.getProperty(TEMP) == null) System.setProperty(TEMP, dir.toString());
        } catch (IOException | RuntimeException e) {
            // the driver extracts to the temp directory as usual
        }
    }

    /**
     * Whether the driver may have copied its library to a temporary file, which it deletes only in a
     * JVM shutdown hook ({@code File.deleteOnExit}): when {@link #cacheIn} was asked and could not
     * give it a directory. False when it could, or was never asked (no journal opened).
     */
    public static synchronized boolean mayHaveTemporaryCopy() {
        return chosen && System.getProperty(PATH) == null;
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
