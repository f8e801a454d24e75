package dev.nacre.runtime;

import static org.assertj.core.api.Assertions.assertThat;

import dev.nacre.core.Json;
import dev.nacre.core.Message;
import dev.nacre.core.ToolCall;
import java.util.List;
import org.junit.jupiter.api.Test;

class CallIdsTest {
    private static Message.Assistant calls(String... ids) {
        return new Message.Assistant("", "", java.util.Arrays.stream(ids)
                .map(id -> ToolCall.of(id, "t", Json.EMPTY_OBJ)).toList());
    }

    @Test
    void repeatedAndEmptyIdsBecomeUnique() {
        var earlier = List.<Message>of(new Message.User("hi"), calls("call_0"));
        var fixed = CallIds.unique(calls("call_0", "call_0", "", ""), earlier);
        assertThat(fixed.toolCalls()).extracting(ToolCall::id).containsExactly("call_0_2", "call_0_3", "call", "call_2");
    }

    @Test
    void uniqueIdsAreKept() {
        var reply = calls("a", "b");
        assertThat(CallIds.unique(reply, List.of())).isSameAs(reply);
    }
}
