package dev.nacre.tools;

import dev.nacre.core.Json;
import dev.nacre.core.ToolSpec;
import dev.nacre.runtime.Tool;
import dev.nacre.runtime.ToolContext;
import dev.nacre.runtime.ToolResult;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A task list per session, kept in memory. Updates to one session's list are atomic. A process that
 * runs sessions without end (a server) keeps the lists of the {@link #MAX_SESSIONS} sessions that
 * used theirs last; an emptied list is forgotten at once.
 */
public final class TodoTool implements Tool {
    static final int MAX_ITEMS = 100;
    static final int MAX_CONTENT_CHARS = 1_000;
    static final int MAX_SESSIONS = 4_096;

    private static final ToolSpec SPEC = ToolSpec.of("todo", """
            Keep a task list for the current session, to plan and track multi-step work. \
            Call with no 'todos' to read the list. Send 'todos' to write it: with merge=false (default) \
            the list is replaced by exactly the items sent; with merge=true items are updated by id \
            (send only id and the changed fields) and new ids are appended. \
            Keep exactly one item in_progress while you work, mark items completed as soon as they are done, \
            and cancelled when no longer needed. Returns the whole list and counts by status.""",
            Json.parse("""
            {"type":"object","properties":{
              "todos":{"type":"array","description":"Items to write; omit to read the current list.",
                "items":{"type":"object","properties":{
                  "id":{"type":"string","description":"Short unique id, e.g. \\"1\\" or \\"tests\\"."},
                  "content":{"type":"string","description":"What to do, one line. Required for new items."},
                  "status":{"type":"string","enum":["pending","in_progress","completed","cancelled"],
                    "description":"Defaults to pending for new items."}},
                  "required":["id"]}},
              "merge":{"type":"boolean","description":"true: update items by id and keep the others; false (default): replace the whole list."}}}
            """), "todo");

    /** Least recently used first; guarded by itself. */
    private final Map<String, List<TodoItem>> lists = new LinkedHashMap<>(16, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<String, List<TodoItem>> eldest) {
            return size() > MAX_SESSIONS;
        }
    };

    @Override
    public ToolSpec spec() {
        return SPEC;
    }

    @Override
    public ToolResult call(Json.Obj arguments, ToolContext context) {
        try {
            var sent = Arguments.list(arguments, "todos");
            if (sent.isEmpty()) return ToolResult.ok(render(items(context.sessionId())));
            List<Update> updates = parse(sent.get());
            boolean merge = Arguments.flag(arguments, "merge", false);
            List<TodoItem> now;
            synchronized (lists) {
                var old = lists.getOrDefault(context.sessionId(), List.of());
                now = merge ? merged(old, updates) : replaced(updates);
                if (now.isEmpty()) {
                    lists.remove(context.sessionId());
                } else {
                    lists.put(context.sessionId(), now);
                }
            }
            return ToolResult.ok(render(now));
        } catch (ToolArgumentException e) {
            return ToolResult.error(e.getMessage());
        }
    }

    /** The session's current list, in order; empty when it has none. */
    public List<TodoItem> items(String sessionId) {
        synchronized (lists) {
            return lists.getOrDefault(sessionId, List.of());
        }
    }

    /** How many sessions' lists are kept. */
    int sessions() {
        synchronized (lists) {
            return lists.size();
        }
    }

    /** What one sent item asks for; absent fields are null only inside this class. */
    private record Update(String id, String content, TodoItem.Status status) {}

    private static List<Update> parse(List<Json> sent) {
        if (sent.size() > MAX_ITEMS) throw new ToolArgumentException("at most " + MAX_ITEMS + " todos; group small steps into one item");
        var updates = new ArrayList<Update>();
        var seen = new HashSet<String>();
        for (int i = 0; i < sent.size(); i++) {
            if (!(sent.get(i) instanceof Json.Obj item)) throw new ToolArgumentException("todos[" + i + "] must be an object with id, content, status");
            String id = Arguments.text(item, "id").map(String::strip).orElse("");
            if (id.isEmpty()) throw new ToolArgumentException("todos[" + i + "] has no 'id'");
            if (!seen.add(id)) throw new ToolArgumentException("id '" + id + "' appears twice; ids must be unique");
            String content = Arguments.text(item, "content").map(String::strip).orElse(null);
            if (content != null && content.isEmpty()) content = null;
            if (content != null && content.length() > MAX_CONTENT_CHARS) {
                throw new ToolArgumentException("todo '" + id + "' is longer than " + MAX_CONTENT_CHARS + " chars; keep items to one line");
            }
            TodoItem.Status status = Arguments.text(item, "status").map(TodoItem.Status::parse).orElse(null);
            updates.add(new Update(id, content, status));
        }
        return updates;
    }

    private static List<TodoItem> replaced(List<Update> updates) {
        var items = new ArrayList<TodoItem>();
        for (Update u : updates) items.add(created(u));
        return List.copyOf(items);
    }

    private static List<TodoItem> merged(List<TodoItem> old, List<Update> updates) {
        var byId = new LinkedHashMap<String, TodoItem>();
        for (TodoItem t : old) byId.put(t.id(), t);
        for (Update u : updates) {
            TodoItem existing = byId.get(u.id());
            byId.put(u.id(), existing == null ? created(u) : new TodoItem(u.id(),
                    u.content() == null ? existing.content() : u.content(),
                    u.status() == null ? existing.status() : u.status()));
        }
        if (byId.size() > MAX_ITEMS) throw new ToolArgumentException("the list would hold more than " + MAX_ITEMS + " todos; cancel or replace finished ones");
        return List.copyOf(byId.values());
    }

    private static TodoItem created(Update u) {
        if (u.content() == null) throw new ToolArgumentException("new todo '" + u.id() + "' needs 'content'");
        return new TodoItem(u.id(), u.content(), u.status() == null ? TodoItem.Status.PENDING : u.status());
    }

    private static String render(List<TodoItem> items) {
        Map<TodoItem.Status, Integer> counts = new EnumMap<>(TodoItem.Status.class);
        for (TodoItem.Status s : TodoItem.Status.values()) counts.put(s, 0);
        for (TodoItem t : items) counts.merge(t.status(), 1, Integer::sum);
        var summary = Json.object().put("total", items.size());
        counts.forEach((s, n) -> summary.put(s.wireName(), n));
        var out = Json.object()
                .put("todos", Json.array(items.stream().map(TodoItem::toJson).toList()))
                .put("counts", summary.build());
        int active = counts.get(TodoItem.Status.IN_PROGRESS);
        if (active > 1) out.put("note", active + " items are in_progress; finish or pause all but one");
        return out.build().print();
    }
}
