package dev.nacre.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.api.Test;

class EventCodecTest {
    static final Json ARGS = Json.parse("{\"path\":\"a \\\"b\\\".txt\",\"lines\":[1,20],\"big\":123456789012345678901234567890}");

    /** One of every event type, with optional fields both present and absent. */
    static Stream<Event> everyEvent() {
        return Stream.of(
                new Event.SessionStarted("Be terse.\nÜmlauts, emoji 😀, \"quotes\".", List.of(
                        ToolSpec.of("read", "read a file", Json.parse("{\"type\":\"object\"}"), "files"),
                        ToolSpec.of("ask", "ask", Json.EMPTY_OBJ, "ui").asInteractive(),
                        ToolSpec.of("shell", "", Json.EMPTY_OBJ, "terminal").needingApproval()), 25),
                new Event.SessionStarted("", List.of(), 0),
                new Event.UserMessage("hello\tworld\u0001"),
                new Event.UserMessage(""),
                new Event.ModelResponded(Message.Assistant.text("plain answer"), new Usage(12, 3)),
                new Event.ModelResponded(new Message.Assistant("", "thinking...", List.of(
                        ToolCall.of("c1", "read", ARGS),
                        new ToolCall("c2", "shell", Json.EMPTY_OBJ, "expected ',' at offset 4"))),
                        new Usage(4_000_000_000L, 0)),
                new Event.ModelFailed("HTTP 429: rate limited"),
                new Event.ToolResults(List.of(
                        new Message.Tool("c1", "read", "contents", false),
                        new Message.Tool("c2", "shell", "denied", true))),
                new Event.ToolResults(List.of()),
                new Event.ApprovalDecision("c2", true),
                new Event.ApprovalDecision("c3", false),
                new Event.Interrupt("ctrl-c"),
                new Event.Undo(),
                new Event.ToolAudit("c1", "csv_stats", Json.object().put("fuel_used", 1234).put("outcome", "ok").build()));
    }

    @ParameterizedTest
    @MethodSource("everyEvent")
    void everyEventRoundTripsThroughItsJsonText(Event event) {
        var text = EventCodec.encode(event).print();
        assertThat(EventCodec.decode(Json.parse(text))).isEqualTo(event);
        var canonical = EventCodec.encode(event).canonical();
        assertThat(EventCodec.decode(Json.parse(canonical))).isEqualTo(event);
        assertThat(Json.parse(text).canonical()).isEqualTo(canonical);
        assertThat(EventCodec.encode(EventCodec.decode(Json.parse(canonical))).canonical()).isEqualTo(canonical);
    }

    @Test
    void everyEventTypeIsCovered() {
        assertThat(everyEvent().map(e -> EventCodec.encode(e).string("type", "")).distinct())
                .containsExactlyInAnyOrder("session_started", "user_message", "model_responded", "model_failed",
                        "tool_results", "approval", "interrupt", "undo", "tool_audit");
    }

    // The journal hashes these exact bytes: a change here breaks every stored hash chain.
    @Test
    void canonicalFormIsStable() {
        assertThat(EventCodec.encode(new Event.SessionStarted("sys", List.of(
                ToolSpec.of("read", "read a file", Json.parse("{\"type\":\"object\"}"), "files").needingApproval()), 7))
                .canonical()).isEqualTo("{\"max_turns\":7,\"system_prompt\":\"sys\",\"tools\":[{\"description\":\"read a file\","
                        + "\"interactive\":false,\"name\":\"read\",\"needs_approval\":true,\"parameters\":{\"type\":\"object\"},"
                        + "\"toolset\":\"files\"}],\"type\":\"session_started\"}");
        assertThat(EventCodec.encode(new Event.ModelResponded(new Message.Assistant("hi", "why", List.of(
                ToolCall.of("c1", "read", Json.parse("{\"z\":1,\"a\":2}")))), new Usage(5, 6))).canonical())
                .isEqualTo("{\"message\":{\"content\":\"hi\",\"reasoning\":\"why\",\"role\":\"assistant\",\"tool_calls\":"
                        + "[{\"arguments\":{\"a\":2,\"z\":1},\"id\":\"c1\",\"name\":\"read\"}]},"
                        + "\"type\":\"model_responded\",\"usage\":{\"completion_tokens\":6,\"prompt_tokens\":5}}");
        assertThat(EventCodec.encode(new Event.ToolResults(List.of(new Message.Tool("c1", "read", "x", true)))).canonical())
                .isEqualTo("{\"results\":[{\"content\":\"x\",\"is_error\":true,\"name\":\"read\",\"role\":\"tool\","
                        + "\"tool_call_id\":\"c1\"}],\"type\":\"tool_results\"}");
        assertThat(EventCodec.encode(new Event.UserMessage("é\n")).canonical()).isEqualTo("{\"text\":\"é\\n\",\"type\":\"user_message\"}");
        assertThat(EventCodec.encode(new Event.ApprovalDecision("c1", true)).canonical())
                .isEqualTo("{\"approved\":true,\"call_id\":\"c1\",\"type\":\"approval\"}");
        assertThat(EventCodec.encode(new Event.ModelFailed("e")).canonical()).isEqualTo("{\"error\":\"e\",\"type\":\"model_failed\"}");
        assertThat(EventCodec.encode(new Event.Interrupt("r")).canonical()).isEqualTo("{\"reason\":\"r\",\"type\":\"interrupt\"}");
        assertThat(EventCodec.encode(new Event.Undo()).canonical()).isEqualTo("{\"type\":\"undo\"}");
    }

    @Test
    void everyMessageRoleRoundTrips() {
        for (Message m : List.<Message>of(new Message.System("s"), new Message.User("u"), Message.Assistant.text("a"),
                new Message.Tool("id", "n", "c", false), new Message.Tool("id", "n", "c", true))) {
            assertThat(EventCodec.decodeMessage(Json.parse(EventCodec.encodeMessage(m).print()))).isEqualTo(m);
        }
    }

    @Test
    void malformedEventsAreJsonExceptions() {
        for (String text : List.of("[]", "\"x\"", "{}", "{\"type\":\"teleport\"}",
                "{\"type\":\"model_responded\",\"message\":{\"role\":\"user\",\"content\":\"x\"}}",
                "{\"type\":\"tool_results\",\"results\":[{\"role\":\"assistant\",\"content\":\"x\"}]}",
                "{\"type\":\"tool_results\",\"results\":[1]}",
                "{\"type\":\"user_message\",\"text\":\"x\"} junk")) {
            assertThatThrownBy(() -> EventCodec.decode(Json.parse(text))).as(text).isInstanceOf(JsonException.class);
        }
    }

    @Test
    void missingOptionalFieldsTakeTheirDefaults() {
        assertThat(EventCodec.decode(Json.parse("{\"type\":\"session_started\"}")))
                .isEqualTo(new Event.SessionStarted("", List.of(), 90));
        assertThat(EventCodec.decode(Json.parse("{\"type\":\"model_responded\",\"message\":{\"role\":\"assistant\"}}")))
                .isEqualTo(new Event.ModelResponded(Message.Assistant.text(""), Usage.ZERO));
    }

    @Test
    void decodeAllKeepsOrder() {
        var events = everyEvent().toList();
        assertThat(EventCodec.decodeAll(events.stream().map(e -> (Json) EventCodec.encode(e)).toList())).isEqualTo(events);
    }
}
