package dev.nacre.web;

import static org.assertj.core.api.Assertions.assertThat;

import dev.nacre.core.Json;
import org.junit.jupiter.api.Test;

/** The entry point on the JVM; the build compiles the same code to Wasm-GC. */
class CoreWebTest {

    @Test
    void replaysEventsAndDescribesEachStepsEffects() {
        var out = (Json.Obj) Json.parse(CoreWeb.handle("""
                [{"type":"session_started","system_prompt":"sys","tools":[{"name":"read"}],"max_turns":5},
                 {"type":"user_message","text":"hi"},
                 {"type":"model_responded","message":{"role":"assistant","content":"",
                   "tool_calls":[{"id":"c1","name":"read","arguments":{"path":"a"}}]}},
                 {"type":"tool_results","results":[{"role":"tool","tool_call_id":"c1","name":"read","content":"A"}]},
                 {"type":"model_responded","message":{"role":"assistant","content":"done"},
                   "usage":{"prompt_tokens":3,"completion_tokens":1}}]"""));
        assertThat(out.string("phase", "")).isEqualTo("idle");
        assertThat(out.array("messages")).hasSize(5);
        var steps = out.array("effects");
        assertThat(steps).hasSize(5);
        assertThat(steps.get(1).print()).startsWith("[{\"type\":\"call_model\"");
        assertThat(steps.get(2).print()).contains("\"type\":\"call_tools\"").contains("\"sequential\":false");
        assertThat(steps.get(4).print()).contains("{\"type\":\"answer\",\"text\":\"done\"")
                .contains("\"completed\":true");
    }

    @Test
    void badInputIsOneErrorLine() {
        assertThat(CoreWeb.handle("[")).startsWith("{\"error\":\"unexpected end of JSON");
        assertThat(CoreWeb.handle("{}")).startsWith("{\"error\":\"expected a JSON array");
        assertThat(CoreWeb.handle("[{\"type\":\"user_message\",\"text\":\"x\"}]")).contains("SessionStarted");
        assertThat(CoreWeb.handle("[{\"type\":\"warp\"}]")).contains("unknown event type 'warp'");
    }
}
