package dev.nacre.tools;

import dev.nacre.core.Json;
import dev.nacre.core.ToolSpec;
import dev.nacre.runtime.Journal;
import dev.nacre.runtime.SearchHit;
import dev.nacre.runtime.Tool;
import dev.nacre.runtime.ToolContext;
import dev.nacre.runtime.ToolResult;
import java.time.Instant;
import java.util.List;
import java.util.Locale;

/** Full-text search over past sessions' messages, through the journal's index. */
public final class SessionSearchTool implements Tool {
    static final int DEFAULT_LIMIT = 5;
    static final int MAX_LIMIT = 20;
    static final int SNIPPET_CHARS = 300;

    private static final ToolSpec SPEC = ToolSpec.of("session_search", """
            Search the messages of past sessions (yours and the user's) by keywords, to recall earlier \
            decisions, fixes, names or preferences that are not in your memory. Returns the best-matching \
            messages with their session id and title, role, time and a snippet. Use a few distinctive \
            words rather than a sentence.""",
            Json.parse("""
            {"type":"object","properties":{
              "query":{"type":"string","description":"Keywords to look for, e.g. \\"postgres migration timeout\\"."},
              "limit":{"type":"integer","minimum":1,"maximum":20,"description":"Most results to return; default 5."}},
             "required":["query"]}
            """), "session_search");

    private final Journal journal;

    public SessionSearchTool(Journal journal) {
        this.journal = journal;
    }

    private static final int SESSION_OVERFETCH = 20;

    @Override
    public ToolSpec spec() {
        return SPEC;
    }

    @Override
    public ToolResult call(Json.Obj arguments, ToolContext context) {
        try {
            String query = Arguments.requiredText(arguments, "query").strip();
            int limit = Math.clamp(Arguments.integer(arguments, "limit", DEFAULT_LIMIT), 1, MAX_LIMIT);
            // Past sessions only: the current conversation is already in the model's context.
            List<SearchHit> hits = journal.search(query, limit + SESSION_OVERFETCH).stream()
                    .filter(h -> !h.sessionId().equals(context.sessionId())).limit(limit).toList();
            var out = Json.object().put("query", query)
                    .put("results", Json.array(hits.stream().limit(limit).map(h -> result(h, query)).toList()));
            if (hits.isEmpty()) out.put("note", "no past messages match; try fewer or different words");
            return ToolResult.ok(out.build().print());
        } catch (ToolArgumentException e) {
            return ToolResult.error(e.getMessage());
        }
    }

    private static Json result(SearchHit hit, String query) {
        return Json.object()
                .put("session", hit.sessionId())
                .put("title", hit.sessionTitle() == null ? "" : hit.sessionTitle())
                .put("role", hit.role())
                .put("at", Instant.ofEpochMilli(hit.atMillis()).toString())
                .put("snippet", snippet(hit.snippet() == null ? "" : hit.snippet(), query))
                .build();
    }

    /** A window of the text around the first query word found, so long messages do not flood the context. */
    static String snippet(String text, String query) {
        String flat = text.strip().replaceAll("\\s+", " ");
        if (flat.length() <= SNIPPET_CHARS) return flat;
        String lower = flat.toLowerCase(Locale.ROOT);
        int at = -1;
        for (String word : query.toLowerCase(Locale.ROOT).split("\\W+")) {
            if (word.isEmpty()) continue;
            at = lower.indexOf(word);
            if (at >= 0) break;
        }
        int start = Math.clamp(at - SNIPPET_CHARS / 3, 0, flat.length() - SNIPPET_CHARS);
        int end = start + SNIPPET_CHARS;
        return (start > 0 ? "…" : "") + flat.substring(start, end) + (end < flat.length() ? "…" : "");
    }
}
