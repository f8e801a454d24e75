package dev.nacre.llm;

import static org.assertj.core.api.Assertions.assertThat;

import dev.nacre.core.Json;
import dev.nacre.core.ToolCall;
import dev.nacre.runtime.ModelReply;
import dev.nacre.testkit.Dialect;
import dev.nacre.testkit.Reply;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Tool calls local models write into their text are executed, not shown. */
class TextToolCallTest {
    private static ScriptedExchange exchange;

    @BeforeAll
    static void start() {
        exchange = new ScriptedExchange(Dialect.LLAMA_CPP);
    }

    @AfterAll
    static void stop() {
        exchange.close();
    }

    private ModelReply reply(Reply r) {
        return exchange.reply(r);
    }

    private ModelReply text(String text) {
        return reply(Reply.text(text));
    }

    private static final Json HOSTS = Json.parse("{\"path\":\"/etc/hosts\"}");

    @Test
    void hermesToolCall() {
        var reply = text("I will read it.\n<tool_call>\n{\"name\": \"read_file\", \"arguments\": {\"path\": \"/etc/hosts\"}}\n</tool_call>");
        assertThat(reply.message().toolCalls()).containsExactly(ToolCall.of("call_0", "read_file", HOSTS));
        assertThat(reply.message().text()).isEqualTo("I will read it.");
        assertThat(reply.finishReason()).isEqualTo("tool_calls");
        assertThat(exchange.recorder.text.toString()).isEqualTo("I will read it.\n");
    }

    @Test
    void severalHermesCallsWithTheLastClosingTagMissing() {
        var reply = text("<tool_call>{\"name\": \"read_file\", \"arguments\": {\"path\": \"/etc/hosts\"}}</tool_call>\n"
                + "<tool_call>{\"name\": \"search\", \"arguments\": {\"query\": \"q\"}}");
        assertThat(reply.message().toolCalls()).containsExactly(
                ToolCall.of("call_0", "read_file", HOSTS),
                ToolCall.of("call_1", "search", Json.parse("{\"query\":\"q\"}")));
        assertThat(reply.message().text()).isEmpty();
        assertThat(exchange.recorder.text.toString()).isEmpty();
    }

    @Test
    void hermesCallsWithoutClosingTagsBetweenThem() {
        var reply = text("<tool_call>{\"name\": \"read_file\", \"arguments\": {\"path\": \"/etc/hosts\"}}\n"
                + "<tool_call>{\"name\": \"search\", \"arguments\": {\"query\": \"q\"}}</tool_call>");
        assertThat(reply.message().toolCalls()).extracting(ToolCall::name).containsExactly("read_file", "search");
    }

    @Test
    void toolCallsList() {
        var reply = text("<tool_calls>[{\"name\": \"read_file\", \"arguments\": {\"path\": \"/etc/hosts\"}}, "
                + "{\"name\": \"search\", \"arguments\": {\"query\": \"q\"}}]</tool_calls>");
        assertThat(reply.message().toolCalls()).extracting(ToolCall::id, ToolCall::name)
                .containsExactly(org.assertj.core.groups.Tuple.tuple("call_0", "read_file"),
                        org.assertj.core.groups.Tuple.tuple("call_1", "search"));
        assertThat(reply.message().text()).isEmpty();
    }

    @Test
    void llama3BareJson() {
        var reply = text("{\"name\": \"read_file\", \"parameters\": {\"path\": \"/etc/hosts\"}}");
        assertThat(reply.message().toolCalls()).containsExactly(ToolCall.of("call_0", "read_file", HOSTS));
        assertThat(reply.message().text()).isEmpty();
        assertThat(exchange.recorder.text.toString()).isEmpty();
    }

    @Test
    void llama3WithPythonTag() {
        var reply = text("<|python_tag|>{\"name\": \"search\", \"parameters\": {\"query\": \"weather\"}}<|eom_id|>");
        assertThat(reply.message().toolCalls()).containsExactly(ToolCall.of("call_0", "search", Json.parse("{\"query\":\"weather\"}")));
        assertThat(exchange.recorder.text.toString()).isEmpty();
    }

    @Test
    void jsonNamingNoOfferedToolStaysAnAnswer() {
        var reply = text("{\"name\": \"Alice\", \"parameters\": {\"age\": 3}}");
        assertThat(reply.message().toolCalls()).isEmpty();
        assertThat(reply.message().text()).isEqualTo("{\"name\": \"Alice\", \"parameters\": {\"age\": 3}}");
        assertThat(exchange.recorder.text.toString()).isEqualTo(reply.message().text());
    }

    @Test
    void mistralToolCalls() {
        var reply = text("[TOOL_CALLS][{\"name\": \"read_file\", \"arguments\": {\"path\": \"/etc/hosts\"}}, "
                + "{\"name\": \"search\", \"arguments\": {\"query\": \"q\"}}]");
        assertThat(reply.message().toolCalls()).extracting(ToolCall::name).containsExactly("read_file", "search");
        assertThat(reply.message().toolCalls().getFirst().arguments()).isEqualTo(HOSTS);
        assertThat(reply.message().text()).isEmpty();
    }

    @Test
    void mistralNameArgsForm() {
        var reply = text("[TOOL_CALLS]read_file[ARGS]{\"path\": \"/etc/hosts\"}");
        assertThat(reply.message().toolCalls()).containsExactly(ToolCall.of("call_0", "read_file", HOSTS));
    }

    @Test
    void markerSplitAcrossChunksNeverReachesTheStream() {
        var reply = reply(Reply.builder().chunks("Checking", " now.<tool", "_call>{\"name\": \"read_file\", ",
                "\"arguments\": {\"path\": \"/etc/hosts\"}}</tool_call>").build());
        assertThat(reply.message().toolCalls()).hasSize(1);
        assertThat(exchange.recorder.text.toString()).isEqualTo("Checking now.");
    }

    @Test
    void argumentsGivenAsAStringAreParsed() {
        var reply = text("<tool_call>{\"name\": \"read_file\", \"arguments\": \"{\\\"path\\\": \\\"/etc/hosts\\\"}\"}</tool_call>");
        assertThat(reply.message().toolCalls()).containsExactly(ToolCall.of("call_0", "read_file", HOSTS));
    }

    @Test
    void unparsableTextCallCarriesAnError() {
        var reply = text("<tool_call>{\"name\": \"read_file\", \"arguments\": {\"path\": \"/etc/hosts\" \"mode\": 1}}</tool_call>");
        var call = reply.message().toolCalls().getFirst();
        assertThat(call.name()).isEqualTo("read_file");
        assertThat(call.malformed()).isTrue();
        assertThat(call.arguments()).isEqualTo(Json.EMPTY_OBJ);
        assertThat(call.argumentError()).contains("not valid JSON");
    }

    @Test
    void nativeCallsWinOverText() {
        var reply = reply(Reply.builder().text("<tool_call>{\"name\": \"search\", \"arguments\": {}}</tool_call>")
                .toolCall("srv_1", "read_file", "{\"path\":\"/etc/hosts\"}").build());
        assertThat(reply.message().toolCalls()).extracting(ToolCall::id).containsExactly("srv_1");
    }

    @Test
    void idsRestartForEachReply() {
        var first = text("<tool_call>{\"name\": \"search\", \"arguments\": {}}</tool_call>");
        var second = text("<tool_call>{\"name\": \"search\", \"arguments\": {}}</tool_call>");
        assertThat(List.of(first.message().toolCalls().getFirst().id(), second.message().toolCalls().getFirst().id()))
                .containsExactly("call_0", "call_0");
    }
}
