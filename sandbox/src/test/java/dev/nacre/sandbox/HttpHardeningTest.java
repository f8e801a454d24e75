package dev.nacre.sandbox;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.sun.net.httpserver.HttpServer;
import dev.nacre.core.Json;
import java.net.InetSocketAddress;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Findings of the security review on nacre.http, nacre.log and the HttpClient; plus URL edge cases. */
class HttpHardeningTest extends SandboxFixture {
    /** Printable ASCII that changes under JSON escaping, URL encoding and base64. */
    static final String ODD_SECRET = "s3cr3t/\"quote\\back+plus=&x";
    HttpServer server;
    String base;
    int port;
    final List<String> seen = new CopyOnWriteArrayList<>();
    ToolModule fetch;

    @BeforeEach
    void server() throws Exception {
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/hello", ex -> {
            seen.add("hello");
            byte[] body = "hi".getBytes(StandardCharsets.UTF_8);
            ex.sendResponseHeaders(200, body.length);
            ex.getResponseBody().write(body);
            ex.close();
        });
        server.createContext("/echo-encoded", ex -> {
            String auth = String.valueOf(ex.getRequestHeaders().getFirst("Authorization"));
            seen.add(auth);
            String value = auth.substring("Bearer ".length());
            String body = String.join("\n",
                    "json=" + jsonEscape(auth, false),
                    "json-slash=" + jsonEscape(auth, true),
                    "url=" + URLEncoder.encode(auth, StandardCharsets.UTF_8),
                    "url-lower=" + URLEncoder.encode(auth, StandardCharsets.UTF_8).toLowerCase(java.util.Locale.ROOT),
                    "b64-bearer=" + Base64.getEncoder().encodeToString(auth.getBytes(StandardCharsets.UTF_8)),
                    "b64-basic=" + Base64.getEncoder().encodeToString(("user:" + value).getBytes(StandardCharsets.UTF_8)),
                    "b64url=" + Base64.getUrlEncoder().encodeToString(value.getBytes(StandardCharsets.UTF_8)));
            byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
            ex.getResponseHeaders().add("X-Echo", jsonEscape(auth, true));
            ex.sendResponseHeaders(200, bytes.length);
            ex.getResponseBody().write(bytes);
            ex.close();
        });
        server.createContext("/headers", ex -> {
            var h = ex.getRequestHeaders();
            byte[] body = ("range=" + h.getFirst("Range") + " accept-encoding=" + h.getFirst("Accept-Encoding"))
                    .getBytes(StandardCharsets.UTF_8);
            seen.add("headers");
            ex.sendResponseHeaders(200, body.length);
            ex.getResponseBody().write(body);
            ex.close();
        });
        server.start();
        port = server.getAddress().getPort();
        base = "http://127.0.0.1:" + port;
        fetch = tool("fetch", Bodies.HTTP_IMPORTS, Bodies.HTTP, 32);
    }

    @AfterEach
    void stopServer() {
        server.stop(0);
    }

    static String jsonEscape(String s, boolean slash) {
        String printed = Json.of(s).print();
        String inner = printed.substring(1, printed.length() - 1);
        return slash ? inner.replace("/", "\\/") : inner;
    }

    Sandbox sandboxWithSecret(String value) {
        return Sandbox.builder().workspace(workspace).environment(environment()).plainHttpToLoopback(true)
                .secrets(name -> name.equals("api") ? Optional.of(value) : Optional.empty()).build();
    }

    static Json.Obj obj(CallResult r) {
        assertThat(r.ok()).as(r.message()).isTrue();
        return (Json.Obj) r.result();
    }

    // finding 1
    @Test
    void secretWithAControlCharacterNeverReachesTheGuestOrTheAudit() {
        try (var s = sandboxWithSecret("tok\r")) {
            var r = s.call(fetch, policy("network: [{host: 127.0.0.1}]\nsecrets: [{name: api, hosts: [127.0.0.1]}]"), "run",
                    (Json.Obj) Json.parse("{\"url\":\"" + base + "/hello\",\"auth\":\"api\"}"));
            String reply = obj(r).string("error", "");
            assertThat(reply).startsWith("denied: secret api").doesNotContain("tok");
            assertThat(r.result().print()).doesNotContain("tok");
            assertThat(r.audit().toJson().print()).doesNotContain("tok");
            assertThat(seen).isEmpty();
        }
    }

    @Test
    void invalidHeaderIsAGenericBadRequestWithoutTheJdkMessage() {
        var r = run(fetch, "network: [{host: 127.0.0.1}]",
                "{\"url\":\"" + base + "/hello\",\"headers\":{\"X-A\":\"v\\r\\nInjected: 1\"}}");
        assertThat(obj(r).string("error", "")).isEqualTo("bad request: invalid header or url");
        assertThat(seen).isEmpty();
    }

    // finding 4
    @Test
    void encodedEchoesOfTheSecretAreRedacted() {
        try (var s = sandboxWithSecret(ODD_SECRET)) {
            var r = s.call(fetch, policy("network: [{host: 127.0.0.1}]\nsecrets: [{name: api, hosts: [127.0.0.1]}]"), "run",
                    (Json.Obj) Json.parse("{\"url\":\"" + base + "/echo-encoded\",\"auth\":\"api\"}"));
            assertThat(seen).containsExactly("Bearer " + ODD_SECRET);
            var response = obj(r);
            String text = response.print();
            String body = response.string("body", "");
            for (String form : Redactor.forms(ODD_SECRET)) assertThat(body).doesNotContain(form);
            assertThat(body).doesNotContain(jsonEscape(ODD_SECRET, false)).doesNotContain(jsonEscape(ODD_SECRET, true));
            assertThat(body.lines().filter(l -> l.contains("[secret api]")).count()).isEqualTo(7);
            assertThat(text).doesNotContain(jsonEscape(ODD_SECRET, true));
            assertThat(r.audit().toJson().print()).doesNotContain("quote");
        }
    }

    @Test
    void rangeAndAcceptEncodingAreDroppedWhenASecretIsAdded() {
        String headers = ",\"headers\":{\"Range\":\"bytes=0-3\",\"Accept-Encoding\":\"gzip\"}}";
        var withAuth = run(fetch, "network: [{host: 127.0.0.1}]\nsecrets: [{name: github, hosts: [127.0.0.1]}]",
                "{\"url\":\"" + base + "/headers\",\"auth\":\"github\"" + headers);
        assertThat(obj(withAuth).string("body", "")).isEqualTo("range=null accept-encoding=null");
        var without = run(fetch, "network: [{host: 127.0.0.1}]", "{\"url\":\"" + base + "/headers\"" + headers);
        assertThat(obj(without).string("body", "")).isEqualTo("range=bytes=0-3 accept-encoding=gzip");
    }

    // finding 5
    @Test
    void guestLogLinesLoseTheirControlCharacters() {
        var logger = tool("logger", Bodies.HTTP_IMPORTS, """
            (data (i32.const 3000) "a\\0db\\1b[2J\\e2\\80\\aeZ")
            (data (i32.const 3100) "{}")
            (func $call
              (call $log (i32.const 2) (i32.const 3000) (i32.const 11))
              (call $write (i32.const 1) (i32.const 3100) (i32.const 2)))
            """);
        var r = run(logger, "", "{}");
        assertThat(r.ok()).as(r.message()).isTrue();
        var logged = r.audit().uses().stream().filter(u -> u instanceof CapabilityUse.Log).map(u -> (CapabilityUse.Log) u)
                .findFirst().orElseThrow();
        assertThat(logged.level()).isEqualTo("warn");
        assertThat(logged.message()).isEqualTo("a\uFFFDb\uFFFD[2J\uFFFDZ");
        assertThat(logged.message().chars()).noneMatch(c -> c < 0x20 || c == 0x7f);
    }

    @Test
    void longGuestLogLinesAreCapped() {
        assertThat(NacreImports.clean("x".repeat(5000))).hasSize(NacreImports.MAX_LOG_CHARS + 1).endsWith("…");
        assertThat(NacreImports.clean("x".repeat(NacreImports.MAX_LOG_CHARS))).doesNotEndWith("…");
    }

    // finding 6
    @Test
    void anHttpClientThatFollowsRedirectsIsRefused() {
        assertThatThrownBy(() -> Sandbox.builder().httpClient(
                HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NORMAL).build()))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("redirects");
        assertThatThrownBy(() -> Sandbox.builder().httpClient(
                HttpClient.newBuilder().followRedirects(HttpClient.Redirect.ALWAYS).build()))
                .isInstanceOf(IllegalArgumentException.class);
        Sandbox.builder().httpClient(HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NEVER).build());
    }

    // finding 7
    @Test
    void loopbackAllowsAnyPortUnlessPortsAreListed() {
        assertThat(obj(run(fetch, "network: [{host: 127.0.0.1}]", "{\"url\":\"" + base + "/hello\"}")).number("status", 0))
                .isEqualTo(200);
        assertThat(obj(run(fetch, "network: [{host: 127.0.0.1, port: " + port + "}]", "{\"url\":\"" + base + "/hello\"}"))
                .number("status", 0)).isEqualTo(200);
        seen.clear();
        var other = run(fetch, "network: [{host: 127.0.0.1, ports: [1, 2]}]", "{\"url\":\"" + base + "/hello\"}");
        assertThat(obj(other).string("error", "")).isEqualTo("denied: port " + port + " is not allowed for host 127.0.0.1");
        assertThat(seen).isEmpty();
    }

    @Test
    void namedHostsDefaultToPort443() {
        var p = new HostPattern("api.github.com");
        assertThat(p.matches("api.github.com", 443)).isTrue();
        assertThat(p.matches("api.github.com", 8443)).isFalse();
        assertThat(p.matches("api.github.com", 80)).isFalse();
        var listed = new HostPattern("api.github.com", List.of(8443));
        assertThat(listed.matches("api.github.com", 8443)).isTrue();
        assertThat(listed.matches("api.github.com", 443)).isFalse();
        var r = run(fetch, "network: [{host: api.github.com}]", "{\"url\":\"https://api.github.com:8443/x\"}");
        assertThat(obj(r).string("error", "")).isEqualTo("denied: port 8443 is not allowed for host api.github.com");
    }

    // edge cases of the URL checks: none of these may reach the network
    @Test
    void userinfoInTheUrlIsRefused() {
        for (String url : List.of("http://user@evil.com@127.0.0.1:" + port + "/hello", "http://user@127.0.0.1:" + port + "/hello",
                "http://user:pw@127.0.0.1:" + port + "/hello", "https://user@evil.com@api.github.com/")) {
            var r = run(fetch, "network: [{host: 127.0.0.1}, {host: api.github.com}]", "{\"url\":\"" + url + "\"}");
            assertThat(obj(r).string("error", "")).as(url).matches("(denied|bad request).*");
        }
        assertThat(seen).isEmpty();
    }

    @Test
    void hostCaseAndATrailingDotMatchTheGrant() {
        // the port denial comes after the host check: it proves the host matched, without network access
        for (String url : List.of("https://API.GitHub.com:8443/", "https://api.github.com.:8443/")) {
            var r = run(fetch, "network: [{host: api.github.com}]", "{\"url\":\"" + url + "\"}");
            assertThat(obj(r).string("error", "")).as(url).startsWith("denied: port 8443 is not allowed");
        }
        for (String url : List.of("https://api.github.com../", "https://api.github.com.evil.com/", "https://evilapi.github.com/")) {
            var r = run(fetch, "network: [{host: api.github.com}]", "{\"url\":\"" + url + "\"}");
            assertThat(obj(r).string("error", "")).as(url).matches("(denied: host .* is not in the policy|bad request.*)");
        }
    }

    @Test
    void ipLiteralsMustBeGrantedAsWritten() {
        for (String url : List.of("http://[::1]:" + port + "/hello", "http://2130706433:" + port + "/hello",
                "http://127.1:" + port + "/hello", "http://0x7f.0.0.1:" + port + "/hello", "http://127.0.0.2:" + port + "/hello")) {
            var r = run(fetch, "network: [{host: 127.0.0.1}]", "{\"url\":\"" + url + "\"}");
            assertThat(obj(r).string("error", "")).as(url).matches("(denied|bad request).*");
        }
        assertThat(seen).isEmpty();
        assertHealthy();
    }
}
