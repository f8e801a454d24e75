package dev.nacre.core;

import static dev.nacre.core.Session.call;
import static dev.nacre.core.Session.ok;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;

class AgentTurnTest {

    @Test
    void sessionStartOpensWithTheSystemPromptAndDoesNothing() {
        var s = Session.started(Session.READ);
        assertThat(s.last.effects()).isEmpty();
        assertThat(s.state.messages()).containsExactly(new Message.System("You are terse."));
        assertThat(s.state.idle()).isTrue();
        assertThat(s.state.tools()).containsExactly(Session.READ);
    }

    @Test
    void aTurnWithoutToolsCallsTheModelOnceAndFinishesWithItsAnswer() {
        var s = Session.started(Session.READ);
        s.user("What is 2+2?");
        var callModel = s.only(Effect.CallModel.class);
        assertThat(s.last.effects()).hasSize(1);
        assertThat(callModel.messages()).containsExactly(new Message.System("You are terse."), new Message.User("What is 2+2?"));
        assertThat(callModel.tools()).containsExactly(Session.READ);
        assertThat(s.state.phase()).isInstanceOf(Phase.AwaitingModel.class);

        s.send(new Event.ModelResponded(new Message.Assistant("4", "2 and 2 make 4", List.of()), new Usage(30, 4)));
        assertThat(s.last.effects()).containsExactly(
                new Effect.Emit(new Output.Answer("4", "2 and 2 make 4")),
                new Effect.Finish(new Outcome("4", true, "answered", 1, 0, new Usage(30, 4))));
        assertThat(s.state.idle()).isTrue();
        assertThat(s.state.messages()).last().isEqualTo(new Message.Assistant("4", "2 and 2 make 4", List.of()));
    }

    @Test
    void usageIsCountedPerRunAndInTotal() {
        var s = Session.started(Session.READ);
        s.user("one");
        s.answer("a");
        s.user("two");
        s.calls(call("c1", "read"));
        s.results(ok("c1", "read", "text"));
        s.answer("b");
        var outcome = s.only(Effect.Finish.class).outcome();
        assertThat(outcome.turns()).isEqualTo(2);
        assertThat(outcome.toolCalls()).isEqualTo(1);
        assertThat(outcome.usage()).isEqualTo(new Usage(30, 7));
        assertThat(s.state.totalUsage()).isEqualTo(new Usage(40, 9));
    }

    @Test
    void aBatchRunsInParallelAndItsResultsAreAppendedInCallOrder() {
        var s = Session.started(Session.READ, Session.GREP);
        s.user("look around");
        var a = call("a", "read");
        var b = call("b", "grep");
        var c = call("c", "read");
        s.calls(a, b, c);
        assertThat(s.last.effects()).containsExactly(
                new Effect.Emit(new Output.ToolStarted(a)),
                new Effect.Emit(new Output.ToolStarted(b)),
                new Effect.Emit(new Output.ToolStarted(c)),
                new Effect.CallTools(List.of(a, b, c), false));
        assertThat(s.state.phase()).isInstanceOf(Phase.AwaitingTools.class);

        s.results(ok("c", "read", "C"), ok("a", "read", "A"), ok("b", "grep", "B"));
        var tail = s.state.messages().subList(s.state.messages().size() - 3, s.state.messages().size());
        assertThat(tail).containsExactly(ok("a", "read", "A"), ok("b", "grep", "B"), ok("c", "read", "C"));
        assertThat(s.effects(Effect.Emit.class)).extracting(Effect.Emit::output).containsExactly(
                new Output.ToolFinished(ok("a", "read", "A")),
                new Output.ToolFinished(ok("b", "grep", "B")),
                new Output.ToolFinished(ok("c", "read", "C")));
        assertThat(s.only(Effect.CallModel.class).messages()).isEqualTo(s.state.messages());
        Session.assertWellFormed(s.state.messages());
    }

    @Test
    void aMissingResultIsAnsweredWithAnErrorAndAStrayOneIsDropped() {
        var s = Session.started(Session.READ);
        s.user("read two");
        s.calls(call("a", "read"), call("b", "read"));
        s.results(ok("b", "read", "B"), ok("zzz", "read", "stray"));
        var messages = s.state.messages();
        assertThat(messages.get(messages.size() - 2)).isEqualTo(
                new Message.Tool("a", "read", "the tool returned no result", true));
        assertThat(messages.getLast()).isEqualTo(ok("b", "read", "B"));
        assertThat(messages).noneMatch(m -> m instanceof Message.Tool t && t.callId().equals("zzz"));
        Session.assertWellFormed(messages);
    }

    @Test
    void anInteractiveToolMakesTheWholeBatchSequential() {
        var s = Session.started(Session.READ, Session.ASK);
        s.user("go");
        s.calls(call("a", "read"), call("b", "ask"));
        assertThat(s.only(Effect.CallTools.class).sequential()).isTrue();
    }

    @Test
    void anUnknownToolAndMalformedArgumentsAreAnsweredWithErrorsWithoutBeingDispatched() {
        var s = Session.started(Session.READ, Session.GREP);
        s.user("go");
        var good = call("a", "read");
        var unknown = call("b", "rm_rf");
        var malformed = new ToolCall("c", "grep", Json.EMPTY_OBJ, "expected '}' at offset 9");
        s.calls(good, unknown, malformed);
        assertThat(s.only(Effect.CallTools.class).calls()).containsExactly(good);
        assertThat(s.effects(Effect.Emit.class)).containsExactly(new Effect.Emit(new Output.ToolStarted(good)));

        s.results(ok("a", "read", "A"));
        var messages = s.state.messages();
        var unknownResult = (Message.Tool) messages.get(messages.size() - 2);
        var malformedResult = (Message.Tool) messages.getLast();
        assertThat(unknownResult.isError()).isTrue();
        assertThat(unknownResult.content()).contains("unknown tool 'rm_rf'").contains("read, grep");
        assertThat(malformedResult.isError()).isTrue();
        assertThat(malformedResult.content()).contains("invalid arguments").contains("expected '}' at offset 9");
        assertThat(s.state.phase()).isInstanceOf(Phase.AwaitingModel.class);
        Session.assertWellFormed(messages);
    }

    @Test
    void aResultForACallTheCoreAlreadyAnsweredDoesNotReplaceTheError() {
        var s = Session.started(Session.READ);
        s.user("go");
        s.calls(call("a", "read"), call("b", "nope"));
        s.results(ok("a", "read", "A"), ok("b", "nope", "pretend it ran"));
        var result = (Message.Tool) s.state.messages().getLast();
        assertThat(result.isError()).isTrue();
        assertThat(result.content()).contains("unknown tool");
    }

    @Test
    void aBatchWithNothingToRunGoesStraightBackToTheModel() {
        var s = Session.started(Session.READ);
        s.user("go");
        s.calls(call("a", "nope"));
        assertThat(s.effects(Effect.CallTools.class)).isEmpty();
        assertThat(s.only(Effect.CallModel.class).messages().getLast())
                .isInstanceOfSatisfying(Message.Tool.class, t -> assertThat(t.isError()).isTrue());
        assertThat(s.state.phase()).isInstanceOf(Phase.AwaitingModel.class);
        Session.assertWellFormed(s.state.messages());
    }

    @Test
    void noToolsAtAllNamesNoneInTheError() {
        var s = Session.started();
        s.user("go");
        s.calls(call("a", "read"));
        assertThat(((Message.Tool) s.state.messages().getLast()).content()).contains("(none)");
    }

    @Test
    void anExhaustedIterationBudgetFinishesIncomplete() {
        var s = Session.started(2, Session.READ);
        s.user("loop forever");
        s.calls(call("a", "read"));
        s.results(ok("a", "read", "A"));
        assertThat(s.effects(Effect.CallModel.class)).hasSize(1);
        s.calls(call("b", "read"));
        s.results(ok("b", "read", "B"));
        assertThat(s.effects(Effect.CallModel.class)).isEmpty();
        var outcome = s.only(Effect.Finish.class).outcome();
        assertThat(outcome.completed()).isFalse();
        assertThat(outcome.reason()).contains("budget of 2 turns");
        assertThat(outcome.turns()).isEqualTo(2);
        assertThat(outcome.toolCalls()).isEqualTo(2);
        assertThat(s.state.idle()).isTrue();
        Session.assertWellFormed(s.state.messages());

        // The budget is per run: the next message starts counting again.
        s.user("again");
        s.calls(call("c", "read"));
        s.results(ok("c", "read", "C"));
        assertThat(s.effects(Effect.CallModel.class)).hasSize(1);
    }

    @Test
    void aFailedModelFinishesIncompleteAndTheNextMessageJoinsTheUnansweredOne() {
        var s = Session.started(Session.READ);
        s.user("first");
        s.send(new Event.ModelFailed("503 from provider"));
        var outcome = s.only(Effect.Finish.class).outcome();
        assertThat(outcome.completed()).isFalse();
        assertThat(outcome.reason()).isEqualTo("model failed: 503 from provider");
        s.user("second");
        assertThat(s.state.messages()).containsExactly(new Message.System("You are terse."), new Message.User("first\n\nsecond"));
        Session.assertWellFormed(s.state.messages());
    }

    @Test
    void theFirstEventMustStartTheSession() {
        assertThatThrownBy(() -> Agent.step(AgentState.NEW, new Event.UserMessage("hi")))
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("SessionStarted").hasMessageContaining("UserMessage");
        var s = Session.started(Session.READ);
        assertThatThrownBy(() -> s.send(new Event.SessionStarted("again", List.of(), 3)))
                .isInstanceOf(IllegalStateException.class);
    }

    @Test
    void stepNeverChangesTheStateItWasGiven() {
        var s = Session.started(Session.READ);
        var before = s.state;
        var copy = new AgentState(before.systemPrompt(), before.tools(), before.maxTurns(), before.messages(),
                before.phase(), before.turns(), before.toolCalls(), before.runUsage(), before.totalUsage());
        s.user("hi");
        s.calls(call("a", "read"));
        assertThat(before).isEqualTo(copy);
        assertThatThrownBy(() -> s.state.messages().add(new Message.User("x"))).isInstanceOf(UnsupportedOperationException.class);
        var running = (Phase.AwaitingTools) s.state.phase();
        assertThatThrownBy(() -> running.decided().clear()).isInstanceOf(UnsupportedOperationException.class);
        assertThatThrownBy(() -> running.batch().clear()).isInstanceOf(UnsupportedOperationException.class);
    }
}
