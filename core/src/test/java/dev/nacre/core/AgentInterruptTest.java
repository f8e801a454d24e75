package dev.nacre.core;

import static dev.nacre.core.Session.call;
import static dev.nacre.core.Session.ok;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class AgentInterruptTest {
    final Session s = Session.started(Session.READ, Session.SHELL);

    @Test
    void interruptWhileAwaitingTheModelFinishesIncomplete() {
        s.user("long question");
        s.send(new Event.Interrupt("user pressed ctrl-c"));
        var outcome = s.only(Effect.Finish.class).outcome();
        assertThat(outcome.completed()).isFalse();
        assertThat(outcome.reason()).isEqualTo(Agent.INTERRUPTED);
        assertThat(s.state.idle()).isTrue();

        // The model's late answer is not taken.
        s.answer("too late");
        assertThat(s.notices()).containsExactly("ignored ModelResponded while Idle");
        assertThat(s.state.messages()).last().isEqualTo(new Message.User("long question"));

        // And the next message joins the unanswered one: never two user messages in a row.
        s.user("never mind");
        assertThat(s.state.messages().getLast()).isEqualTo(new Message.User("long question\n\nnever mind"));
        Session.assertWellFormed(s.only(Effect.CallModel.class).messages());
    }

    @Test
    void interruptWhileToolsRunAnswersEveryPendingCall() {
        s.user("go");
        s.calls(call("a", "read"), call("b", "nope"), call("c", "read"));
        s.send(new Event.Interrupt(""));
        var messages = s.state.messages();
        assertThat(messages.subList(messages.size() - 3, messages.size())).extracting(m -> ((Message.Tool) m).callId(),
                m -> ((Message.Tool) m).isError()).containsExactly(
                org.assertj.core.groups.Tuple.tuple("a", true),
                org.assertj.core.groups.Tuple.tuple("b", true),
                org.assertj.core.groups.Tuple.tuple("c", true));
        assertThat(((Message.Tool) messages.get(messages.size() - 3)).content()).isEqualTo(Agent.INTERRUPTED);
        assertThat(((Message.Tool) messages.get(messages.size() - 2)).content()).contains("unknown tool");
        assertThat(s.only(Effect.Finish.class).outcome().completed()).isFalse();
        Session.assertWellFormed(messages);

        // Results that arrive after the interrupt are dropped, and the next run's model call is valid.
        s.results(ok("a", "read", "A"));
        assertThat(s.notices()).containsExactly("ignored ToolResults while Idle");
        s.user("next");
        Session.assertWellFormed(s.only(Effect.CallModel.class).messages());
    }

    @Test
    void interruptWhileAwaitingApprovalKeepsDecidedResultsAndAnswersTheRest() {
        s.user("go");
        s.calls(call("a", "read"), call("b", "shell"));
        s.send(new Event.Interrupt("stop"));
        var messages = s.state.messages();
        assertThat(messages.subList(messages.size() - 2, messages.size())).containsExactly(
                new Message.Tool("a", "read", Agent.INTERRUPTED, true),
                new Message.Tool("b", "shell", Agent.INTERRUPTED, true));
        assertThat(s.state.idle()).isTrue();
        s.decide("b", true);
        assertThat(s.notices()).containsExactly("ignored ApprovalDecision while Idle");
        Session.assertWellFormed(messages);
    }

    @Test
    void interruptWhenIdleDoesNothing() {
        s.user("hi");
        s.answer("hello");
        var before = s.state;
        s.send(new Event.Interrupt("again"));
        assertThat(s.last.effects()).isEmpty();
        assertThat(s.state).isEqualTo(before);
    }

    @Test
    void undoRemovesTheLastExchange() {
        s.user("one");
        s.answer("1");
        var afterFirst = s.state.messages();
        s.user("two");
        s.calls(call("a", "read"));
        s.results(ok("a", "read", "A"));
        s.answer("2");
        s.send(new Event.Undo());
        assertThat(s.last.effects()).isEmpty();
        assertThat(s.state.messages()).isEqualTo(afterFirst);
        s.send(new Event.Undo());
        assertThat(s.state.messages()).containsExactly(new Message.System("You are terse."));
        s.send(new Event.Undo());
        assertThat(s.notices()).containsExactly("nothing to undo");
        assertThat(s.state.messages()).hasSize(1);
    }

    @Test
    void undoWhileARunIsGoingOnIsIgnored() {
        s.user("one");
        var before = s.state;
        s.send(new Event.Undo());
        assertThat(s.notices()).containsExactly("ignored Undo while AwaitingModel");
        assertThat(s.state).isEqualTo(before);
    }

    @Test
    void eventsInTheWrongPhaseAreIgnoredWithANotice() {
        s.user("go");
        s.results(ok("a", "read", "A"));
        assertThat(s.notices()).containsExactly("ignored ToolResults while AwaitingModel");
        s.user("more");
        assertThat(s.notices()).containsExactly("ignored UserMessage while AwaitingModel");
        s.calls(call("a", "read"));
        var running = s.state;
        s.answer("x");
        assertThat(s.notices()).containsExactly("ignored ModelResponded while AwaitingTools");
        s.send(new Event.ModelFailed("boom"));
        assertThat(s.notices()).containsExactly("ignored ModelFailed while AwaitingTools");
        s.user("again");
        assertThat(s.notices()).containsExactly("ignored UserMessage while AwaitingTools");
        assertThat(s.state).isEqualTo(running);
        assertThat(s.last.effects()).hasSize(1);
    }

    @Test
    void twoUserMessagesAreNeverAdjacentAcrossInterruptsAndFailures() {
        s.user("a");
        s.send(new Event.Interrupt(""));
        s.user("b");
        s.send(new Event.ModelFailed("x"));
        s.user("c");
        s.answer("ok");
        assertThat(s.state.messages()).containsExactly(new Message.System("You are terse."),
                new Message.User("a\n\nb\n\nc"), Message.Assistant.text("ok"));
        s.user("d");
        Session.assertWellFormed(s.only(Effect.CallModel.class).messages());
        assertThat(s.state.messages()).hasSize(4);
        assertThat(List.copyOf(s.state.messages())).last().isEqualTo(new Message.User("d"));
    }
}
