package dev.nacre.sandbox;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * Host paths no grant can reach (Nacre's own home, the compiled-code cache): never copied into
 * the virtual filesystem, never written by copy-back. Compared as real paths (symlinks resolved;
 * a path that does not exist yet by its nearest existing ancestor) and, where they exist, by
 * file key (device and inode), so a differently-cased name on a case-insensitive file system
 * still matches. Resolved afresh for every call.
 */
final class Protection {
    static final Protection NONE = new Protection(List.of(), List.of());

    private final List<Path> paths;
    private final List<Object> keys;

    private Protection(List<Path> paths, List<Object> keys) {
        this.paths = paths;
        this.keys = keys;
    }

    static Protection of(List<Path> configured) {
        if (configured.isEmpty()) return NONE;
        var paths = new ArrayList<Path>();
        var keys = new ArrayList<Object>();
        for (Path p : configured) {
            paths.add(canonical(p));
            try {
                Object key = Files.readAttributes(p, BasicFileAttributes.class).fileKey();
                if (key != null) keys.add(key);
            } catch (IOException e) {
                // does not exist (yet): compared by path only
            }
        }
        return new Protection(List.copyOf(paths), List.copyOf(keys));
    }

    /** The real path of {@code p}, or of its nearest existing ancestor with the rest appended. */
    static Path canonical(Path p) {
        Path abs = p.toAbsolutePath().normalize();
        Path existing = abs;
        while (existing != null && !Files.exists(existing)) existing = existing.getParent();
        if (existing == null) return abs;
        try {
            return existing.toRealPath().resolve(existing.relativize(abs)).normalize();
        } catch (IOException e) {
            return abs;
        }
    }

    boolean isEmpty() {
        return paths.isEmpty();
    }

    /** Whether an entry of a host walk is protected ({@code attrs} may be null). */
    boolean coversEntry(Path hostPath, BasicFileAttributes attrs) {
        if (paths.isEmpty()) return false;
        Path p = hostPath.toAbsolutePath().normalize();
        for (Path prot : paths) if (p.startsWith(prot)) return true;
        if (attrs != null && attrs.fileKey() != null) {
            for (Object k : keys) if (Objects.equals(k, attrs.fileKey())) return true;
        }
        return false;
    }

    /** Whether {@code hostPath} is protected or lies under a protected directory (checks every existing ancestor). */
    boolean covers(Path hostPath) {
        if (paths.isEmpty()) return false;
        Path p = hostPath.toAbsolutePath().normalize();
        for (Path prot : paths) if (p.startsWith(prot)) return true;
        if (keys.isEmpty()) return false;
        for (Path a = p; a != null; a = a.getParent()) {
            try {
                var attrs = Files.readAttributes(a, BasicFileAttributes.class, LinkOption.NOFOLLOW_LINKS);
                if (coversEntry(a, attrs)) return true;
            } catch (IOException e) {
                // not there (yet)
            }
        }
        return false;
    }
}
