package dev.nacre.tools;

import dev.nacre.core.Json;
import java.util.Locale;

/** One task on a session's todo list. */
public record TodoItem(String id, String content, Status status) {

    public enum Status {
        PENDING, IN_PROGRESS, COMPLETED, CANCELLED;

        /** The name the model sees and sends: {@code in_progress}. */
        public String wireName() {
            return name().toLowerCase(Locale.ROOT);
        }

        static Status parse(String text) {
            for (Status s : values()) if (s.wireName().equals(text.strip().toLowerCase(Locale.ROOT))) return s;
            throw new ToolArgumentException("status '" + text + "' is not one of pending, in_progress, completed, cancelled");
        }
    }

    Json toJson() {
        return Json.object().put("id", id).put("content", content).put("status", status.wireName()).build();
    }
}
