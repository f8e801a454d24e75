package dev.nacre.llm;

import static org.assertj.core.api.Assertions.assertThat;

import dev.nacre.core.Json;
import dev.nacre.core.ToolCall;
import dev.nacre.testkit.Dialect;
import dev.nacre.testkit.Reply;
import dev.nacre.testkit.ScriptedModelServer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import java.util.stream.Stream;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

/** Malformed native tool-call arguments are repaired when the fix is unambiguous, and reported when not. */
class ArgumentRepairTest {
    private static ScriptedModelServer server;
    private static OpenAiClient client;

    @BeforeAll
    static void start() {
        server = ScriptedModelServer.start(Dialect.VLLM);
        client = Fixture.client(Fixture.config(server), new Fixture.Sleeps());
    }

    @AfterAll
    static void stop() {
        client.close();
        server.close();
    }

    private ToolCall call(String arguments) {
        server.enqueue(Reply.toolCall("read_file", arguments));
        return client.complete(Fixture.ask("go"), new Fixture.Recorder()).message().toolCalls().getFirst();
    }

    static Stream<Arguments> repairable() {
        return Stream.of(
                Arguments.of("trailing comma in object", "{\"path\": \"a\", \"n\": 1,}", "{\"path\":\"a\",\"n\":1}"),
                Arguments.of("trailing comma in array", "{\"paths\": [\"a\", \"b\",]}", "{\"paths\":[\"a\",\"b\"]}"),
                Arguments.of("unclosed brace", "{\"path\": \"a\", \"n\": 1", "{\"path\":\"a\",\"n\":1}"),
                Arguments.of("unclosed array and brace", "{\"paths\": [\"a\", \"b\"", "{\"paths\":[\"a\",\"b\"]}"),
                Arguments.of("unclosed string at the end", "{\"path\": \"/tmp/x", "{\"path\":\"/tmp/x\"}"),
                Arguments.of("python literals", "{\"a\": None, \"b\": True, \"c\": False}", "{\"a\":null,\"b\":true,\"c\":false}"),
                Arguments.of("single quotes", "{'path': 'a', 'n': 2}", "{\"path\":\"a\",\"n\":2}"),
                Arguments.of("raw newline in a string", "{\"code\": \"a\nb\"}", "{\"code\":\"a\\nb\"}"),
                Arguments.of("code fence", "```json\n{\"path\": \"a\"}\n```", "{\"path\":\"a\"}"),
                Arguments.of("empty arguments", "", "{}"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("repairable")
    void repairs(String name, String arguments, String expected) {
        var call = call(arguments);
        assertThat(call.malformed()).as(call.argumentError()).isFalse();
        assertThat(call.arguments()).isEqualTo(Json.parse(expected));
    }

    @ParameterizedTest
    @ValueSource(strings = {
        "{\"path\": \"a\" \"n\": 1}",
        "{\"path\": }",
        "{\"path\":",
        "{'it's': 'ambiguous'}",
        "[1, 2]",
        "read the file please",
    })
    void reportsWhatCannotBeRepaired(String arguments) {
        var call = call(arguments);
        assertThat(call.malformed()).isTrue();
        assertThat(call.arguments()).isEqualTo(Json.EMPTY_OBJ);
        assertThat(call.name()).isEqualTo("read_file");
        assertThat(call.argumentError()).isNotBlank();
    }
}
