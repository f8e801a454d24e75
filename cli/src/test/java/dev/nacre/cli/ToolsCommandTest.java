package dev.nacre.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpServer;
import dev.nacre.core.Event;
import dev.nacre.core.Json;
import dev.nacre.runtime.JournalEntry;
import dev.nacre.store.SqliteJournal;
import dev.nacre.testkit.Reply;
import dev.nacre.testkit.ScriptedModelServer;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.HexFormat;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code nacre tools ...} and the wasm toolset in an agent, with the bundled modules from guests/dist. */
class ToolsCommandTest {
    static final Path DIST = Path.of("..", "guests", "dist").toAbsolutePath().normalize();

    @TempDir
    Path home;

    private Cli cli() {
        return new Cli(home);
    }

    private static Json.Obj json(String text) {
        return (Json.Obj) Json.parse(text.strip());
    }

    @Test
    void addListInspectAndCall() {
        var add = cli().run("tools", "add", DIST.resolve("json_query.wasm").toString());
        assertThat(add.exit()).isZero();
        assertThat(add.out()).contains("installed json_query", "no capabilities until you write");

        var list = cli().run("tools", "list");
        assertThat(list.out()).contains("json_query · json_query", "json_query · json_validate");

        var inspect = json(cli().run("tools", "inspect", "json_query", "--json").out());
        assertThat(inspect.string("sha256", "")).hasSize(64);
        assertThat(inspect.array("tools")).isNotEmpty();
        assertThat(inspect.array("imports").toString()).contains("wasi_snapshot_preview1");
        assertThat(inspect.object("granted").array("network")).isEmpty();

        var call = cli().run("tools", "call", "json_query", "json_query",
                "{\"json\": {\"items\": [{\"name\": \"a\"}, {\"name\": \"b\"}]}, \"query\": \".items[1].name\"}", "--json");
        assertThat(call.exit()).isZero();
        var result = json(call.out());
        assertThat(result.bool("ok", false)).isTrue();
        assertThat(result.get("result").orElseThrow().print()).contains("\\\"b\\\"");
        assertThat(result.number("fuel_used", 0)).isPositive();
        assertThat(result.get("fuel_partial")).as("a call that returned has a complete count").isEmpty();
        assertThat(result.get("error").orElseThrow()).isEqualTo(Json.NULL);

        var plain = cli().run("tools", "call", "json_query", "json_query", "{\"json\": [1,2,3], \"query\": \"length\"}");
        assertThat(plain.out().strip()).isEqualTo("3");
    }

    @Test
    void failuresCarryTheirKindAndExitOne() throws Exception {
        String module = DIST.resolve("text_stats.wasm").toString();
        var bad = json(cli().run("tools", "call", module, "text_stats", "{\"format\": \"csv\"}", "--json").out());
        assertThat(bad.bool("ok", true)).isFalse();
        assertThat(bad.object("error").string("kind", "")).isEqualTo("invalid_arguments");

        var notJson = cli().run("tools", "call", module, "text_stats", "{nope", "--json");
        assertThat(notJson.exit()).isEqualTo(1);
        assertThat(json(notJson.out()).object("error").string("kind", "")).isEqualTo("invalid_arguments");

        Path policy = Files.writeString(home.resolve("tight.policy.yaml"), "limits: {fuel: 5000}\n");
        var starved = cli().run("tools", "call", module, "text_stats",
                "{\"text\": \"" + "the quick brown fox ".repeat(2000) + "\", \"format\": \"text\"}", "--policy", policy.toString(), "--json");
        assertThat(starved.exit()).isEqualTo(1);
        assertThat(json(starved.out()).object("error").string("kind", "")).isEqualTo("fuel_exhausted");
        assertThat(json(starved.out()).get("fuel_partial")).as("running out is counted in full").isEmpty();

        Path hurried = Files.writeString(home.resolve("hurried.policy.yaml"), "limits: {timeout: 100ms}\n");
        var late = json(cli().run("tools", "call", module, "text_stats",
                "{\"text\": \"" + "the quick brown fox ".repeat(100_000) + "\", \"format\": \"text\"}", "--policy",
                hurried.toString(), "--json").out());
        assertThat(late.object("error").string("kind", "")).isEqualTo("timeout");
        assertThat(late.bool("fuel_partial", false)).as("stopped mid-run: fuel_used is a lower bound").isTrue();

        var plain = cli().run("tools", "call", module, "no_such_tool", "{}");
        assertThat(plain.exit()).isEqualTo(1);
        assertThat(plain.err().strip().lines()).hasSize(1);
    }

    @Test
    void httpGoesOnlyToGrantedHosts() throws Exception {
        var server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/page", exchange -> {
            byte[] body = "<html><head><title>Granted page</title></head><body>hi</body></html>".getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().add("Content-Type", "text/html");
            exchange.sendResponseHeaders(200, body.length);
            exchange.getResponseBody().write(body);
            exchange.close();
        });
        server.start();
        try {
            String url = "http://127.0.0.1:" + server.getAddress().getPort() + "/page";
            String module = DIST.resolve("http_fetch.wasm").toString();
            String args = "{\"url\": \"" + url + "\", \"extract\": \"title\"}";
            var c = cli();
            c.env.put("NACRE_ALLOW_LOOPBACK_HTTP", "1");

            var denied = c.run("tools", "call", module, "http_fetch", args, "--json");
            assertThat(denied.exit()).isEqualTo(1);
            assertThat(denied.out()).contains("denied");

            Path policy = Files.writeString(home.resolve("web.policy.yaml"), "network: [{host: \"127.0.0.1\"}]\n");
            var granted = c.run("tools", "call", module, "http_fetch", args, "--policy", policy.toString());
            assertThat(granted.exit()).isZero();
            assertThat(granted.out()).contains("Granted page");
        } finally {
            server.stop(0);
        }
    }

    @Test
    void addFromAUrlChecksTheDigest() throws Exception {
        byte[] bytes = Files.readAllBytes(DIST.resolve("text_stats.wasm"));
        String sha = HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
        var server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/text_stats.wasm", exchange -> {
            exchange.sendResponseHeaders(200, bytes.length);
            exchange.getResponseBody().write(bytes);
            exchange.close();
        });
        server.start();
        try {
            String url = "http://127.0.0.1:" + server.getAddress().getPort() + "/text_stats.wasm";
            var wrong = cli().run("tools", "add", url, "--sha256", "0".repeat(64));
            assertThat(wrong.exit()).isEqualTo(1);
            assertThat(wrong.err()).contains("sha256 mismatch");
            assertThat(cli().run("tools", "add", url, "--sha256", sha).exit()).isZero();
            assertThat(Files.exists(home.resolve("tools/text_stats.wasm"))).isTrue();
        } finally {
            server.stop(0);
        }
    }

    @Test
    void theAgentCallsWasmToolsAndTheJournalKeepsTheAudit() throws Exception {
        cli().run("tools", "add", DIST.resolve("json_query.wasm").toString());
        try (var model = ScriptedModelServer.start()) {
            model.enqueue(Reply.toolCall("json_query", "{\"json\": {\"price\": 42}, \"query\": \".price\"}"),
                    Reply.text("The price is 42."));
            var run = cli().provider(model.baseUrl(), "m").run("run", "--json", "what is the price?");
            assertThat(run.exit()).isZero();
            var toolMessage = (Json.Obj) model.requests().get(1).array("messages").getLast();
            assertThat(toolMessage.string("content", "")).isEqualTo("42");
            assertThat(model.requests().getFirst().array("tools").toString()).contains("json_query");

            String id = json(run.out()).string("session_id", "");
            try (var journal = SqliteJournal.open(home.resolve("state.db"))) {
                var audit = journal.entries(id).stream().map(JournalEntry::event)
                        .filter(e -> e instanceof Event.ToolAudit).map(e -> (Event.ToolAudit) e).findFirst().orElseThrow();
                var record = (Json.Obj) audit.record();
                assertThat(record.string("moduleSha256", "")).hasSize(64);
                assertThat(record.string("outcome", "")).isEqualTo("ok");
                assertThat(record.number("fuelUsed", 0)).isPositive();
            }
            assertThat(cli().run("sessions", "show", id).out()).contains("ⓘ json_query ok, fuel ");
        }
    }

    @Test
    void aToolStoppedMidRunShowsItsFuelAsALowerBound() throws Exception {
        cli().run("tools", "add", DIST.resolve("text_stats.wasm").toString());
        Files.writeString(home.resolve("tools/text_stats.policy.yaml"), "limits: {timeout: 100ms}\n");
        try (var model = ScriptedModelServer.start()) {
            model.enqueue(Reply.toolCall("text_stats",
                    "{\"text\": \"" + "the quick brown fox ".repeat(100_000) + "\", \"format\": \"text\"}"),
                    Reply.text("It took too long."));
            var run = cli().provider(model.baseUrl(), "m").run("run", "--json", "count the words");
            assertThat(run.exit()).isZero();
            String id = json(run.out()).string("session_id", "");
            try (var journal = SqliteJournal.open(home.resolve("state.db"))) {
                var record = (Json.Obj) journal.entries(id).stream().map(JournalEntry::event)
                        .filter(e -> e instanceof Event.ToolAudit).map(e -> ((Event.ToolAudit) e).record())
                        .findFirst().orElseThrow();
                assertThat(record.string("outcome", "")).isEqualTo("timeout");
                assertThat(record.bool("fuelPartial", false)).isTrue();
            }
            assertThat(cli().run("sessions", "show", id).out()).contains("ⓘ text_stats timeout, fuel ≥ ");
        }
    }

    @Test
    void aBrokenModuleIsAProblemNotACrash() throws Exception {
        Files.createDirectories(home.resolve("tools"));
        Files.write(home.resolve("tools/broken.wasm"), new byte[] {0, 'a', 's', 'm', 1, 0, 0});
        var list = cli().run("tools", "list");
        assertThat(list.exit()).isZero();
        assertThat(list.err()).contains("broken");
        assertThat(list.err().strip().lines()).hasSize(1);
    }
}
