package dev.nacre.tools;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.nio.file.attribute.FileTime;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;

/**
 * The last {@link MemorySnapshot} of each memory directory, reused while the attributes of both files
 * say they are the same files, unchanged. Every new session takes a snapshot: on a server that was an
 * open, a read, a parse and the entry rules per file per session (5–7 % of a worker pool's CPU in
 * bench's JFR profile); now it is two stats. A snapshot is immutable, so sessions can share one.
 *
 * <p>{@link MemoryFiles} writes by renaming a new file into place, so every write changes the file
 * key (inode) and the creation time; an edit in place changes the modification time or the size.
 * Only an edit in place that keeps the size, within the file system's timestamp resolution, could go
 * unseen (nanoseconds on ext4, xfs, btrfs and tmpfs). The memory tool's read-modify-write never uses
 * this: it reads the file itself.
 */
final class SnapshotCache {
    private static final int MAX_DIRECTORIES = 1024;

    /** A file as stat saw it (times in nanoseconds); {@link #MISSING} when there was none. */
    private record FileState(Object fileKey, long size, long modified, long created) {
        static final FileState MISSING = new FileState(null, -1, 0, 0);
    }

    private record Taken(List<FileState> files, MemorySnapshot snapshot) {}

    private static final ConcurrentHashMap<Path, Taken> LAST = new ConcurrentHashMap<>();

    private SnapshotCache() {}

    /** The snapshot of {@code dir}: the last one taken if no file has changed since, else {@code take}'s. */
    static MemorySnapshot get(Path dir, Supplier<MemorySnapshot> take) {
        Path key = dir.toAbsolutePath().normalize();
        var files = new ArrayList<FileState>();
        for (MemoryTarget target : MemoryTarget.values()) files.add(state(key.resolve(target.fileName()), target));
        Taken last = LAST.get(key);
        if (last != null && last.files().equals(files)) return last.snapshot();
        // Taken after the stats, so what is kept is never older than them: a write in between only
        // makes the next session take it again.
        MemorySnapshot snapshot = take.get();
        if (LAST.size() >= MAX_DIRECTORIES) LAST.clear();
        LAST.put(key, new Taken(List.copyOf(files), snapshot));
        return snapshot;
    }

    private static FileState state(Path file, MemoryTarget target) {
        try {
            // One stat, and no exception for a missing file (a common case): null instead.
            var a = file.getFileSystem().provider().readAttributesIfExists(file, BasicFileAttributes.class);
            if (a == null) return FileState.MISSING;
            return new FileState(a.fileKey(), a.size(), nanos(a.lastModifiedTime()), nanos(a.creationTime()));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + target.fileName() + ": " + e.getMessage(), e);
        }
    }

    private static long nanos(FileTime t) {
        return t.to(TimeUnit.NANOSECONDS);
    }
}
