package dev.nacre.tools;

import dev.nacre.core.Json;
import dev.nacre.core.ToolSpec;
import dev.nacre.runtime.Tool;
import dev.nacre.runtime.ToolContext;
import dev.nacre.runtime.ToolResult;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.function.Predicate;

/**
 * Durable notes across sessions: {@code MEMORY.md} (the agent's) and {@code USER.md} (about the
 * user). Writes land on disk at once; the system prompt sees them from the next session on,
 * through {@link MemorySnapshot}.
 */
public final class MemoryTool implements Tool {
    private static final ToolSpec SPEC = ToolSpec.of("memory", """
            Save durable notes that persist across sessions. target 'memory' holds your own notes \
            (environment facts, project conventions, lessons learned); target 'user' holds the user's \
            profile (name, role, preferences, how they like to work). Save only what will matter in \
            future sessions, one fact per entry; never save secrets or temporary task state. \
            Actions: add (content), replace (old_text: a unique substring of one entry; content: the \
            new entry), remove (old_text), read. Space is small (memory 2200 chars, user 1375): when \
            an add fails because it is full, merge or remove entries, then add again. Saved entries \
            appear in your system prompt from the next session on.""",
            Json.parse("""
            {"type":"object","properties":{
              "action":{"type":"string","enum":["add","replace","remove","read"]},
              "target":{"type":"string","enum":["memory","user"],"description":"Which file; default memory."},
              "content":{"type":"string","description":"The entry to save (add, replace). Plain text, at most 600 chars."},
              "old_text":{"type":"string","description":"A substring that identifies exactly one existing entry (replace, remove)."}},
             "required":["action"]}
            """), "memory");

    private final MemoryFiles files;

    public MemoryTool(Path memoriesDir) {
        this.files = new MemoryFiles(memoriesDir);
    }

    @Override
    public ToolSpec spec() {
        return SPEC;
    }

    @Override
    public ToolResult call(Json.Obj arguments, ToolContext context) {
        try {
            String action = Arguments.requiredText(arguments, "action").strip().toLowerCase(Locale.ROOT);
            MemoryTarget target = MemoryTarget.parse(Arguments.text(arguments, "target").orElse("memory"));
            return switch (action) {
                case "read" -> ToolResult.ok(state(Json.object(), target, files.read(target), true).build().print());
                case "add" -> changed("added", target, add(target, EntryRules.check(Arguments.requiredText(arguments, "content"))));
                case "replace" -> changed("replaced", target, replace(target, Arguments.requiredText(arguments, "old_text"),
                        EntryRules.check(Arguments.requiredText(arguments, "content"))));
                case "remove" -> changed("removed", target, remove(target, Arguments.requiredText(arguments, "old_text")));
                default -> throw new ToolArgumentException("action '" + action + "' is not one of add, replace, remove, read");
            };
        } catch (ToolArgumentException e) {
            return ToolResult.error(e.getMessage());
        }
    }

    private List<String> add(MemoryTarget target, String entry) {
        return files.update(target, entries -> {
            if (entries.stream().anyMatch(e -> sameText(e, entry))) {
                throw new ToolArgumentException("that entry is already saved in " + target.wireName() + "; nothing to do");
            }
            var after = new ArrayList<>(entries);
            after.add(entry);
            return withinLimit(target, entries, after);
        });
    }

    private List<String> replace(MemoryTarget target, String oldText, String entry) {
        return files.update(target, entries -> {
            int at = find(target, entries, oldText);
            for (int i = 0; i < entries.size(); i++) {
                if (i != at && sameText(entries.get(i), entry)) {
                    throw new ToolArgumentException("another entry already says that; remove the old one instead");
                }
            }
            var after = new ArrayList<>(entries);
            after.set(at, entry);
            return withinLimit(target, entries, after);
        });
    }

    private List<String> remove(MemoryTarget target, String oldText) {
        return files.update(target, entries -> {
            var after = new ArrayList<>(entries);
            after.remove(find(target, entries, oldText));
            return after;
        });
    }

    /** The index of the one entry containing {@code oldText}: exact case first, then any case. */
    private static int find(MemoryTarget target, List<String> entries, String oldText) {
        String needle = oldText.strip();
        List<Integer> hits = matches(entries, e -> e.contains(needle));
        if (hits.isEmpty()) hits = matches(entries, e -> e.toLowerCase(Locale.ROOT).contains(needle.toLowerCase(Locale.ROOT)));
        if (hits.size() == 1) return hits.getFirst();
        if (hits.isEmpty() && entries.isEmpty()) throw new ToolArgumentException(target.wireName() + " has no entries yet");
        if (hits.isEmpty()) {
            throw new ToolArgumentException("no " + target.wireName() + " entry contains old_text; copy a phrase from one of "
                    + Json.array(entries.stream().map(Json::of).toList()).print());
        }
        throw new ToolArgumentException("old_text matches " + hits.size() + " entries; quote more of the one you mean");
    }

    private static List<Integer> matches(List<String> entries, Predicate<String> test) {
        var hits = new ArrayList<Integer>();
        for (int i = 0; i < entries.size(); i++) if (test.test(entries.get(i))) hits.add(i);
        return hits;
    }

    private static List<String> withinLimit(MemoryTarget target, List<String> before, List<String> after) {
        int used = MemoryEntries.usage(before);
        int needed = MemoryEntries.usage(after);
        if (needed <= target.limit()) return after;
        throw new ToolArgumentException(target.wireName() + " is full: " + used + "/" + target.limit()
                + " chars used and this change needs " + needed + ". Consolidate first (merge related entries with replace,"
                + " remove stale ones), then try again. Current entries: "
                + Json.array(before.stream().map(Json::of).toList()).print());
    }

    private static boolean sameText(String a, String b) {
        return normalized(a).equals(normalized(b));
    }

    private static String normalized(String s) {
        return s.strip().replaceAll("\\s+", " ").toLowerCase(Locale.ROOT);
    }

    private static ToolResult changed(String done, MemoryTarget target, List<String> entries) {
        var out = Json.object().put("result", done + "; in your system prompt from the next session on");
        return ToolResult.ok(state(out, target, entries, false).build().print());
    }

    private static Json.ObjBuilder state(Json.ObjBuilder out, MemoryTarget target, List<String> entries, boolean withEntries) {
        out.put("target", target.wireName())
                .put("usage", MemoryEntries.usage(entries) + "/" + target.limit() + " chars")
                .put("count", entries.size());
        if (withEntries) out.put("entries", Json.array(entries.stream().map(Json::of).toList()));
        return out;
    }
}
