package dev.nacre.tools;

import static dev.nacre.tools.Calls.call;
import static org.assertj.core.api.Assertions.assertThat;

import dev.nacre.runtime.UserChannel;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class ClarifyToolTest {
    private final ClarifyTool clarify = new ClarifyTool();

    /** A person who always picks the second choice, and writes down what they were asked. */
    private static final class PicksSecond implements UserChannel {
        final List<String> questions = new ArrayList<>();
        final List<List<String>> offered = new ArrayList<>();

        @Override
        public String ask(String question, List<String> choices) {
            questions.add(question);
            offered.add(choices);
            return choices.size() > 1 ? "  " + choices.get(1) + "\n" : "whatever you think";
        }
    }

    @Test
    void isInteractive() {
        assertThat(clarify.spec().interactive()).isTrue();
        assertThat(clarify.spec().toolset()).isEqualTo("clarify");
    }

    @Test
    void asksTheUserAndReturnsTheAnswer() throws Exception {
        var user = new PicksSecond();

        var result = call(clarify, "s", "{\"question\":\" Which database? \",\"choices\":[\"SQLite\",\"Postgres\",\"\",\"SQLite\"]}", user);

        assertThat(result.isError()).isFalse();
        assertThat(result.content()).isEqualTo("{\"answer\":\"Postgres\"}");
        assertThat(user.questions).containsExactly("Which database?");
        assertThat(user.offered).containsExactly(List.of("SQLite", "Postgres"));
    }

    @Test
    void asksAnOpenQuestionWithoutChoices() throws Exception {
        var user = new PicksSecond();

        var result = call(clarify, "s", "{\"question\":\"What should the service be called?\"}", user);

        assertThat(result.content()).isEqualTo("{\"answer\":\"whatever you think\"}");
        assertThat(user.offered).containsExactly(List.of());
    }

    @Test
    void tellsTheModelToProceedWhenNobodyCanAnswer() throws Exception {
        var result = call(clarify, "s", "{\"question\":\"Which database?\",\"choices\":[\"SQLite\",\"Postgres\"]}", UserChannel.HEADLESS);

        assertThat(result.isError()).isTrue();
        assertThat(result.content()).isEqualTo(
                "nobody can answer right now (non-interactive run); proceed with your best judgment and state the assumption you made");
    }

    @Test
    void rejectsMoreThanFourChoicesAndMissingQuestions() throws Exception {
        var user = new PicksSecond();

        var many = call(clarify, "s", "{\"question\":\"Pick\",\"choices\":[\"a\",\"b\",\"c\",\"d\",\"e\"]}", user);

        assertThat(many.content()).isEqualTo("at most 4 choices; keep the likeliest, the user can still answer freely");
        assertThat(call(clarify, "s", "{\"choices\":[\"a\"]}", user).content()).isEqualTo("'question' is required and must not be empty");
        assertThat(call(clarify, "s", "{\"question\":\"q\",\"choices\":[1,2]}", user).content())
                .isEqualTo("'choices' must be an array of strings");
        assertThat(user.questions).isEmpty();
    }
}
