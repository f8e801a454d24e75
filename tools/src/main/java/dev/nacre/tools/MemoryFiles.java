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
    private final ReentrantLock lock;

    MemoryFiles(Path dir) {
        this.dir = dir.toAbsolutePath().normalize();
        this.lock = LOCKS.computeIfAbsent(this.dir, d -> new ReentrantLock());
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

    /** Waits for the other processes' changes to this directory; closing it releases the lock. */
    private FileChannel lockAcrossProcesses() throws IOException {
        Files.createDirectories(dir);
        var channel = FileChannel.open(dir.resolve(LOCK_FILE), StandardOpenOption.CREATE, StandardOpenOption.WRITE);
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
