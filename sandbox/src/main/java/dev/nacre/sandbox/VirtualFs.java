package dev.nacre.sandbox;

import io.roastedroot.zerofs.Configuration;
import io.roastedroot.zerofs.Feature;
import io.roastedroot.zerofs.PathType;
import io.roastedroot.zerofs.ZeroFs;
import java.io.Closeable;
import java.io.IOException;
import java.io.InputStream;
import java.nio.channels.Channels;
import java.nio.file.FileSystem;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.nio.file.attribute.FileTime;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * The guest's filesystem for one call: an in-memory ZeroFS holding COPIES of the granted host
 * files, at the same relative paths under "/". No host directory is ever opened by WASI, links
 * are not supported inside it, and host symlinks are never followed (a symlink in a granted
 * directory is skipped and recorded). Protected host paths are neither copied in nor written.
 * Entries (files and directories) are counted against {@code limits.entries}: ZeroFS's size cap
 * counts file bytes only, and every entry costs host heap.
 */
final class VirtualFs implements Closeable {
    private final FileSystem fs;
    private final Path hostRoot;
    private final Policy policy;
    private final Recorder recorder;
    private final Protection protection;
    private final Map<String, String> copiedIn = new HashMap<>();
    private long budget;
    private long copyInEntries;
    private long entries;

    private VirtualFs(FileSystem fs, Path hostRoot, Policy policy, Recorder recorder, Protection protection) {
        this.fs = fs;
        this.hostRoot = hostRoot;
        this.policy = policy;
        this.recorder = recorder;
        this.protection = protection;
        this.budget = policy.limits().files();
    }

    static VirtualFs create(Path hostRoot, Policy policy, VirtualClock clock, Recorder recorder) {
        return create(hostRoot, policy, clock, recorder, Protection.NONE);
    }

    /** Builds the filesystem and copies the readable grants in; {@code hostRoot} must be a real path. */
    static VirtualFs create(Path hostRoot, Policy policy, VirtualClock clock, Recorder recorder, Protection protection) {
        var config = Configuration.builder(PathType.unix())
                .setRoots("/")
                .setWorkingDirectory("/")
                .setAttributeViews("basic")
                .setSupportedFeatures(Feature.FILE_CHANNEL)
                .setMaxSize(Math.max(policy.limits().files(), 8192))
                .setFileTimeSource(() -> FileTime.from(clock.peek()))
                .build();
        var vfs = new VirtualFs(ZeroFs.newFileSystem(config), hostRoot, policy, recorder, protection);
        try {
            vfs.copyIn();
            vfs.entries = vfs.countEntries();
        } catch (RuntimeException e) {
            try {
                vfs.close();
            } catch (IOException ignored) {
                // in memory
            }
            throw e;
        }
        return vfs;
    }

    /** Whether the guest may create one more entry; counts exactly (a walk) only when the running count says full. */
    synchronized boolean hasRoomForEntry() {
        if (entries < policy.limits().entries()) return true;
        entries = countEntries(); // deletions and renames are not tracked: recount before refusing
        return entries < policy.limits().entries();
    }

    synchronized void entryCreated() {
        entries++;
    }

    /** Files and directories in the filesystem, the root not included. */
    long countEntries() {
        try (var walk = Files.walk(root())) {
            return walk.count() - 1;
        } catch (IOException | java.io.UncheckedIOException e) {
            return Long.MAX_VALUE;
        }
    }

    Path root() {
        return fs.getPath("/");
    }

    private void copyIn() {
        var files = new TreeMap<String, Path>(); // sorted: the same grants give the same tree, in the same order
        for (var grant : policy.storage()) {
            String start = grant.glob().fixedPrefix();
            if (grant.write()) {
                String dir = grant.glob().hasWildcard() ? start : parentOf(start);
                if (!protection.covers(hostRoot.resolve(dir).normalize())) mkdirs(dir);
            }
            if (!grant.read()) continue;
            Path host = safeHostPath(start);
            if (host == null) continue;
            if (protection.covers(host)) {
                recorder.add(new CapabilityUse.Denied("file", (start.isEmpty() ? "the workspace" : start)
                        + " is protected; not copied in"));
                continue;
            }
            collect(grant, host, files);
        }
        for (var e : files.entrySet()) copyFile(e.getKey(), e.getValue());
    }

    private void countCopyIn(String rel) {
        if (++copyInEntries > policy.limits().entries()) {
            throw new SandboxException(ErrorKind.DENIED, "granted files exceed limits.entries ("
                    + policy.limits().entries() + ") at " + rel);
        }
    }

    private void collect(StorageGrant grant, Path start, Map<String, Path> files) {
        try {
            var attrs = Files.readAttributes(start, BasicFileAttributes.class, LinkOption.NOFOLLOW_LINKS);
            if (attrs.isSymbolicLink()) {
                recorder.add(new CapabilityUse.SymlinkSkipped(relative(start)));
            } else if (attrs.isRegularFile()) {
                if (grant.covers(relative(start)) && files.put(relative(start), start) == null) countCopyIn(relative(start));
            } else if (attrs.isDirectory()) {
                // no FOLLOW_LINKS: links are reported as links, never entered
                Files.walkFileTree(start, Set.of(), Integer.MAX_VALUE, new SimpleFileVisitor<>() {
                    @Override
                    public FileVisitResult visitFile(Path file, BasicFileAttributes a) {
                        String rel = relative(file);
                        if (a.isSymbolicLink()) {
                            recorder.add(new CapabilityUse.SymlinkSkipped(rel));
                        } else if (a.isRegularFile() && grant.covers(rel)) {
                            if (protection.coversEntry(file, a)) {
                                recorder.add(new CapabilityUse.Denied("file", rel + " is protected; not copied in"));
                            } else if (files.put(rel, file) == null) {
                                countCopyIn(rel);
                            }
                        }
                        return FileVisitResult.CONTINUE;
                    }

                    @Override
                    public FileVisitResult preVisitDirectory(Path dir, BasicFileAttributes a) {
                        String rel = relative(dir);
                        if (!rel.isEmpty() && protection.coversEntry(dir, a)) {
                            recorder.add(new CapabilityUse.Denied("file", rel + " is protected; not copied in"));
                            return FileVisitResult.SKIP_SUBTREE;
                        }
                        if (!rel.isEmpty() && grant.covers(rel)) {
                            countCopyIn(rel);
                            mkdirs(rel);
                        }
                        return FileVisitResult.CONTINUE;
                    }

                    @Override
                    public FileVisitResult visitFileFailed(Path file, IOException e) {
                        recorder.add(new CapabilityUse.Denied("file", "cannot read " + relative(file)));
                        return FileVisitResult.CONTINUE;
                    }
                });
            }
        } catch (java.nio.file.NoSuchFileException e) {
            // a granted path that does not exist yet: nothing to copy
        } catch (IOException e) {
            recorder.add(new CapabilityUse.Denied("file", "cannot read " + relative(start) + ": " + e.getMessage()));
        }
    }

    private void copyFile(String rel, Path host) {
        try (var channel = Files.newByteChannel(host, StandardOpenOption.READ, LinkOption.NOFOLLOW_LINKS);
             InputStream in = Channels.newInputStream(channel)) {
            byte[] data = in.readNBytes((int) Math.min(Integer.MAX_VALUE - 8, budget + 1));
            if (data.length > budget) {
                throw new SandboxException(ErrorKind.DENIED, "granted files exceed limits.files ("
                        + Sizes.bytesText(policy.limits().files()) + ") at " + rel);
            }
            budget -= data.length;
            Path target = fs.getPath("/" + rel);
            mkdirs(parentOf(rel));
            Files.write(target, data);
            copiedIn.put(rel, Sha256.hex(data));
            recorder.add(new CapabilityUse.FileRead(rel, data.length));
        } catch (IOException e) {
            recorder.add(new CapabilityUse.Denied("file", "cannot read " + rel + ": " + e.getClass().getSimpleName()));
        }
    }

    /**
     * Copies what the guest wrote back to the host: only regular files under a write grant that
     * are new or changed, never through a host symlink. Call only after the call succeeded.
     */
    void copyOut() {
        var written = new TreeMap<String, Path>();
        try (var walk = Files.walk(root())) {
            for (Path p : (Iterable<Path>) walk::iterator) {
                if (Files.isRegularFile(p, LinkOption.NOFOLLOW_LINKS)) written.put(p.toString().substring(1), p);
            }
        } catch (IOException e) {
            recorder.add(new CapabilityUse.Denied("file", "cannot list the virtual filesystem: " + e.getMessage()));
            return;
        }
        for (var e : written.entrySet()) {
            String rel = e.getKey();
            byte[] data;
            try {
                data = Files.readAllBytes(e.getValue());
            } catch (IOException ex) {
                continue;
            }
            String hash = Sha256.hex(data);
            if (hash.equals(copiedIn.get(rel))) continue;
            boolean granted = policy.storage().stream().anyMatch(g -> g.write() && g.covers(rel));
            if (!granted) {
                recorder.add(new CapabilityUse.Denied("file", "write to /" + rel + " is not granted; discarded"));
                continue;
            }
            writeHost(rel, data);
        }
    }

    private void writeHost(String rel, byte[] data) {
        Path target = safeHostPath(rel);
        if (target == null) return;
        if (protection.covers(target)) {
            recorder.add(new CapabilityUse.Denied("file", "/" + rel + " is protected; discarded"));
            return;
        }
        try {
            if (Files.isDirectory(target, LinkOption.NOFOLLOW_LINKS)) {
                recorder.add(new CapabilityUse.Denied("file", "/" + rel + " is a directory on the host; discarded"));
                return;
            }
            Path parent = target.getParent();
            Files.createDirectories(parent);
            if (safeHostPath(relative(parent)) == null) return; // re-check: nothing on the way may be a link
            if (protection.covers(target)) { // re-check with the directories now there (case-insensitive names)
                recorder.add(new CapabilityUse.Denied("file", "/" + rel + " is protected; discarded"));
                return;
            }
            Path tmp = Files.createTempFile(parent, ".nacre-", ".tmp");
            try {
                Files.write(tmp, data);
                // rename replaces a link at the target rather than writing through it
                Files.move(tmp, target, java.nio.file.StandardCopyOption.REPLACE_EXISTING,
                        java.nio.file.StandardCopyOption.ATOMIC_MOVE);
            } finally {
                Files.deleteIfExists(tmp);
            }
            recorder.add(new CapabilityUse.FileWritten(rel, data.length));
        } catch (IOException e) {
            recorder.add(new CapabilityUse.Denied("file", "cannot write /" + rel + ": " + e.getClass().getSimpleName()));
        }
    }

    /** The host path for a relative path, or null (recorded) if it leaves the root or crosses a symlink. */
    private Path safeHostPath(String rel) {
        Path p = rel.isEmpty() ? hostRoot : hostRoot.resolve(rel).normalize();
        if (!p.startsWith(hostRoot)) {
            recorder.add(new CapabilityUse.Denied("file", rel + " is outside the workspace"));
            return null;
        }
        Path walk = hostRoot;
        for (Path part : hostRoot.relativize(p)) {
            if (part.toString().isEmpty()) continue;
            walk = walk.resolve(part);
            if (Files.isSymbolicLink(walk)) {
                recorder.add(new CapabilityUse.SymlinkSkipped(relative(walk)));
                return null;
            }
        }
        return p;
    }

    private void mkdirs(String rel) {
        if (rel.isEmpty()) return;
        try {
            Files.createDirectories(fs.getPath("/" + rel));
        } catch (IOException e) {
            // a file of that name is already there; the guest sees the file
        }
    }

    private String relative(Path host) {
        return hostRoot.relativize(host).toString().replace('\\', '/');
    }

    private static String parentOf(String rel) {
        int slash = rel.lastIndexOf('/');
        return slash < 0 ? "" : rel.substring(0, slash);
    }

    @Override
    public void close() throws IOException {
        fs.close();
    }
}
