package dev.nacre.core;

import static dev.nacre.core.Session.call;
import static dev.nacre.core.Session.ok;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class ReplayTest {

    /** A session that goes through every phase and event type. */
    static Session eventful() {
        var s = Session.started(3, Session.READ, Session.SHELL, Session.ASK);
        s.user("one");
        s.calls(call("a", "read"), call("b", "shell"), call("c", "nope"));
        s.decide("b", false);
        s.results(ok("a", "read", "A"));
        s.answer("first answer");
        s.user("two");
        s.send(new Event.ModelFailed("503"));
        s.user("three");
        s.calls(call("d", "ask"), call("e", "shell"));
        s.decide("e", true);
        s.send(new Event.Interrupt("stop"));
        s.user("four");
        s.answer("fourth answer");
        s.send(new Event.Undo());
        s.user("five");
        s.results(ok("x", "read", "ignored"));
        s.calls(call("f", "read"));
        s.results(ok("f", "read", "F"));
        s.calls(call("g", "read"));
        s.results(ok("g", "read", "G"));
        s.calls(call("h", "read"));
        s.results(ok("h", "read", "H"));
        return s;
    }

    @Test
    void replayEqualsFoldingStep() {
        var s = eventful();
        assertThat(Agent.replay(s.events)).isEqualTo(s.state);
        assertThat(Agent.replay(List.of())).isEqualTo(AgentState.NEW);
    }

    @Test
    void replayingAJournalThroughJsonReproducesEveryEffect() {
        var s = eventful();
        var journal = s.events.stream().map(e -> EventCodec.encode(e).canonical()).toList();

        var decoded = journal.stream().map(Json::parse).map(EventCodec::decode).toList();
        assertThat(decoded).isEqualTo(s.events);

        AgentState a = AgentState.NEW;
        AgentState b = AgentState.NEW;
        for (Event event : decoded) {
            var first = Agent.step(a, event);
            var second = Agent.step(b, event);
            assertThat(second).isEqualTo(first);
            a = first.state();
            b = second.state();
        }
        assertThat(a).isEqualTo(s.state);
        assertThat(Agent.replay(decoded)).isEqualTo(s.state);
    }

    @Test
    void anyPrefixReplaysToTheStateAtThatPoint() {
        var s = eventful();
        var states = new ArrayList<AgentState>();
        AgentState state = AgentState.NEW;
        for (Event e : s.events) {
            state = Agent.step(state, e).state();
            states.add(state);
        }
        for (int n = 1; n <= s.events.size(); n++) {
            assertThat(Agent.replay(s.events.subList(0, n))).as("prefix %d", n).isEqualTo(states.get(n - 1));
        }
    }

    @Test
    void theEventfulSessionEndsWellFormed() {
        var s = eventful();
        assertThat(s.only(Effect.Finish.class).outcome().reason()).contains("budget of 3 turns");
        Session.assertWellFormed(s.state.messages());
    }

    @Test
    void aJournalThatDoesNotStartWithSessionStartedIsRejected() {
        assertThatThrownBy(() -> Agent.replay(List.of(new Event.Undo()))).isInstanceOf(IllegalStateException.class);
    }
}
