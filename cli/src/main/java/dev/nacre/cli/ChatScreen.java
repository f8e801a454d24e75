package dev.nacre.cli;

import dev.nacre.core.Output;
import dev.nacre.core.ToolCall;
import dev.nacre.runtime.ModelStream;
import dev.nacre.runtime.RunResult;
import dev.nacre.runtime.UserChannel;
import java.util.List;
import org.jline.reader.LineReader;
import org.jline.terminal.Terminal;

/** How a chat looks: streamed answer text, dimmed reasoning, a line per tool call. */
final class ChatScreen implements UserChannel, ModelStream {
    private static final String DIM = "\u001b[2m";
    private static final String RED = "\u001b[31m";
    private static final String RESET = "\u001b[0m";

    private final Terminal terminal;
    private final LineReader reader;
    private boolean inReasoning;
    private boolean midLine;

    ChatScreen(Terminal terminal, LineReader reader) {
        this.terminal = terminal;
        this.reader = reader;
    }

    @Override
    public synchronized void text(String delta) {
        if (inReasoning) {
            write(RESET + "\n");
            inReasoning = false;
        }
        write(delta);
    }

    @Override
    public synchronized void reasoning(String delta) {
        if (!inReasoning) {
            write(DIM);
            inReasoning = true;
        }
        write(delta);
    }

    @Override
    public synchronized void restart(String why) {
        endLine();
        line(DIM + "(" + why + ")" + RESET);
    }

    @Override
    public ModelStream stream() {
        return this;
    }

    @Override
    public synchronized void show(Output output) {
        switch (output) {
            case Output.ToolStarted(ToolCall call) -> {
                endLine();
                line(DIM + "  ⚙ " + call.name() + " " + ToolLine.arguments(call) + RESET);
            }
            case Output.ToolFinished(var result) -> line(DIM + "  " + (result.isError() ? "✗ " : "✓ ") + result.name()
                    + ": " + SessionsCommand.oneLine(result.content()) + RESET);
            case Output.Notice(String text) -> line(DIM + text + RESET);
            case Output.Answer a -> { } // already streamed
        }
    }

    @Override
    public boolean approve(ToolCall call, String reason) {
        endLine();
        String answer = reader.readLine(reason + ": " + call.name() + " " + ToolLine.arguments(call) + " — allow? [y/N] ");
        return answer.strip().equalsIgnoreCase("y") || answer.strip().equalsIgnoreCase("yes");
    }

    @Override
    public String ask(String question, List<String> choices) {
        endLine();
        line(question);
        for (int i = 0; i < choices.size(); i++) line("  " + (i + 1) + ". " + choices.get(i));
        String answer = reader.readLine("answer› ").strip();
        if (!choices.isEmpty() && answer.matches("[1-9]") && Integer.parseInt(answer) <= choices.size()) {
            return choices.get(Integer.parseInt(answer) - 1);
        }
        return answer;
    }

    synchronized void finish(RunResult result) {
        endLine();
        var outcome = result.outcome();
        if (!outcome.completed()) {
            line(RED + "(" + result.modelFailure().map(Throwable::getMessage).orElse(outcome.reason()) + ")" + RESET);
        }
    }

    synchronized void info(String text) {
        endLine();
        line(DIM + text + RESET);
    }

    private void endLine() {
        if (inReasoning) {
            write(RESET);
            inReasoning = false;
        }
        if (midLine) write("\n");
    }

    private void line(String s) {
        write(s + "\n");
    }

    private void write(String s) {
        if (s.isEmpty()) return;
        terminal.writer().write(s);
        terminal.writer().flush();
        String visible = s.replaceAll("\u001b\\[[0-9;]*m", "");
        if (!visible.isEmpty()) midLine = !visible.endsWith("\n");
    }
}
