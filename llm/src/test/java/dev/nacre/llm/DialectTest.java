package dev.nacre.llm;

import static org.assertj.core.api.Assertions.assertThat;

import dev.nacre.core.Json;
import dev.nacre.core.Usage;
import dev.nacre.testkit.Dialect;
import dev.nacre.testkit.Reply;
import dev.nacre.testkit.ScriptedModelServer;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** The same replies, as each server streams them, come out the same. */
class DialectTest {

    @ParameterizedTest
    @EnumSource(Dialect.class)
    void streamsPlainText(Dialect dialect) {
        try (var server = ScriptedModelServer.start(dialect); var client = Fixture.client(Fixture.config(server), new Fixture.Sleeps())) {
            server.enqueue(Reply.builder().text("Hello, this is a streamed answer.").usage(12, 7).build());
            var recorder = new Fixture.Recorder();
            var reply = client.complete(Fixture.ask("hi"), recorder);
            assertThat(reply.message().text()).isEqualTo("Hello, this is a streamed answer.");
            assertThat(recorder.text.toString()).isEqualTo("Hello, this is a streamed answer.");
            assertThat(reply.message().toolCalls()).isEmpty();
            assertThat(reply.usage()).isEqualTo(new Usage(12, 7));
            assertThat(reply.finishReason()).isEqualTo("stop");
            assertThat(server.requests().getFirst().bool("stream", false)).isTrue();
        }
    }

    @ParameterizedTest
    @EnumSource(Dialect.class)
    void readsWholeReplyWhenNotStreaming(Dialect dialect) {
        try (var server = ScriptedModelServer.start(dialect);
             var client = Fixture.client(Fixture.config(server).withStream(false), new Fixture.Sleeps())) {
            server.enqueue(Reply.builder().text("Whole answer").reasoning("thought first").build());
            var recorder = new Fixture.Recorder();
            var reply = client.complete(Fixture.ask("hi"), recorder);
            assertThat(reply.message().text()).isEqualTo("Whole answer");
            assertThat(reply.message().reasoning()).isEqualTo("thought first");
            assertThat(recorder.text.toString()).isEqualTo("Whole answer");
            assertThat(reply.usage()).isEqualTo(new Usage(100, 50));
            assertThat(server.requests().getFirst().bool("stream", true)).isFalse();
        }
    }

    @ParameterizedTest
    @EnumSource(Dialect.class)
    void joinsToolCallDeltasSplitAcrossChunks(Dialect dialect) {
        try (var server = ScriptedModelServer.start(dialect); var client = Fixture.client(Fixture.config(server), new Fixture.Sleeps())) {
            server.enqueue(Reply.builder().toolCall("call_abc", "read_file", "{\"path\": \"/etc/hosts\", \"limit\": 20}").build());
            var reply = client.complete(Fixture.ask("read it"), new Fixture.Recorder());
            var call = reply.message().toolCalls().getFirst();
            assertThat(call.id()).isEqualTo("call_abc");
            assertThat(call.name()).isEqualTo("read_file");
            assertThat(call.arguments()).isEqualTo(Json.parse("{\"path\":\"/etc/hosts\",\"limit\":20}"));
            assertThat(call.malformed()).isFalse();
            assertThat(reply.finishReason()).isEqualTo("tool_calls");
        }
    }

    @ParameterizedTest
    @EnumSource(Dialect.class)
    void keepsParallelToolCallsInOrder(Dialect dialect) {
        for (boolean stream : new boolean[] {true, false}) {
            try (var server = ScriptedModelServer.start(dialect);
                 var client = Fixture.client(Fixture.config(server).withStream(stream), new Fixture.Sleeps())) {
                server.enqueue(Reply.builder().text("Let me look.")
                        .toolCall("call_1", "read_file", "{\"path\":\"a.txt\"}")
                        .toolCall("call_2", "search", "{\"query\":\"nacre shells\"}")
                        .toolCall("call_3", "read_file", "{}").build());
                var reply = client.complete(Fixture.ask("go"), new Fixture.Recorder());
                var calls = reply.message().toolCalls();
                assertThat(calls).extracting(c -> c.id()).containsExactly("call_1", "call_2", "call_3");
                assertThat(calls).extracting(c -> c.name()).containsExactly("read_file", "search", "read_file");
                assertThat(calls.get(1).arguments()).isEqualTo(Json.parse("{\"query\":\"nacre shells\"}"));
                assertThat(calls.get(2).arguments()).isEqualTo(Json.EMPTY_OBJ);
                assertThat(reply.message().text()).isEqualTo("Let me look.");
            }
        }
    }

    @ParameterizedTest
    @EnumSource(Dialect.class)
    void streamsReasoningFieldsApartFromTheAnswer(Dialect dialect) {
        try (var server = ScriptedModelServer.start(dialect); var client = Fixture.client(Fixture.config(server), new Fixture.Sleeps())) {
            server.enqueue(Reply.builder().reasoning("The user greets; greet back.").text("Hello!").build());
            var recorder = new Fixture.Recorder();
            var reply = client.complete(Fixture.ask("hi"), recorder);
            assertThat(reply.message().reasoning()).isEqualTo("The user greets; greet back.");
            assertThat(reply.message().text()).isEqualTo("Hello!");
            assertThat(recorder.reasoning.toString()).isEqualTo("The user greets; greet back.");
            assertThat(recorder.text.toString()).isEqualTo("Hello!");
        }
    }
}
