package dev.nacre.core;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Where a session is between events. */
public sealed interface Phase {

    /** Waiting for the user's next message. */
    record Idle() implements Phase {}

    record AwaitingModel() implements Phase {}

    /**
     * A batch is out for approval. {@code decided} holds results already known (denied, malformed,
     * unknown tool) by call id; calls absent from it run once every approval is in.
     */
    record AwaitingApproval(List<ToolCall> batch, Map<String, Message.Tool> decided, List<String> approved)
            implements Phase {
        public AwaitingApproval {
            batch = List.copyOf(batch);
            decided = Collections.unmodifiableMap(new LinkedHashMap<>(decided));
            approved = List.copyOf(approved);
        }
    }

    /** A batch is running; {@code decided} results are merged with the runtime's, in call order. */
    record AwaitingTools(List<ToolCall> batch, Map<String, Message.Tool> decided) implements Phase {
        public AwaitingTools {
            batch = List.copyOf(batch);
            decided = Collections.unmodifiableMap(new LinkedHashMap<>(decided));
        }
    }

    Idle IDLE = new Idle();
    AwaitingModel AWAITING_MODEL = new AwaitingModel();
}
