package dev.nacre.llm;

import static org.assertj.core.api.Assertions.assertThat;

import dev.nacre.core.Json;
import dev.nacre.core.Message;
import dev.nacre.core.ToolSpec;
import dev.nacre.runtime.ModelRequest;
import dev.nacre.testkit.Reply;
import dev.nacre.testkit.ScriptedModelServer;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The body as bytes on the wire: line endings of every kind, characters split between writes, many requests per tool list. */
class BodyBytesTest {
    private static final String TEXT = "héllo wörld 😀 ✓";

    private static String event(String piece) {
        return "data: {\"choices\":[{\"index\":0,\"delta\":{\"content\":" + Json.of(piece).print() + "},\"finish_reason\":null}]}";
    }

    private static String stream(String newline) {
        return event("héllo ") + newline + newline + event("wörld 😀") + newline + newline + event(" ✓") + newline + newline
                + "data: {\"choices\":[{\"index\":0,\"delta\":{},\"finish_reason\":\"stop\"}]}" + newline + newline
                + "data: [DONE]" + newline + newline;
    }

    /** The bytes cut into pieces of {@code size}, so most multi-byte characters straddle two writes. */
    private static byte[][] pieces(String body, int size) {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        var out = new byte[(bytes.length + size - 1) / size][];
        for (int i = 0; i < out.length; i++) out[i] = Arrays.copyOfRange(bytes, i * size, Math.min(bytes.length, (i + 1) * size));
        return out;
    }

    @Test
    void streamsWithCrLfCrOrLfLineEndingsAndSplitCharacters() {
        for (String newline : List.of("\r\n", "\r", "\n")) {
            for (int size : new int[] {1, 3, 7, 1 << 16}) {
                try (var ex = new ScriptedExchange(dev.nacre.testkit.Dialect.OPENAI)) {
                    var reply = ex.reply(Reply.raw("text/event-stream", pieces(stream(newline), size)));
                    assertThat(reply.message().text()).as("newline %s, pieces of %d", newline.replace("\r", "CR").replace("\n", "LF"), size)
                            .isEqualTo(TEXT);
                    assertThat(ex.recorder.text.toString()).isEqualTo(TEXT);
                }
            }
        }
    }

    @Test
    void readsAWholeReplySplitMidCharacter() {
        String body = "{\"choices\":[{\"index\":0,\"message\":{\"role\":\"assistant\",\"content\":" + Json.of(TEXT).print()
                + "},\"finish_reason\":\"stop\"}],\r\n\"usage\":{\"prompt_tokens\":3,\"completion_tokens\":4}}\r\n";
        try (var server = ScriptedModelServer.start();
             var client = Fixture.client(Fixture.config(server).withStream(false), new Fixture.Sleeps())) {
            server.enqueue(Reply.raw("application/json", pieces(body, 5)));
            var reply = client.complete(Fixture.ask("go"), new Fixture.Recorder());
            assertThat(reply.message().text()).isEqualTo(TEXT);
            assertThat(reply.usage().completionTokens()).isEqualTo(4);
        }
    }

    @Test
    void eachRequestCarriesItsOwnToolList() {
        var other = List.of(ToolSpec.of("other", "Another tool", Json.parse("{\"type\":\"object\"}"), "misc"));
        try (var server = ScriptedModelServer.start(); var client = Fixture.client(Fixture.config(server), new Fixture.Sleeps())) {
            server.always(Reply.text("ok"));
            var first = Fixture.ask("one");
            client.complete(first, new Fixture.Recorder());
            client.complete(new ModelRequest("", List.of(new Message.User("two")), other), new Fixture.Recorder());
            client.complete(new ModelRequest("", List.of(new Message.User("three")), first.tools()), new Fixture.Recorder());
            client.complete(Fixture.askWithoutTools("four"), new Fixture.Recorder());
            var requests = server.requests();
            assertThat(requests).extracting(r -> r.array("tools").size()).containsExactly(2, 1, 2, 0);
            assertThat(((Json.Obj) requests.get(1).array("tools").getFirst()).object("function").string("name", "")).isEqualTo("other");
            assertThat(((Json.Obj) requests.get(2).array("tools").get(1)).object("function").get("parameters"))
                    .contains(Fixture.SEARCH.parameters());
            assertThat(requests.get(3).get("tools")).isEmpty();
        }
    }
}
