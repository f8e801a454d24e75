package dev.nacre.runtime;

/** What the store knows about a session besides its events. {@code parentId} is empty for a root session. */
public record SessionInfo(String id, String title, String model, long createdMillis, String parentId) {
    public SessionInfo withTitle(String t) {
        return new SessionInfo(id, t, model, createdMillis, parentId);
    }

    public SessionInfo withModel(String m) {
        return new SessionInfo(id, title, m, createdMillis, parentId);
    }
}
