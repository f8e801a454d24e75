package dev.nacre.sandbox;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.sun.net.httpserver.HttpServer;
import dev.nacre.core.Json;
import dev.nacre.runtime.ToolContext;
import dev.nacre.runtime.Toolbox;
import java.net.InetSocketAddress;
import java.net.http.HttpClient;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class AdapterTest extends SandboxFixture {
    static final ToolContext CONTEXT = new ToolContext("s1", "c1", null);

    @Test
    void wasmToolCallsThroughTheSandboxAndReportsAudits() throws Exception {
        var audits = new ArrayList<Audit>();
        var tools = WasmTool.all(sandbox, echo, Policy.denyAll(), audits::add);
        assertThat(tools).hasSize(1);
        var tool = tools.getFirst();
        assertThat(tool.spec().toolset()).isEqualTo("wasm");
        assertThat(tool.spec().name()).isEqualTo("echo");
        var result = tool.call((Json.Obj) Json.parse("{\"a\":1}"), CONTEXT);
        assertThat(result.isError()).isFalse();
        assertThat(result.content()).isEqualTo("{\"a\":1}");
        assertThat(audits).hasSize(1);
    }

    @Test
    void failuresBecomeErrorResultsNamingTheKind() throws Exception {
        var trap = tool("trap", "", Bodies.UNREACHABLE);
        var tool = WasmTool.all(sandbox, trap, Policy.denyAll(), a -> {}).getFirst();
        var result = tool.call(Json.EMPTY_OBJ, CONTEXT);
        assertThat(result.isError()).isTrue();
        assertThat(result.content()).startsWith("trap: ");
    }

    @Test
    void toolboxLoadsADirectoryWithPoliciesAndReportsProblems() throws Exception {
        var dir = Files.createDirectories(workspace.resolve("tools"));
        Files.write(dir.resolve("echo.wasm"), Guests.echo(Guests.ANY_OBJECT));
        Files.write(dir.resolve("envy.wasm"), Guests.tool(Guests.describe("envy", Guests.ANY_OBJECT), Bodies.ENV_IMPORTS, Bodies.ENV));
        Files.writeString(dir.resolve("envy.policy.yaml"), "env: [LANG]\n");
        Files.write(dir.resolve("broken.wasm"), new byte[] {0, 'a', 's', 'm'});
        Files.write(dir.resolve("badpolicy.wasm"), Guests.echo(Guests.ANY_OBJECT));
        Files.writeString(dir.resolve("badpolicy.policy.yaml"), "limits: {memory: 100Gi}\n");
        Files.write(dir.resolve("zdupe.wasm"), Guests.tool(Guests.describe("echo", Guests.ANY_OBJECT), "", Bodies.SILENT));
        var box = WasmToolbox.load(sandbox, dir, a -> {});
        assertThat(box.tools()).extracting(t -> t.spec().name()).containsExactly("echo", "envy");
        assertThat(box.problems()).hasSize(3).anyMatch(p -> p.contains("broken")).anyMatch(p -> p.contains("limits.memory"))
                .anyMatch(p -> p.contains("zdupe") && p.contains("already provided"));
        var envy = Toolbox.of(box.tools()).tool("envy").orElseThrow();
        assertThat(envy.call(Json.EMPTY_OBJ, CONTEXT).content()).isEqualTo("LANG=C.UTF-8;");
    }

    @Test
    void downloadIsPinnedBySha256() throws Exception {
        byte[] bytes = Guests.echo(Guests.ANY_OBJECT);
        var server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/m/echo.wasm", ex -> {
            ex.sendResponseHeaders(200, bytes.length);
            ex.getResponseBody().write(bytes);
            ex.close();
        });
        server.start();
        try {
            var client = HttpClient.newHttpClient();
            var dir = workspace.resolve("tools");
            String url = "http://127.0.0.1:" + server.getAddress().getPort() + "/m/echo.wasm";
            assertThatThrownBy(() -> ModuleDownload.install(url + "#sha256=" + "0".repeat(64), dir, client, true))
                    .hasMessageContaining("sha256 mismatch");
            assertThat(dir.resolve("echo.wasm")).doesNotExist();
            assertThatThrownBy(() -> ModuleDownload.install(url, dir, client, true)).hasMessageContaining("#sha256=");
            assertThatThrownBy(() -> ModuleDownload.install(url + "#sha256=" + Sha256.hex(bytes), dir, client, false))
                    .hasMessageContaining("use https");
            var module = ModuleDownload.install(url + "#sha256=" + Sha256.hex(bytes), dir, client, true);
            assertThat(module.name()).isEqualTo("echo");
            assertThat(Files.readAllBytes(dir.resolve("echo.wasm"))).isEqualTo(bytes);
        } finally {
            server.stop(0);
        }
    }

    @Test
    void compiledCodeIsPersistedAndReused() throws Exception {
        var cache = workspace.resolve("cache");
        try (var first = Sandbox.builder().workspace(workspace).cacheDirectory(cache).build()) {
            assertThat(first.call(echo, Policy.denyAll(), "echo", Json.EMPTY_OBJ).ok()).isTrue();
        }
        List<java.nio.file.Path> jars;
        try (var files = Files.walk(cache)) {
            jars = files.filter(p -> p.toString().endsWith(".jar")).toList();
        }
        assertThat(jars).hasSize(1);
        assertThat(jars.getFirst().getParent().getFileName().toString()).startsWith("endive-1.0.0_fuel-");
        long modified = Files.getLastModifiedTime(jars.getFirst()).toMillis();
        try (var second = Sandbox.builder().workspace(workspace).cacheDirectory(cache).build()) {
            var r = second.call(echo, Policy.denyAll(), "echo", (Json.Obj) Json.parse("{\"again\":true}"));
            assertThat(r.ok()).as(r.message()).isTrue();
        }
        assertThat(Files.getLastModifiedTime(jars.getFirst()).toMillis()).isEqualTo(modified);
    }

    @Test
    void corruptCacheEntryIsRecompiled() throws Exception {
        var cache = workspace.resolve("cache");
        try (var first = Sandbox.builder().workspace(workspace).cacheDirectory(cache).build()) {
            first.describe(echo);
        }
        try (var files = Files.walk(cache)) {
            for (var jar : files.filter(p -> p.toString().endsWith(".jar")).toList()) Files.write(jar, new byte[] {1, 2, 3});
        }
        try (var second = Sandbox.builder().workspace(workspace).cacheDirectory(cache).build()) {
            assertThat(second.call(echo, Policy.denyAll(), "echo", Json.EMPTY_OBJ).ok()).isTrue();
        }
    }
}
