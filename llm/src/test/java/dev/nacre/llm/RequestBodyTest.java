package dev.nacre.llm;

import static org.assertj.core.api.Assertions.assertThat;

import dev.nacre.core.Json;
import dev.nacre.core.Message;
import dev.nacre.core.ToolCall;
import dev.nacre.runtime.ModelRequest;
import dev.nacre.testkit.Reply;
import dev.nacre.testkit.ScriptedModelServer;
import java.util.List;
import org.junit.jupiter.api.Test;

/** What the server receives is the OpenAI chat shape. */
class RequestBodyTest {

    @Test
    void sendsMessagesAndToolsInOpenAiShape() {
        try (var server = ScriptedModelServer.start(); var client = Fixture.client(Fixture.config(server), new Fixture.Sleeps())) {
            server.enqueue(Reply.text("done"));
            var call = ToolCall.of("call_7", "read_file", Json.parse("{\"path\":\"a\"}"));
            var request = new ModelRequest("other-model", List.of(
                    new Message.System("be brief"),
                    new Message.User("read a"),
                    new Message.Assistant("", "private thoughts", List.of(call)),
                    new Message.Tool("call_7", "read_file", "contents", false)), List.of(Fixture.READ_FILE));
            client.complete(request, new Fixture.Recorder());
            var body = server.requests().getFirst();
            assertThat(body.string("model", "")).isEqualTo("other-model");
            assertThat(body.object("stream_options").bool("include_usage", false)).isTrue();
            var expectedMessages = Json.parse("""
                    [{"role":"system","content":"be brief"},
                     {"role":"user","content":"read a"},
                     {"role":"assistant","content":null,"tool_calls":[{"id":"call_7","type":"function",
                       "function":{"name":"read_file","arguments":"{\\"path\\":\\"a\\"}"}}]},
                     {"role":"tool","tool_call_id":"call_7","content":"contents"}]""");
            assertThat(body.get("messages")).contains(expectedMessages);
            var tool = (Json.Obj) body.array("tools").getFirst();
            assertThat(tool.string("type", "")).isEqualTo("function");
            assertThat(tool.object("function").string("name", "")).isEqualTo("read_file");
            assertThat(tool.object("function").get("parameters")).contains(Fixture.READ_FILE.parameters());
        }
    }

    @Test
    void omitsToolsWhenThereAreNone() {
        try (var server = ScriptedModelServer.start(); var client = Fixture.client(Fixture.config(server), new Fixture.Sleeps())) {
            server.enqueue(Reply.text("done"));
            client.complete(Fixture.askWithoutTools("hi"), new Fixture.Recorder());
            assertThat(server.requests().getFirst().get("tools")).isEmpty();
            assertThat(server.requests().getFirst().string("model", "")).isEqualTo("test-model");
        }
    }
}
