package dev.nacre.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.nacre.testkit.Reply;
import dev.nacre.testkit.ScriptedModelServer;
import java.io.ByteArrayOutputStream;
import java.io.PipedInputStream;
import java.io.PipedOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.jline.terminal.Terminal;
import org.jline.terminal.TerminalBuilder;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Drives {@code nacre chat} through a JLine terminal over pipes, as a person at a keyboard would. */
class ChatCommandTest {
    @TempDir
    Path home;

    ScriptedModelServer server;
    PipedOutputStream keyboard;
    ByteArrayOutputStream screen;
    CompletableFuture<Integer> chat;
    volatile Terminal terminal;

    @BeforeEach
    void start() throws Exception {
        server = ScriptedModelServer.start();
        keyboard = new PipedOutputStream();
        var in = new PipedInputStream(keyboard, 1 << 16);
        screen = new ByteArrayOutputStream();
        Map<String, String> env = new HashMap<>();
        env.put("NACRE_HOME", home.toString());
        env.put("NACRE_BASE_URL", server.baseUrl());
        env.put("NACRE_MODEL", "chat-model");
        TerminalFactory terminals = () -> terminal = TerminalBuilder.builder().system(false).streams(in, screen)
                .type("xterm-256color").size(new org.jline.terminal.Size(120, 40)).build();
        var err = new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8);
        var context = new Context(env, in, new PrintStream(screen, true, StandardCharsets.UTF_8), err, terminals);
        chat = new CompletableFuture<>();
        Thread.ofPlatform().daemon().start(() -> chat.complete(Main.execute(context, "chat")));
    }

    @AfterEach
    void stop() throws Exception {
        keyboard.close(); // end of input ends a chat that a failed test left running
        server.close();
    }

    private void type(String keys) throws Exception {
        keyboard.write(keys.getBytes(StandardCharsets.UTF_8));
        keyboard.flush();
    }

    private String screenText() {
        synchronized (screen) {
            return screen.toString(StandardCharsets.UTF_8);
        }
    }

    private void awaitScreen(String text) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        while (!screenText().contains(text)) {
            if (System.nanoTime() > deadline) throw new AssertionError("never showed '" + text + "'; screen:\n" + screenText());
            Thread.sleep(20);
        }
    }

    @Test
    void streamsAnswersShowsToolsAndReasoningAndHandlesSlashCommands() throws Exception {
        server.enqueue(Reply.builder().reasoning("The user greets me.").text("Hello there!").build());
        awaitScreen("/help for commands");
        type("hi\r");
        awaitScreen("Hello there!");
        assertThat(screenText()).contains("\u001b[2mThe user greets me.");

        server.enqueue(Reply.toolCall("todo", "{\"todos\":[{\"id\":\"1\",\"content\":\"pack\",\"status\":\"pending\"}]}"),
                Reply.text("Listed."));
        type("plan \\\rmy trip\r");
        awaitScreen("Listed.");
        assertThat(screenText()).contains("⚙ todo");
        var lastUser = server.requests().get(1).array("messages").stream()
                .filter(m -> ((dev.nacre.core.Json.Obj) m).string("role", "").equals("user")).toList().getLast();
        assertThat(((dev.nacre.core.Json.Obj) lastUser).string("content", "")).isEqualTo("plan \nmy trip");

        type("/tools\r");
        awaitScreen("memory · memory");
        type("/model other-model\r");
        awaitScreen("model is now other-model");
        server.enqueue(Reply.text("Again!"));
        type("/retry\r");
        awaitScreen("Again!");
        assertThat(server.requests().getLast().string("model", "")).isEqualTo("other-model");
        type("/quit\r");
        assertThat(chat.get(10, TimeUnit.SECONDS)).isZero();
    }

    @Test
    void ctrlCInterruptsATurnAndTwiceExits() throws Exception {
        server.enqueue(Reply.stall(30_000));
        awaitScreen("/help for commands");
        type("think hard\r");
        long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        while (server.requests().isEmpty() && System.nanoTime() < deadline) Thread.sleep(20);
        // Between prompts the tty is in cooked mode, so Ctrl+C arrives as SIGINT, which JLine raises on the terminal.
        terminal.raise(Terminal.Signal.INT);
        awaitScreen("interrupted");
        // A second Ctrl+C soon after the first exits (one more if the prompt took its time to come back).
        type("\u0003");
        for (int i = 0; i < 50 && !chat.isDone(); i++) Thread.sleep(20);
        if (!chat.isDone()) type("\u0003");
        assertThat(chat.get(10, TimeUnit.SECONDS)).isZero();
    }
}
