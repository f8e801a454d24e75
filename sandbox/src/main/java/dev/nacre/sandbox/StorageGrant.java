package dev.nacre.sandbox;

/**
 * A path (or glob) under the workspace root that the guest sees at {@code /PATH}, readable
 * (copied in) and/or writable (copied back after a successful call). {@code path} is relative,
 * '/'-separated, without "..": "" or "**" means the whole workspace.
 */
public record StorageGrant(String path, boolean read, boolean write) {

    public String uri() {
        return "fs://" + path;
    }

    Glob glob() {
        return Glob.of(path.isEmpty() ? "**" : path);
    }

    boolean covers(String relativePath) {
        return glob().matches(relativePath);
    }
}
