package dev.nacre.cli;

import dev.nacre.core.Event;
import dev.nacre.core.EventCodec;
import dev.nacre.core.Json;
import dev.nacre.core.Message;
import dev.nacre.runtime.Journal;
import dev.nacre.runtime.JournalEntry;
import dev.nacre.runtime.EventMessages;
import dev.nacre.runtime.MessageText;
import dev.nacre.runtime.SessionInfo;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code nacre sessions list | show ID | search QUERY}. */
@Command(name = "sessions", description = "List, show and search recorded sessions.",
        subcommands = {SessionsCommand.ListSessions.class, SessionsCommand.Show.class, SessionsCommand.Search.class})
final class SessionsCommand implements Runnable {
    private final Context context;

    SessionsCommand(Context context) {
        this.context = context;
    }

    @Override
    public void run() {
        var list = new ListSessions();
        list.parent = this;
        list.call();
    }

    private Nacre open() {
        return new Nacre(context, context.config());
    }

    @Command(name = "list", description = "Recent sessions, newest first.")
    static final class ListSessions implements Callable<Integer> {
        @picocli.CommandLine.ParentCommand
        SessionsCommand parent;

        @Option(names = "--json", description = "Print JSON.")
        boolean json;

        @Option(names = "--limit", description = "How many (default 20).")
        int limit = 20;

        @Override
        public Integer call() {
            try (var nacre = parent.open()) {
                var out = parent.context.out();
                var sessions = nacre.journal().sessions(limit);
                if (json) {
                    out.println(Json.array(sessions.stream().map(SessionsCommand::sessionJson).toList()).print());
                } else if (sessions.isEmpty()) {
                    out.println("No sessions yet. Start one with: nacre chat");
                } else {
                    for (SessionInfo s : sessions) {
                        out.println(s.id() + "  " + Instant.ofEpochMilli(s.createdMillis()).toString().substring(0, 16).replace('T', ' ')
                                + "  " + pad(s.model(), 18) + "  " + s.title());
                    }
                }
                return ExitCode.OK;
            }
        }
    }

    @Command(name = "show", description = "Show a session's messages.")
    static final class Show implements Callable<Integer> {
        @picocli.CommandLine.ParentCommand
        SessionsCommand parent;

        @Parameters(paramLabel = "ID")
        String id;

        @Option(names = "--json", description = "Print JSON: the session and its journal entries.")
        boolean json;

        @Override
        public Integer call() {
            try (var nacre = parent.open()) {
                Journal journal = nacre.journal();
                var info = journal.session(id).orElseThrow(() -> new UsageError(
                        "no session '" + id + "'; list them with: nacre sessions list"));
                var entries = journal.entries(id);
                var out = parent.context.out();
                if (json) {
                    var events = new ArrayList<Json>();
                    for (JournalEntry e : entries) {
                        events.add(Json.object().put("seq", e.seq()).put("at", e.atMillis()).put("hash", e.hash())
                                .put("event", EventCodec.encode(e.event())).build());
                    }
                    out.println(Json.object().put("session", sessionJson(info)).put("events", Json.array(events)).build().print());
                    return ExitCode.OK;
                }
                out.println("session " + info.id() + "  model " + info.model() + "  " + entries.size() + " events");
                for (JournalEntry e : entries) {
                    if (e.event() instanceof Event.ToolAudit a) out.println(renderAudit(a));
                    for (Message m : EventMessages.of(e.event())) out.println(render(m));
                }
                return ExitCode.OK;
            }
        }

        /** One line of what a sandboxed call really did: outcome, fuel, and each capability it used. */
        private static String renderAudit(Event.ToolAudit a) {
            var r = a.record() instanceof Json.Obj o ? o : Json.EMPTY_OBJ;
            var uses = r.array("uses");
            // a partial count (the guest was stopped by a trap or the deadline) is a lower bound
            String atLeast = r.bool("fuelPartial", false) ? "≥ " : "";
            return "  ⓘ " + a.tool() + " " + r.string("outcome", "?") + ", fuel " + atLeast + r.number("fuelUsed", 0)
                    + (uses.isEmpty() ? "" : ", used: " + oneLine(Json.array(uses).print()));
        }

        private static String render(Message m) {
            return switch (m) {
                case Message.Assistant a when !a.toolCalls().isEmpty() -> "assistant: " + a.text()
                        + a.toolCalls().stream().map(c -> "\n  → " + c.name() + " " + ToolLine.arguments(c)).reduce("", String::concat);
                case Message.Tool t -> "  ← " + t.name() + (t.isError() ? " (error)" : "") + ": " + oneLine(t.content());
                default -> m.role() + ": " + MessageText.of(m);
            };
        }
    }

    @Command(name = "search", description = "Full-text search over past messages, best first.")
    static final class Search implements Callable<Integer> {
        @picocli.CommandLine.ParentCommand
        SessionsCommand parent;

        @Parameters(paramLabel = "QUERY")
        List<String> query;

        @Option(names = "--json", description = "Print JSON.")
        boolean json;

        @Option(names = "--limit", description = "How many hits (default 10).")
        int limit = 10;

        @Override
        public Integer call() {
            try (var nacre = parent.open()) {
                var hits = nacre.journal().search(String.join(" ", query), limit);
                var out = parent.context.out();
                if (json) {
                    out.println(Json.array(hits.stream().map(h -> (Json) Json.object().put("session_id", h.sessionId())
                            .put("title", h.sessionTitle()).put("role", h.role()).put("snippet", h.snippet())
                            .put("rank", new Json.Num(Double.toString(h.rank()))).put("at", h.atMillis()).build()).toList()).print());
                } else if (hits.isEmpty()) {
                    out.println("No matches.");
                } else {
                    for (var h : hits) out.println(h.sessionId() + "  " + pad(h.role(), 9) + "  " + oneLine(h.snippet()));
                }
                return ExitCode.OK;
            }
        }
    }

    static Json sessionJson(SessionInfo s) {
        return Json.object().put("id", s.id()).put("title", s.title()).put("model", s.model())
                .put("created_at", s.createdMillis()).put("parent_id", s.parentId()).build();
    }

    private static String pad(String s, int width) {
        return s.length() >= width ? s : s + " ".repeat(width - s.length());
    }

    static String oneLine(String s) {
        String flat = s.replace('\n', ' ').strip();
        return flat.length() <= 160 ? flat : flat.substring(0, 159) + "…";
    }
}
