package dev.nacre.core;

import static dev.nacre.core.Session.call;
import static dev.nacre.core.Session.ok;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class AgentApprovalTest {
    final Session s = Session.started(Session.READ, Session.SHELL, Session.DELETE);
    final ToolCall read = call("a", "read");
    final ToolCall shell = call("b", "shell");
    final ToolCall delete = call("c", "delete");

    @Test
    void aCallNeedingApprovalWaitsForTheUserBeforeAnythingRuns() {
        s.user("clean up");
        s.calls(read, shell);
        assertThat(s.last.effects()).containsExactly(new Effect.AskApproval(shell, "'shell' needs your approval"));
        assertThat(s.state.phase()).isInstanceOf(Phase.AwaitingApproval.class);

        s.decide("b", true);
        assertThat(s.only(Effect.CallTools.class)).isEqualTo(new Effect.CallTools(List.of(read, shell), false));
        s.results(ok("a", "read", "A"), ok("b", "shell", "done"));
        assertThat(s.only(Effect.CallModel.class).messages().subList(3, 5))
                .containsExactly(ok("a", "read", "A"), ok("b", "shell", "done"));
    }

    @Test
    void approvalsAreAskedOneAtATimeInCallOrder() {
        s.user("clean up");
        s.calls(shell, read, delete);
        assertThat(s.only(Effect.AskApproval.class).call()).isEqualTo(shell);
        s.decide("b", true);
        assertThat(s.last.effects()).containsExactly(new Effect.AskApproval(delete, "'delete' needs your approval"));
        s.decide("c", true);
        assertThat(s.only(Effect.CallTools.class).calls()).containsExactly(shell, read, delete);
    }

    @Test
    void aDeniedCallIsAnsweredWithAnErrorAndNotRun() {
        s.user("clean up");
        s.calls(read, delete);
        s.decide("c", false);
        assertThat(s.only(Effect.CallTools.class).calls()).containsExactly(read);
        s.results(ok("a", "read", "A"));
        assertThat(s.state.messages().getLast()).isEqualTo(new Message.Tool("c", "delete", "the user denied this call", true));
        Session.assertWellFormed(s.state.messages());
    }

    @Test
    void denyingTheOnlyCallGoesBackToTheModel() {
        s.user("clean up");
        s.calls(delete);
        s.decide("c", false);
        assertThat(s.effects(Effect.CallTools.class)).isEmpty();
        assertThat(s.only(Effect.CallModel.class).messages().getLast())
                .isEqualTo(new Message.Tool("c", "delete", "the user denied this call", true));
        assertThat(s.state.phase()).isInstanceOf(Phase.AwaitingModel.class);
    }

    @Test
    void aDecisionForAnotherCallThanTheOneAskedIsIgnored() {
        s.user("clean up");
        s.calls(read, shell, delete);
        var asking = s.state;
        s.decide("c", true);
        assertThat(s.notices()).containsExactly("ignored ApprovalDecision while AwaitingApproval");
        s.decide("a", false);
        s.decide("nope", true);
        assertThat(s.state).isEqualTo(asking);
        s.decide("b", false);
        assertThat(s.only(Effect.AskApproval.class).call()).isEqualTo(delete);
    }

    @Test
    void anUnknownToolNeedsNoApproval() {
        s.user("go");
        s.calls(call("x", "nope"), read);
        assertThat(s.only(Effect.CallTools.class).calls()).containsExactly(read);
    }

    @Test
    void aMalformedCallToAToolNeedingApprovalIsNotAskedAbout() {
        s.user("go");
        s.calls(new ToolCall("b", "shell", Json.EMPTY_OBJ, "bad"), read);
        assertThat(s.effects(Effect.AskApproval.class)).isEmpty();
        assertThat(s.only(Effect.CallTools.class).calls()).containsExactly(read);
    }

    @Test
    void anApprovalOutsideAnApprovalPhaseIsIgnored() {
        s.user("go");
        var before = s.state;
        s.decide("b", true);
        assertThat(s.state).isEqualTo(before);
        assertThat(s.notices()).containsExactly("ignored ApprovalDecision while AwaitingModel");
    }
}
