package dev.nacre.cli;

import dev.nacre.core.ToolCall;

/** One short line describing a tool call, for people watching a run. */
final class ToolLine {
    private static final int MAX = 100;

    private ToolLine() {}

    static String arguments(ToolCall call) {
        String args = call.arguments().print();
        return args.length() <= MAX ? args : args.substring(0, MAX - 1) + "…";
    }
}
