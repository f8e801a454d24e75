package dev.nacre.cli;

import dev.nacre.runtime.AgentSession;
import dev.nacre.runtime.ModelClient;
import java.io.IOException;
import java.util.concurrent.Callable;
import org.jline.reader.EndOfFileException;
import org.jline.reader.LineReader;
import org.jline.reader.LineReaderBuilder;
import org.jline.reader.UserInterruptException;
import org.jline.reader.impl.DefaultParser;
import org.jline.terminal.Terminal;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code nacre chat}: an interactive conversation with streamed replies. */
@Command(name = "chat", description = "Chat with an agent. End a line with \\ to continue it; /help lists commands.")
final class ChatCommand implements Callable<Integer> {
    private static final long DOUBLE_PRESS_MILLIS = 2000;

    private final Context context;

    @Mixin
    ProviderOptions provider = new ProviderOptions();

    @Option(names = "--resume", paramLabel = "ID", description = "Continue a recorded session.")
    String resume = "";

    ChatCommand(Context context) {
        this.context = context;
    }

    @Override
    public Integer call() throws IOException {
        var configured = provider.config(context);
        if (configured.isEmpty()) return ExitCode.USAGE;
        var config = configured.get();
        try (var nacre = new Nacre(context, config); Terminal terminal = context.terminals().open()) {
            nacre.openJournalAhead(); // while the terminal and line reader are set up
            // Text goes to the model as typed: no shell-style escapes, quotes or brackets.
            var parser = new DefaultParser().escapeChars(new char[0]).quoteChars(new char[0])
                    .eofOnEscapedNewLine(false).eofOnUnclosedQuote(false);
            var reader = LineReaderBuilder.builder().terminal(terminal).appName("nacre").parser(parser)
                    .variable(LineReader.SECONDARY_PROMPT_PATTERN, "… ").build();
            var client = nacre.model();
            int turns = provider.turns(config);
            var chat = new ChatLoop(nacre, client, terminal, reader, turns);
            if (resume.isEmpty()) {
                chat.session = nacre.newSession(client, config.provider().model(), turns);
            } else {
                if (nacre.journal().session(resume).isEmpty()) {
                    throw new UsageError("no session '" + resume + "'; list them with: nacre sessions list");
                }
                chat.session = AgentSession.resume(resume, nacre.setup(client, config.provider().model(), turns));
            }
            nacre.journal(); // a journal that cannot be opened is said before the first prompt, not after it
            return chat.run();
        }
    }

    /** The read–run loop, with the state a chat keeps between lines. */
    static final class ChatLoop {
        private final Nacre nacre;
        private final ModelClient client;
        private final Terminal terminal;
        private final LineReader reader;
        private final int maxTurns;
        private final ChatScreen screen;
        AgentSession session;
        private volatile boolean turnRunning;
        private volatile long lastInterrupt;
        private volatile boolean quit;

        ChatLoop(Nacre nacre, ModelClient client, Terminal terminal, LineReader reader, int maxTurns) {
            this.nacre = nacre;
            this.client = client;
            this.terminal = terminal;
            this.reader = reader;
            this.maxTurns = maxTurns;
            this.screen = new ChatScreen(terminal, reader);
        }

        int run() {
            terminal.handle(Terminal.Signal.INT, signal -> onCtrlC());
            screen.info("Nacre chat · model " + session.modelName() + " · session " + session.id()
                    + " · /help for commands · Ctrl+C interrupts, twice exits");
            // A resumed session may have been stopped halfway: finish (or fail closed) what it was doing first.
            turn(() -> session.continueRun(screen).ifPresent(screen::finish));
            while (!quit) {
                String input = read();
                if (input == null) break;
                if (input.isBlank()) continue;
                if (input.startsWith("/")) {
                    slash(input.strip());
                } else {
                    turn(() -> screen.finish(session.send(input, screen)));
                }
            }
            return ExitCode.OK;
        }

        private String read() {
            var text = new StringBuilder();
            String prompt = "› ";
            while (true) {
                String line;
                try {
                    line = reader.readLine(prompt);
                } catch (UserInterruptException e) {
                    if (pressedTwice()) return null;
                    screen.info("(Ctrl+C again to exit)");
                    text.setLength(0);
                    prompt = "› ";
                    continue;
                } catch (EndOfFileException e) {
                    return text.isEmpty() ? null : text.toString();
                }
                if (line.endsWith("\\")) {
                    text.append(line, 0, line.length() - 1).append('\n');
                    prompt = "… ";
                    continue;
                }
                return text.append(line).toString();
            }
        }

        private void onCtrlC() {
            if (pressedTwice()) {
                quit = true;
                session.interrupt();
                return;
            }
            if (turnRunning) {
                session.interrupt();
            }
        }

        private boolean pressedTwice() {
            long now = System.currentTimeMillis();
            boolean twice = now - lastInterrupt < DOUBLE_PRESS_MILLIS;
            lastInterrupt = now;
            return twice;
        }

        private void turn(Runnable work) {
            turnRunning = true;
            try {
                work.run();
            } finally {
                turnRunning = false;
            }
        }

        private void slash(String line) {
            String[] parts = line.split("\\s+", 2);
            String arg = parts.length > 1 ? parts[1].strip() : "";
            switch (parts[0]) {
                case "/quit", "/exit" -> quit = true;
                case "/new" -> {
                    session = nacre.newSession(client, session.modelName(), maxTurns);
                    screen.info("new session " + session.id());
                }
                case "/retry" -> turn(() -> session.retry(screen).ifPresentOrElse(screen::finish,
                        () -> screen.info("nothing to retry")));
                case "/undo" -> {
                    session.undo();
                    screen.info("removed the last exchange");
                }
                case "/model" -> {
                    if (arg.isEmpty()) {
                        screen.info("model: " + session.modelName());
                    } else {
                        session.switchModel(arg);
                        screen.info("model is now " + arg);
                    }
                }
                case "/tools" -> session.state().tools().forEach(t -> screen.info(t.toolset() + " · " + t.name()
                        + (t.interactive() ? " (interactive)" : "") + " — " + firstSentence(t.description())));
                case "/sessions" -> nacre.journal().sessions(10).forEach(s ->
                        screen.info(s.id() + "  " + s.model() + "  " + s.title()));
                case "/help" -> screen.info(HELP);
                default -> screen.info("unknown command " + parts[0] + "; /help lists them");
            }
        }

        private static String firstSentence(String s) {
            int dot = s.indexOf(". ");
            return dot < 0 ? s : s.substring(0, dot + 1);
        }
    }

    static final String HELP = """
            /new        start a new session
            /retry      send your last message again
            /undo       remove the last exchange
            /model [M]  show or switch the model
            /tools      list the tools the agent can call
            /sessions   recent sessions
            /help       this list
            /quit       leave (also Ctrl+D, or Ctrl+C twice)
            End a line with \\ to continue on the next line.""";
}
