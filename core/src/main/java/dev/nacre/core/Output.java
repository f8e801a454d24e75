package dev.nacre.core;

/** Something to show the user while a run goes on. */
public sealed interface Output {

    record Answer(String text, String reasoning) implements Output {}

    record ToolStarted(ToolCall call) implements Output {}

    record ToolFinished(Message.Tool result) implements Output {}

    record Notice(String text) implements Output {}
}
