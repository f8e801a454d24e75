package dev.nacre.sandbox;

import static org.assertj.core.api.Assertions.assertThat;

import dev.nacre.core.Json;
import org.junit.jupiter.api.Test;

class OutputTest extends SandboxFixture {
    static final String SCHEMA = """
        {"type":"object","properties":{"text":{"type":"string","minLength":1},"n":{"type":"integer","minimum":0}},
         "required":["text"],"additionalProperties":false}""";

    @Test
    void nonUtf8OutputIsInvalid() {
        assertFails(run(tool("bytes", "", Bodies.NOT_UTF8), "", "{}"), ErrorKind.INVALID_OUTPUT);
        assertHealthy();
    }

    @Test
    void nonJsonOutputIsInvalid() {
        assertFails(run(tool("text", "", Bodies.NOT_JSON), "", "{}"), ErrorKind.INVALID_OUTPUT);
        assertHealthy();
    }

    @Test
    void emptyOutputIsInvalid() {
        assertFails(run(tool("silent", "", Bodies.SILENT), "", "{}"), ErrorKind.INVALID_OUTPUT);
    }

    @Test
    void argumentsAreValidatedBeforeTheCall() {
        var typed = Guests.module("typed", Guests.echo(SCHEMA));
        var missing = sandbox.call(typed, Policy.denyAll(), "echo", (Json.Obj) Json.parse("{\"n\":1}"));
        assertFails(missing, ErrorKind.INVALID_ARGUMENTS);
        assertThat(missing.message()).isEqualTo("at $: missing required property 'text'");
        var wrong = sandbox.call(typed, Policy.denyAll(), "echo", (Json.Obj) Json.parse("{\"text\":\"a\",\"n\":1.5}"));
        assertThat(wrong.message()).isEqualTo("at $.n: must be an integer, not a number");
        var ok = sandbox.call(typed, Policy.denyAll(), "echo", (Json.Obj) Json.parse("{\"text\":\"a\",\"n\":2}"));
        assertThat(ok.ok()).isTrue();
    }

    @Test
    void unknownToolIsInvalidArguments() {
        var r = sandbox.call(echo, Policy.denyAll(), "nope", Json.EMPTY_OBJ);
        assertFails(r, ErrorKind.INVALID_ARGUMENTS);
    }

    @Test
    void mcpStyleResultsAreReadAsText() {
        var r = sandbox.call(echo, Policy.denyAll(), "echo",
                (Json.Obj) Json.parse("{\"content\":[{\"type\":\"text\",\"text\":\"one\"},{\"type\":\"text\",\"text\":\"two\"}],\"isError\":false}"));
        assertThat(r.text()).isEqualTo("one\ntwo");
        assertThat(r.toolError()).isFalse();
    }

    @Test
    void auditIsJson() {
        var r = sandbox.call(echo, policy("env: [LANG]"), "echo", Json.EMPTY_OBJ);
        var json = (Json.Obj) Json.parse(r.audit().toJson().print());
        assertThat(json.string("moduleSha256", "")).isEqualTo(echo.sha256());
        assertThat(json.string("outcome", "")).isEqualTo("ok");
        assertThat(json.string("policySha256", "")).isEqualTo(policy("env: [LANG]").sha256());
        assertThat(json.string("argumentsSha256", "")).isEqualTo(Sha256.hex("{}"));
        assertThat(json.array("uses")).hasSize(1);
    }
}
