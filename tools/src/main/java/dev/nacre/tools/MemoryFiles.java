package dev.nacre.tools;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.List;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.UnaryOperator;

/**
 * The memory files in one directory. A change is read-modify-write under a lock shared by every
 * instance in this JVM for the same directory and, since agents in several processes may share a
 * home, under an exclusive lock on {@value #LOCK_FILE} in the directory (a JVM holds a file lock for
 * the whole process, hence both). It lands with an atomic rename, so a reader sees the old file or
 * the new one and never half of either.
 */
final class MemoryFiles {
    static final String LOCK_FILE = ".memory.lock";
    private static final ConcurrentHashMap<Path, ReentrantLock> LOCKS = new ConcurrentHashMap<>();

    private final Path dir;

    MemoryFiles(Path dir) {
        this.dir = dir.toAbsolutePath().normalize();
    }

    Path dir() {
        return dir;
    }

    List<String> read(MemoryTarget target) {
        return read(dir, target);
    }

    static List<String> read(Path dir, MemoryTarget target) {
        try {
            return MemoryEntries.parse(Files.readString(dir.resolve(target.fileName()), StandardCharsets.UTF_8));
        } catch (NoSuchFileException e) {
            return List.of();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + target.fileName() + ": " + e.getMessage(), e);
        }
    }

    /** Applies {@code change} to the entries and writes the result; returns what was written. */
    List<String> update(MemoryTarget target, UnaryOperator<List<String>> change) {
        // One lock per real directory: a JVM holds file locks for the whole process, and two paths to
        // one directory (a symlink) taking both would make the second fail instead of wait.
        ReentrantLock lock = LOCKS.computeIfAbsent(realDir(), d -> new ReentrantLock());
        lock.lock();
        try (var processes = lockAcrossProcesses()) {
            List<String> before = read(target);
            List<String> after = List.copyOf(change.apply(before));
            if (!after.equals(before)) write(target, after);
            return after;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot lock " + dir.resolve(LOCK_FILE) + ": " + e.getMessage(), e);
        } finally {
            lock.unlock();
        }
    }

    /** The directory as the file system names it, symlinks resolved; as given when it cannot be made. */
    private Path realDir() {
        try {
            Files.createDirectories(dir);
            return dir.toRealPath();
        } catch (IOException e) {
            return dir; // the write will fail and say why
        }
    }

    /**
     * Waits for the other processes' changes to this directory; closing it releases the lock. Null
     * when the directory cannot be written: nothing will be written there to protect, and a change
     * that turns out to be none (or is refused) still gets its answer.
     */
    private FileChannel lockAcrossProcesses() throws IOException {
        FileChannel channel;
        try {
            channel = FileChannel.open(dir.resolve(LOCK_FILE), StandardOpenOption.CREATE, StandardOpenOption.WRITE);
        } catch (IOException e) {
            if (Files.isDirectory(dir) && !Files.isWritable(dir)) return null;
            throw e;
        }
        try {
            channel.lock(); // released when the channel closes
            return channel;
        } catch (IOException | RuntimeException e) {
            channel.close();
            throw e;
        }
    }

    private void write(MemoryTarget target, List<String> entries) {
        String text = entries.isEmpty() ? "" : MemoryEntries.join(entries) + "\n";
        Path file = dir.resolve(target.fileName());
        Path temp = null;
        try {
            Files.createDirectories(dir);
            temp = Files.createTempFile(dir, "." + target.fileName() + ".", ".tmp");
            try (var channel = FileChannel.open(temp, StandardOpenOption.WRITE, StandardOpenOption.TRUNCATE_EXISTING)) {
                var bytes = ByteBuffer.wrap(text.getBytes(StandardCharsets.UTF_8));
                while (bytes.hasRemaining()) channel.write(bytes);
                channel.force(true);
            }
            move(temp, file);
            temp = null;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + file + ": " + e.getMessage(), e);
        } finally {
            if (temp != null) {
                try {
                    Files.deleteIfExists(temp);
                } catch (IOException ignored) {
                    // the write already failed; that error is the one to report
                }
            }
        }
    }

    private static void move(Path from, Path to) throws IOException {
        try {
            Files.move(from, to, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } catch (AtomicMoveNotSupportedException e) {
            Files.move(from, to, StandardCopyOption.REPLACE_EXISTING);
        }
    }
}
