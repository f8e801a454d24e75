package dev.nacre.tools;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.nio.file.attribute.FileTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;

/**
 * The last {@link MemorySnapshot} of each memory directory, reused while stat says both files are the
 * same files, unchanged. Every new session takes a snapshot: on a server that was an open, a read, a
 * parse and the entry rules per file per session (6–11 % of a worker pool's CPU in bench's JFR
 * profile); now it is a stat or two per file. A snapshot is immutable, so sessions can share one.
 *
 * <p>A file is the same while its inode, size, modification time and status-change time (ctime) are:
 * a write through {@link MemoryFiles} renames a new file into place (a new inode), an edit in place
 * changes the ctime even when it keeps the size and sets the modification time back ({@code cp -p},
 * {@code touch -r}). Timestamps are only as fine as the file system and the kernel's clock make them,
 * so, as git does for its index, a snapshot is not kept while a file is younger than
 * {@link #RACY_MILLIS}: a change within the same clock tick cannot then go unseen. Where stat has no
 * ctime (not Unix) nothing is kept. On NFS, stat answers from the client's attribute cache, so an edit
 * made on another machine shows once that cache expires (seconds); and a network file system stamps
 * files with the server's clock, so a server clock 2 s or more behind this one defeats the racy check.
 * The memory tool's own reads and read-modify-write never come here.
 */
final class SnapshotCache {
    static final long RACY_MILLIS = 2_000;
    private static final int MAX_DIRECTORIES = 1024;

    /** A file as stat saw it (times in nanoseconds); {@link #MISSING} when there was none. */
    private record FileState(Object fileKey, long size, long modified, long changed) {
        static final FileState MISSING = new FileState(null, -1, Long.MIN_VALUE, Long.MIN_VALUE);
    }

    private record Taken(List<FileState> files, MemorySnapshot snapshot) {}

    private static final ConcurrentHashMap<Path, Taken> LAST = new ConcurrentHashMap<>();

    private SnapshotCache() {}

    /**
     * The snapshot of {@code dir}: the last one taken if no file has changed since, else what {@code take}
     * makes of the directory (given as stat saw it: absolute and normalized).
     */
    static MemorySnapshot get(Path dir, Function<Path, MemorySnapshot> take) {
        Path key = dir.toAbsolutePath().normalize();
        long now = System.currentTimeMillis();
        var files = new ArrayList<FileState>();
        for (MemoryTarget target : MemoryTarget.values()) {
            Optional<FileState> state = state(key.resolve(target.fileName()), target);
            if (state.isEmpty()) return take.apply(key); // stat cannot tell: never keep
            files.add(state.get());
        }
        Taken last = LAST.get(key);
        if (last != null && last.files().equals(files)) return last.snapshot();
        // Taken after the stats, so what is kept is never older than them: a write in between only
        // makes the next session take it again.
        MemorySnapshot snapshot = take.apply(key);
        if (files.stream().anyMatch(f -> racy(f, now))) {
            LAST.remove(key);
        } else {
            if (LAST.size() >= MAX_DIRECTORIES) LAST.clear();
            LAST.put(key, new Taken(List.copyOf(files), snapshot));
        }
        return snapshot;
    }

    private static boolean racy(FileState f, long nowMillis) {
        long youngest = Math.max(f.modified(), f.changed());
        return youngest > TimeUnit.MILLISECONDS.toNanos(nowMillis - RACY_MILLIS); // MISSING's times are Long.MIN_VALUE
    }

    /** The file as stat sees it; empty when this platform's stat gives no ctime. */
    private static Optional<FileState> state(Path file, MemoryTarget target) {
        try {
            // No exception for a missing file (a common case): null instead.
            var a = file.getFileSystem().provider().readAttributesIfExists(file, BasicFileAttributes.class);
            if (a == null) return Optional.of(FileState.MISSING);
            var ctime = (FileTime) Files.getAttribute(file, "unix:ctime");
            return Optional.of(new FileState(a.fileKey(), a.size(), nanos(a.lastModifiedTime()), nanos(ctime)));
        } catch (NoSuchFileException e) { // removed between the two stats
            return Optional.of(FileState.MISSING);
        } catch (UnsupportedOperationException | IllegalArgumentException e) { // no "unix" view
            return Optional.empty();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + target.fileName() + ": " + e.getMessage(), e);
        }
    }

    private static long nanos(FileTime t) {
        return t.to(TimeUnit.NANOSECONDS);
    }
}
