package dev.nacre.runtime;

import static org.assertj.core.api.Assertions.assertThat;

import dev.nacre.core.Agent;
import dev.nacre.core.Event;
import dev.nacre.core.Json;
import dev.nacre.core.Message;
import dev.nacre.core.ToolCall;
import dev.nacre.core.ToolSpec;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;

class AgentSessionTest {
    private final List<String> log = Collections.synchronizedList(new ArrayList<>());
    private final Journal journal = OrderedJournal.logging(log);

    private static Tool tool(String name, long sleepMillis, List<String> log) {
        return new Tool() {
            public ToolSpec spec() {
                return ToolSpec.of(name, "test tool " + name, Json.EMPTY_OBJ, "test");
            }

            public ToolResult call(Json.Obj args, ToolContext ctx) throws Exception {
                Thread.sleep(sleepMillis);
                log.add("tool:" + name);
                return ToolResult.ok(name + " done with " + args.print());
            }
        };
    }

    private static Message.Assistant calls(ToolCall... calls) {
        return new Message.Assistant("", "", List.of(calls));
    }

    @Test
    void journalsEachEventBeforeActingOnIt() {
        var model = new ScriptedModel(log).then(calls(ToolCall.of("c1", "a", Json.EMPTY_OBJ)))
                .then(Message.Assistant.text("done"));
        var session = AgentSession.start(SessionSetup.of(journal, model, Toolbox.of(List.of(tool("a", 0, log))), "sys"));
        var result = session.send("go", UserChannel.HEADLESS);

        assertThat(result.outcome().completed()).isTrue();
        assertThat(result.outcome().answer()).isEqualTo("done");
        assertThat(log).containsExactly("journal:SessionStarted", "journal:UserMessage", "model",
                "journal:ModelResponded", "tool:a", "journal:ToolResults", "model", "journal:ModelResponded");
    }

    @Test
    void runsABatchConcurrentlyAndKeepsCallOrder() {
        // "slow" waits until "fast" has run: they can only both finish if they run at the same time.
        var fastDone = new CountDownLatch(1);
        Tool slow = new Tool() {
            public ToolSpec spec() {
                return ToolSpec.of("slow", "waits for fast", Json.EMPTY_OBJ, "test");
            }

            public ToolResult call(Json.Obj args, ToolContext ctx) throws Exception {
                if (!fastDone.await(10, TimeUnit.SECONDS)) return ToolResult.error("ran alone");
                log.add("tool:slow");
                return ToolResult.ok("slow done");
            }
        };
        Tool fast = new Tool() {
            public ToolSpec spec() {
                return ToolSpec.of("fast", "runs at once", Json.EMPTY_OBJ, "test");
            }

            public ToolResult call(Json.Obj args, ToolContext ctx) {
                log.add("tool:fast");
                fastDone.countDown();
                return ToolResult.ok("fast done");
            }
        };
        var model = new ScriptedModel(log).then(calls(ToolCall.of("c1", "slow", Json.EMPTY_OBJ),
                ToolCall.of("c2", "fast", Json.EMPTY_OBJ))).then(Message.Assistant.text("ok"));
        var tools = Toolbox.of(List.of(slow, fast));
        var session = AgentSession.start(SessionSetup.of(journal, model, tools, "sys"));
        session.send("go", UserChannel.HEADLESS);

        assertThat(log.indexOf("tool:fast")).isLessThan(log.indexOf("tool:slow"));
        var secondRequest = model.requests.get(1).messages();
        assertThat(((Message.Tool) secondRequest.get(secondRequest.size() - 2)).content()).isEqualTo("slow done");
        assertThat(secondRequest.subList(secondRequest.size() - 2, secondRequest.size()))
                .extracting(m -> ((Message.Tool) m).callId()).containsExactly("c1", "c2");
    }

    @Test
    void aThrowingToolBecomesAnErrorResultAndTheRunGoesOn() {
        Tool broken = new Tool() {
            public ToolSpec spec() {
                return ToolSpec.of("broken", "fails", Json.EMPTY_OBJ, "test");
            }

            public ToolResult call(Json.Obj args, ToolContext ctx) {
                throw new IllegalStateException("disk on fire");
            }
        };
        var model = new ScriptedModel(log).then(calls(ToolCall.of("c1", "broken", Json.EMPTY_OBJ)))
                .then(Message.Assistant.text("recovered"));
        var session = AgentSession.start(SessionSetup.of(journal, model, Toolbox.of(List.of(broken)), "sys"));
        var result = session.send("go", UserChannel.HEADLESS);

        assertThat(result.outcome().answer()).isEqualTo("recovered");
        var toolMessage = (Message.Tool) model.requests.get(1).messages().getLast();
        assertThat(toolMessage.isError()).isTrue();
        assertThat(toolMessage.content()).contains("disk on fire");
    }

    @Test
    void auditRecordsAreJournaledBeforeTheResults() {
        Tool audited = new Tool() {
            public ToolSpec spec() {
                return ToolSpec.of("audited", "records what it did", Json.EMPTY_OBJ, "test");
            }

            public ToolResult call(Json.Obj args, ToolContext ctx) {
                ctx.audit().accept(Json.object().put("read", "/data/app.json").build());
                return ToolResult.ok("done");
            }
        };
        var model = new ScriptedModel(log).then(calls(ToolCall.of("c1", "audited", Json.EMPTY_OBJ)))
                .then(Message.Assistant.text("ok"));
        var session = AgentSession.start(SessionSetup.of(journal, model, Toolbox.of(List.of(audited)), "sys"));
        session.send("go", UserChannel.HEADLESS);

        var events = journal.entries(session.id()).stream().map(JournalEntry::event).toList();
        assertThat(events).extracting(e -> e.getClass().getSimpleName()).containsSubsequence(
                "ModelResponded", "ToolAudit", "ToolResults");
        var audit = (Event.ToolAudit) events.stream().filter(e -> e instanceof Event.ToolAudit).findFirst().orElseThrow();
        assertThat(audit.callId()).isEqualTo("c1");
        assertThat(audit.record().print()).contains("/data/app.json");
        assertThat(Agent.replay(events)).isEqualTo(session.state());
    }

    @Test
    void interruptStopsAModelCallInFlight() throws Exception {
        var entered = new CountDownLatch(1);
        var model = new ScriptedModel(log).then(blockUntilInterrupted(entered, false));
        var session = AgentSession.start(SessionSetup.of(journal, model, Toolbox.empty(), "sys"));
        var runner = Thread.ofVirtual().start(() -> {
            var r = session.send("go", UserChannel.HEADLESS);
            log.add("outcome:" + r.outcome().reason());
        });
        assertThat(entered.await(5, TimeUnit.SECONDS)).isTrue();
        session.interrupt();
        runner.join(5000);

        assertThat(runner.isAlive()).isFalse();
        assertThat(log).contains("journal:Interrupt", "outcome:interrupted by the user");
        assertThat(session.state().idle()).isTrue();
    }

    @Test
    void anInterruptEndsTheRunButNotTheCallersThread() throws Exception {
        var entered = new CountDownLatch(1);
        var model = new ScriptedModel(log).then(blockUntilInterrupted(entered, true)).then(Message.Assistant.text("second answer"));
        var session = AgentSession.start(SessionSetup.of(journal, model, Toolbox.empty(), "sys"));
        var seen = Collections.synchronizedList(new ArrayList<String>());
        var runner = Thread.ofVirtual().start(() -> {
            seen.add(session.send("go", UserChannel.HEADLESS).outcome().reason());
            seen.add("interrupted flag: " + Thread.currentThread().isInterrupted());
            seen.add(session.send("again", UserChannel.HEADLESS).outcome().answer());
        });
        assertThat(entered.await(5, TimeUnit.SECONDS)).isTrue();
        session.interrupt();
        runner.join(5000);

        assertThat(seen).containsExactly("interrupted by the user", "interrupted flag: false", "second answer");
    }

    @Test
    void anInterruptOfTheCallingThreadStopsTheRunLikeInterrupt() throws Exception {
        var entered = new CountDownLatch(1);
        var model = new ScriptedModel(log).then(blockUntilInterrupted(entered, false));
        var session = AgentSession.start(SessionSetup.of(journal, model, Toolbox.empty(), "sys"));
        var seen = Collections.synchronizedList(new ArrayList<String>());
        var runner = Thread.ofVirtual().start(() -> seen.add(session.send("go", UserChannel.HEADLESS).outcome().reason()));
        assertThat(entered.await(5, TimeUnit.SECONDS)).isTrue();
        runner.interrupt();
        runner.join(5000);

        assertThat(runner.isAlive()).isFalse();
        assertThat(seen).hasSize(1);
        assertThat(seen.getFirst()).contains("interrupted");
        assertThat(log).contains("journal:Interrupt");
        assertThat(session.state().idle()).isTrue();
    }

    @Test
    void interruptKeepsTheRealResultsOfToolsThatFinishAndStartsNothingNew() throws Exception {
        var started = new CountDownLatch(2);
        Tool stubborn = new Tool() { // ignores interrupts and finishes soon after
            public ToolSpec spec() {
                return ToolSpec.of("stubborn", "finishes anyway", Json.EMPTY_OBJ, "test");
            }

            public ToolResult call(Json.Obj args, ToolContext ctx) {
                started.countDown();
                long until = System.nanoTime() + 300_000_000L;
                while (System.nanoTime() < until) Thread.onSpinWait();
                ctx.audit().accept(Json.object().put("wrote", "file.txt").build());
                return ToolResult.ok("finished");
            }
        };
        Tool polite = new Tool() { // stops when interrupted
            public ToolSpec spec() {
                return ToolSpec.of("polite", "stops", Json.EMPTY_OBJ, "test");
            }

            public ToolResult call(Json.Obj args, ToolContext ctx) throws InterruptedException {
                started.countDown();
                Thread.sleep(30_000);
                return ToolResult.ok("never");
            }
        };
        var model = new ScriptedModel(log).then(calls(ToolCall.of("c1", "stubborn", Json.EMPTY_OBJ),
                ToolCall.of("c2", "polite", Json.EMPTY_OBJ)));
        var session = AgentSession.start(SessionSetup.of(journal, model, Toolbox.of(List.of(stubborn, polite)), "sys"));
        var runner = Thread.ofVirtual().start(() -> session.send("go", UserChannel.HEADLESS));
        assertThat(started.await(5, TimeUnit.SECONDS)).isTrue();
        session.interrupt();
        runner.join(10_000);

        var events = journal.entries(session.id()).stream().map(JournalEntry::event).toList();
        assertThat(events).extracting(e -> e.getClass().getSimpleName())
                .containsSubsequence("ModelResponded", "ToolAudit", "ToolResults", "Interrupt");
        var results = ((Event.ToolResults) events.stream().filter(e -> e instanceof Event.ToolResults).findFirst().orElseThrow()).results();
        assertThat(results).extracting(Message.Tool::content).containsExactly("finished", "interrupted by the user");
        assertThat(model.requests).hasSize(1); // no model call after the interrupt
        assertThat(session.state().idle()).isTrue();
    }

    @Test
    void aBugInTheModelClientStillClosesTheRun() {
        var model = new ScriptedModel(log).then(() -> {
            throw new IllegalArgumentException("invalid URI scheme ftp");
        }).then(Message.Assistant.text("fine now"));
        var session = AgentSession.start(SessionSetup.of(journal, model, Toolbox.empty(), "sys"));
        var first = session.send("go", UserChannel.HEADLESS);

        assertThat(first.outcome().completed()).isFalse();
        assertThat(first.outcome().reason()).contains("invalid URI scheme ftp");
        assertThat(session.state().idle()).isTrue();
        assertThat(session.send("again", UserChannel.HEADLESS).outcome().answer()).isEqualTo("fine now");
    }

    @Test
    void modelFailureEndsTheRunAndSaysWhetherTheProviderRefused() {
        var model = new ScriptedModel(log).then(() -> {
            throw new ModelException(ModelException.Kind.AUTH, "the API key was refused");
        });
        var session = AgentSession.start(SessionSetup.of(journal, model, Toolbox.empty(), "sys"));
        var result = session.send("go", UserChannel.HEADLESS);

        assertThat(result.outcome().completed()).isFalse();
        assertThat(result.providerRefused()).isTrue();
        assertThat(result.outcome().reason()).contains("the API key was refused");
    }

    @Test
    void aSessionIsJournaledWithItsFirstMessageAndNotBefore() {
        var model = new ScriptedModel(log).then(Message.Assistant.text("hi"));
        var session = AgentSession.start(SessionSetup.of(journal, model, Toolbox.empty(), "sys"));
        assertThat(journal.session(session.id())).as("nothing happened in it yet").isEmpty();
        assertThat(log).isEmpty();

        session.send("Plan the move\nand more", UserChannel.HEADLESS);

        assertThat(journal.entries(session.id())).extracting(e -> e.event().getClass().getSimpleName())
                .containsExactly("SessionStarted", "UserMessage", "ModelResponded");
        assertThat(journal.session(session.id()).orElseThrow().title()).isEqualTo("Plan the move");
        assertThat(log).startsWith("journal:SessionStarted", "journal:UserMessage", "model");
    }

    @Test
    void aModelChosenBeforeTheFirstMessageIsWrittenWithTheStart() {
        var model = new ScriptedModel(log).then(Message.Assistant.text("hi"));
        var session = AgentSession.start(SessionSetup.of(journal, model, Toolbox.empty(), "sys"));
        session.switchModel("other-model");
        session.send("go", UserChannel.HEADLESS);

        assertThat(journal.session(session.id()).orElseThrow().model()).isEqualTo("other-model");
        assertThat(journal.session(session.id()).orElseThrow().title()).isEqualTo("go");
    }

    @Test
    void aModelSwitchWhileTheFirstMessageIsBeingWrittenKeepsItsTitle() throws Exception {
        var inner = new MemoryJournal();
        var writing = new CountDownLatch(1);
        var switcher = new java.util.concurrent.atomic.AtomicReference<Thread>();
        Journal journal = new Delegating(inner) {
            @Override
            public JournalEntry start(SessionInfo s, Event first, long at, Event next, long nextAt) {
                writing.countDown();
                Thread t;
                while ((t = switcher.get()) == null || t.getState() != Thread.State.BLOCKED) Thread.onSpinWait();
                return super.start(s, first, at, next, nextAt);
            }
        };
        var model = new ScriptedModel(log).then(Message.Assistant.text("hi"));
        var session = AgentSession.start(SessionSetup.of(journal, model, Toolbox.empty(), "sys"));
        var sender = Thread.ofPlatform().start(() -> session.send("Plan the move", UserChannel.HEADLESS));
        assertThat(writing.await(10, TimeUnit.SECONDS)).isTrue();
        var switching = Thread.ofPlatform().unstarted(() -> session.switchModel("other-model"));
        switcher.set(switching);
        switching.start();
        sender.join(10_000);
        switching.join(10_000);

        var info = inner.session(session.id()).orElseThrow();
        assertThat(info.title()).isEqualTo("Plan the move");
        assertThat(info.model()).isEqualTo("other-model");
    }

    @Test
    void aJournalThatWroteTheStartButNotTheMessageGetsTheNextMessageAfterIt() {
        var failNext = new java.util.concurrent.atomic.AtomicBoolean(true);
        var inner = new MemoryJournal();
        Journal journal = new Delegating(inner) {
            @Override
            public void create(SessionInfo s) {
                if (inner.session(s.id()).isPresent()) throw new IllegalArgumentException("session " + s.id() + " already exists");
                super.create(s);
            }

            @Override
            public JournalEntry append(String id, Event e, long at) {
                if (e instanceof Event.UserMessage && failNext.getAndSet(false)) throw new IllegalStateException("disk full");
                return super.append(id, e, at);
            }
        };
        var model = new ScriptedModel(log).then(Message.Assistant.text("hi"));
        var session = AgentSession.start(SessionSetup.of(journal, model, Toolbox.empty(), "sys"));
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> session.send("first", UserChannel.HEADLESS))
                .hasMessageContaining("disk full");

        var result = session.send("again", UserChannel.HEADLESS);

        assertThat(result.outcome().answer()).isEqualTo("hi");
        assertThat(inner.entries(session.id())).extracting(e -> e.event().getClass().getSimpleName())
                .containsExactly("SessionStarted", "UserMessage", "ModelResponded");
    }

    /** Passes every call to {@code inner}; tests override what they need. */
    private static class Delegating implements Journal {
        private final Journal inner;

        Delegating(Journal inner) {
            this.inner = inner;
        }

        public void create(SessionInfo s) { inner.create(s); }
        public JournalEntry append(String id, Event e, long at) { return inner.append(id, e, at); }
        public List<JournalEntry> entries(String id) { return inner.entries(id); }
        public java.util.Optional<SessionInfo> session(String id) { return inner.session(id); }
        public List<SessionInfo> sessions(int limit) { return inner.sessions(limit); }
        public List<SearchHit> search(String q, int limit) { return inner.search(q, limit); }
        public void update(SessionInfo s) { inner.update(s); }
    }

    @Test
    void resumeAfterAStopDuringToolsDoesNotRepeatThem() {
        var model = new ScriptedModel(log).then(calls(ToolCall.of("c1", "a", Json.EMPTY_OBJ)));
        var setup = SessionSetup.of(journal, model, Toolbox.of(List.of(tool("a", 0, log))), "sys");
        // Simulate a crash after the model asked for a tool: journal only the events, as the runtime would have.
        String id = "crashed";
        journal.start(new SessionInfo(id, "", "m", 0, ""),
                new Event.SessionStarted(setup.systemPrompt(), setup.tools().specs(), setup.maxTurns()), 0);
        journal.append(id, new Event.UserMessage("go"), 1);
        journal.append(id, new Event.ModelResponded(calls(ToolCall.of("c1", "a", Json.EMPTY_OBJ)),
                dev.nacre.core.Usage.ZERO), 2);
        log.clear();

        var resumeModel = new ScriptedModel(log).then(Message.Assistant.text("carried on"));
        var resumed = AgentSession.resume(id, SessionSetup.of(journal, resumeModel,
                Toolbox.of(List.of(tool("a", 0, log))), "sys"));
        var result = resumed.continueRun(UserChannel.HEADLESS).orElseThrow();

        assertThat(log).doesNotContain("tool:a");
        assertThat(result.outcome().answer()).isEqualTo("carried on");
        var toolMessage = (Message.Tool) resumeModel.requests.getFirst().messages().getLast();
        assertThat(toolMessage.content()).startsWith("outcome unknown");
    }

    @Test
    void replayingTheJournalRebuildsTheSameState() {
        var model = new ScriptedModel(log).then(calls(ToolCall.of("c1", "a", Json.object().put("x", 1).build())))
                .then(Message.Assistant.text("done"));
        var session = AgentSession.start(SessionSetup.of(journal, model, Toolbox.of(List.of(tool("a", 0, log))), "sys"));
        session.send("go", UserChannel.HEADLESS);

        var replayed = Agent.replay(journal.entries(session.id()).stream().map(JournalEntry::event).toList());
        assertThat(replayed).isEqualTo(session.state());
    }

    @Test
    void sessionsRunIndependentlyInParallel() throws Exception {
        var finished = new AtomicInteger();
        var threads = new ArrayList<Thread>();
        var shared = new MemoryJournal();
        for (int i = 0; i < 50; i++) {
            int n = i;
            threads.add(Thread.ofVirtual().start(() -> {
                var model = new ScriptedModel(new ArrayList<>()).then(Message.Assistant.text("answer " + n));
                var s = AgentSession.start(SessionSetup.of(shared, model, Toolbox.empty(), "sys"));
                if (s.send("q" + n, UserChannel.HEADLESS).outcome().answer().equals("answer " + n)) finished.incrementAndGet();
            }));
        }
        for (Thread t : threads) t.join(10_000);
        assertThat(finished.get()).isEqualTo(50);
        assertThat(shared.sessions(100)).hasSize(50);
    }

    @Test
    void aFirstMessageTitlesTheSessionInTheSameWriteAsTheMessage() {
        var memory = new MemoryJournal();
        var model = new ScriptedModel(log).then(Message.Assistant.text("Sure."));
        var session = AgentSession.start(SessionSetup.of(memory, model, Toolbox.empty(), "sys"));
        session.send("Plan a trip to Lisbon\nthree days", UserChannel.HEADLESS);
        assertThat(memory.session(session.id()).orElseThrow().title()).isEqualTo("Plan a trip to Lisbon");
        assertThat(memory.entries(session.id())).extracting(e -> e.event().getClass().getSimpleName())
                .containsExactly("SessionStarted", "UserMessage", "ModelResponded");
    }

    /**
     * A model call that counts {@code entered} down and then waits until its thread is interrupted,
     * failing as a client does; with {@code restoreFlag} it sets the interrupt flag again first, as
     * some clients do before they report the interrupt.
     */
    private static Supplier<ModelReply> blockUntilInterrupted(CountDownLatch entered, boolean restoreFlag) {
        return () -> {
            entered.countDown();
            try {
                Thread.sleep(30_000);
            } catch (InterruptedException e) {
                if (restoreFlag) Thread.currentThread().interrupt();
                throw new ModelException(ModelException.Kind.INTERRUPTED, "interrupted");
            }
            return null;
        };
    }
}
