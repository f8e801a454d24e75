package dev.nacre.core;

import java.util.List;

/** What the core asks the runtime to do. The core itself does nothing. */
public sealed interface Effect {

    record CallModel(List<Message> messages, List<ToolSpec> tools) implements Effect {}

    /** Run a batch; results go back in call order. {@code sequential} when a call is interactive. */
    record CallTools(List<ToolCall> calls, boolean sequential) implements Effect {
        public CallTools {
            calls = List.copyOf(calls);
        }
    }

    /** Ask the user to approve a call before it runs; answered by {@link Event.ApprovalDecision}. */
    record AskApproval(ToolCall call, String reason) implements Effect {}

    record Emit(Output output) implements Effect {}

    record Finish(Outcome outcome) implements Effect {}
}
