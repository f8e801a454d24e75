package dev.nacre.llm;

import static org.assertj.core.api.Assertions.assertThat;

import dev.nacre.runtime.ModelReply;
import dev.nacre.testkit.Dialect;
import dev.nacre.testkit.Reply;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Inline reasoning tags go to reasoning, never into the answer or the streamed text. */
class ReasoningTest {
    private static ScriptedExchange exchange;

    @BeforeAll
    static void start() {
        exchange = new ScriptedExchange(Dialect.OLLAMA);
    }

    @AfterAll
    static void stop() {
        exchange.close();
    }

    private ModelReply reply(Reply r) {
        return exchange.reply(r);
    }

    @ParameterizedTest
    @ValueSource(strings = {"think", "thinking", "reasoning"})
    void closedTag(String tag) {
        var reply = reply(Reply.text("<" + tag + ">Two plus two is four.</" + tag + ">\n\nThe answer is 4."));
        assertThat(reply.message().reasoning()).isEqualTo("Two plus two is four.");
        assertThat(reply.message().text()).isEqualTo("The answer is 4.");
        assertThat(exchange.recorder.text.toString()).isEqualTo("The answer is 4.");
        assertThat(exchange.recorder.reasoning.toString()).isEqualTo("Two plus two is four.");
    }

    @ParameterizedTest
    @ValueSource(strings = {"think", "thinking", "reasoning"})
    void unterminatedTag(String tag) {
        var reply = reply(Reply.text("<" + tag + ">Still thinking about it when the model stopped"));
        assertThat(reply.message().reasoning()).isEqualTo("Still thinking about it when the model stopped");
        assertThat(reply.message().text()).isEmpty();
        assertThat(exchange.recorder.text.toString()).isEmpty();
    }

    @ParameterizedTest
    @ValueSource(strings = {"think", "thinking", "reasoning"})
    void tagsSplitAcrossChunks(String tag) {
        String open = "<" + tag + ">";
        String close = "</" + tag + ">";
        var reply = reply(Reply.builder().chunks(open.substring(0, 2), open.substring(2) + "hmm, ", "let me see" + close.substring(0, 3),
                close.substring(3) + "Answer", ": yes").build());
        assertThat(reply.message().reasoning()).isEqualTo("hmm, let me see");
        assertThat(reply.message().text()).isEqualTo("Answer: yes");
        assertThat(exchange.recorder.text.toString()).isEqualTo("Answer: yes");
        assertThat(exchange.recorder.reasoning.toString()).isEqualTo("hmm, let me see");
    }

    @ParameterizedTest
    @ValueSource(booleans = {true, false})
    void reasoningBeforeATextToolCall(boolean stream) {
        var c = Fixture.client(Fixture.config(exchange.server).withStream(stream), new Fixture.Sleeps());
        exchange.server.enqueue(Reply.text("<think>I need the file.</think>\n<tool_call>{\"name\": \"read_file\", \"arguments\": {\"path\": \"x\"}}</tool_call>"));
        var reply = c.complete(Fixture.ask("go"), new Fixture.Recorder());
        c.close();
        assertThat(reply.message().reasoning()).isEqualTo("I need the file.");
        assertThat(reply.message().toolCalls()).hasSize(1);
        assertThat(reply.message().text()).isEmpty();
    }

    @ParameterizedTest
    @ValueSource(booleans = {true, false})
    void lessThanSignsStayInTheAnswer(boolean stream) {
        var c = Fixture.client(Fixture.config(exchange.server).withStream(stream), new Fixture.Sleeps());
        exchange.server.enqueue(Reply.builder().chunks("if a <", "b then <th", "is> holds <").build());
        var recorder = new Fixture.Recorder();
        var reply = c.complete(Fixture.ask("go"), recorder);
        c.close();
        assertThat(reply.message().text()).isEqualTo("if a <b then <this> holds <");
        assertThat(recorder.text.toString()).isEqualTo("if a <b then <this> holds <");
    }
}
