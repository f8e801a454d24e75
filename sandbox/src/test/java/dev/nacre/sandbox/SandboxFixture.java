package dev.nacre.sandbox;

import static org.assertj.core.api.Assertions.assertThat;

import dev.nacre.core.Json;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.io.TempDir;

/** A real sandbox over a temp workspace; {@link #assertHealthy()} proves a normal call still works. */
abstract class SandboxFixture {
    @TempDir
    Path workspace;
    Sandbox sandbox;
    final ToolModule echo = Guests.module("echo", Guests.echo(Guests.ANY_OBJECT));

    Map<String, String> environment() {
        return Map.of("LANG", "C.UTF-8", "HOME", "/root", "AWS_SECRET_ACCESS_KEY", "hunter2", "NACRE_SECRET_GITHUB", "ghp_s3cr3t_value");
    }

    @BeforeEach
    void startSandbox() {
        sandbox = Sandbox.builder().workspace(workspace).environment(environment()).plainHttpToLoopback(true).build();
    }

    @AfterEach
    void stopSandbox() {
        sandbox.close();
    }

    static ToolModule tool(String name, String imports, String body) {
        return Guests.module(name, Guests.tool(Guests.describe("run", Guests.ANY_OBJECT), imports, body));
    }

    static ToolModule tool(String name, String imports, String body, int pages) {
        return Guests.module(name, Guests.tool(Guests.describe("run", Guests.ANY_OBJECT), imports, body, pages));
    }

    static Policy policy(String yaml) {
        return Policy.parse(yaml, "test.policy.yaml");
    }

    CallResult run(ToolModule module, String policyYaml, String argsJson) {
        return sandbox.call(module, policy(policyYaml), "run", (Json.Obj) Json.parse(argsJson));
    }

    static String path(String p) {
        return "{\"p\":\"" + p + "\"}";
    }

    void assertHealthy() {
        var args = (Json.Obj) Json.parse("{\"still\":\"fine\"}");
        var r = sandbox.call(echo, Policy.denyAll(), "echo", args);
        assertThat(r.ok()).as(r.message()).isTrue();
        assertThat(r.result()).isEqualTo(args);
    }

    static void assertFails(CallResult r, ErrorKind kind) {
        assertThat(r.ok()).as("expected %s, got ok %s", kind, r.result()).isFalse();
        assertThat(r.error()).as(r.message()).contains(kind);
        assertThat(r.audit().outcome()).isEqualTo(kind.wire());
        assertThat(r.message()).doesNotContain("\n");
    }
}
