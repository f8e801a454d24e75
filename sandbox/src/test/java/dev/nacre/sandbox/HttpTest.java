package dev.nacre.sandbox;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpServer;
import dev.nacre.core.Json;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class HttpTest extends SandboxFixture {
    static final String SECRET = "ghp_s3cr3t_value";
    HttpServer server;
    String base;
    final List<String> authorizations = new CopyOnWriteArrayList<>();
    ToolModule fetch;

    @BeforeEach
    void server() throws Exception {
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/hello", ex -> {
            authorizations.add(String.valueOf(ex.getRequestHeaders().getFirst("Authorization")));
            byte[] body = "hi there".getBytes(StandardCharsets.UTF_8);
            ex.sendResponseHeaders(200, body.length);
            ex.getResponseBody().write(body);
            ex.close();
        });
        server.createContext("/echo-headers", ex -> {
            authorizations.add(String.valueOf(ex.getRequestHeaders().getFirst("Authorization")));
            byte[] body = ("auth=" + ex.getRequestHeaders().getFirst("Authorization")).getBytes(StandardCharsets.UTF_8);
            ex.sendResponseHeaders(200, body.length);
            ex.getResponseBody().write(body);
            ex.close();
        });
        server.createContext("/big", ex -> {
            ex.sendResponseHeaders(200, 0);
            ex.getResponseBody().write(new byte[300_000]);
            ex.close();
        });
        server.createContext("/redirect", ex -> {
            ex.getResponseHeaders().add("Location", "https://elsewhere.example/");
            ex.sendResponseHeaders(302, -1);
            ex.close();
        });
        server.start();
        base = "http://127.0.0.1:" + server.getAddress().getPort();
        fetch = tool("fetch", Bodies.HTTP_IMPORTS, Bodies.HTTP, 32);
    }

    @AfterEach
    void stopServer() {
        server.stop(0);
    }

    Json.Obj get(CallResult r) {
        assertThat(r.ok()).as(r.message()).isTrue();
        return (Json.Obj) r.result();
    }

    String req(String path) {
        return "{\"url\":\"" + base + path + "\"}";
    }

    @Test
    void grantedHostIsFetchedAndRecorded() {
        var r = run(fetch, "network: [{host: 127.0.0.1}]", req("/hello"));
        var response = get(r);
        assertThat(response.number("status", 0)).isEqualTo(200);
        assertThat(response.string("body", "")).isEqualTo("hi there");
        assertThat(r.audit().uses()).contains(new CapabilityUse.Http("GET", "127.0.0.1", 200),
                new CapabilityUse.Log("info", "fetching"));
    }

    @Test
    void undeclaredHostIsDeniedAsJson() {
        var r = run(fetch, "network: [{host: api.example.org}]", req("/hello"));
        assertThat(get(r).string("error", "")).isEqualTo("denied: host 127.0.0.1 is not in the policy");
        assertThat(authorizations).isEmpty();
        assertThat(r.audit().uses()).anyMatch(u -> u instanceof CapabilityUse.Denied d && d.capability().equals("http"));
    }

    @Test
    void noNetworkByDefault() {
        var r = run(fetch, "", req("/hello"));
        assertThat(get(r).string("error", "")).startsWith("denied:");
        assertThat(authorizations).isEmpty();
    }

    @Test
    void wildcardDoesNotMatchTheBareDomainOrOtherHosts() {
        var p = new HostPattern("*.example.org");
        assertThat(p.matches("api.example.org")).isTrue();
        assertThat(p.matches("a.b.example.org")).isTrue();
        assertThat(p.matches("example.org")).isFalse();
        assertThat(p.matches("evilexample.org")).isFalse();
        assertThat(p.matches("example.org.evil.com")).isFalse();
    }

    @Test
    void plainHttpIsRefusedUnlessTheOperatorAllowsLoopback() {
        try (var strict = Sandbox.builder().workspace(workspace).build()) {
            var r = strict.call(fetch, policy("network: [{host: 127.0.0.1}]"), "run", (Json.Obj) Json.parse(req("/hello")));
            assertThat(((Json.Obj) r.result()).string("error", "")).contains("https only");
        }
        assertThat(authorizations).isEmpty();
    }

    @Test
    void grantedSecretIsAddedByTheHostAndNeverSeenByTheGuest() {
        var r = run(fetch, "network: [{host: 127.0.0.1}]\nsecrets: [{name: github, hosts: [127.0.0.1]}]",
                "{\"url\":\"" + base + "/echo-headers\",\"auth\":\"github\"}");
        var response = get(r);
        assertThat(authorizations).containsExactly("Bearer " + SECRET);
        assertThat(response.string("body", "")).isEqualTo("auth=Bearer [secret github]").doesNotContain(SECRET);
        assertThat(r.audit().uses()).contains(new CapabilityUse.SecretUsed("github", "127.0.0.1"));
        assertThat(r.audit().toJson().print()).doesNotContain(SECRET);
    }

    @Test
    void secretForAnotherHostIsDenied() {
        var r = run(fetch, "network: [{host: 127.0.0.1}]\nsecrets: [{name: github, hosts: [api.github.com]}]",
                "{\"url\":\"" + base + "/hello\",\"auth\":\"github\"}");
        assertThat(get(r).string("error", "")).isEqualTo("denied: secret github may not be sent to 127.0.0.1");
        assertThat(authorizations).isEmpty();
    }

    @Test
    void secretNotInThePolicyIsDenied() {
        var r = run(fetch, "network: [{host: 127.0.0.1}]", "{\"url\":\"" + base + "/hello\",\"auth\":\"github\"}");
        assertThat(get(r).string("error", "")).isEqualTo("denied: secret github is not in the policy");
        assertThat(authorizations).isEmpty();
    }

    @Test
    void secretValueInTheUrlIsDenied() {
        var r = run(fetch, "network: [{host: 127.0.0.1}]\nsecrets: [{name: github, hosts: [api.github.com]}]",
                "{\"url\":\"" + base + "/hello?token=" + SECRET + "\"}");
        assertThat(get(r).string("error", "")).contains("contains the value of secret github");
        assertThat(authorizations).isEmpty();
    }

    @Test
    void secretValueInAHeaderOrBodyIsDenied() {
        String policy = "network: [{host: 127.0.0.1}]\nsecrets: [{name: github, hosts: [127.0.0.1]}]";
        var inHeader = run(fetch, policy, "{\"url\":\"" + base + "/hello\",\"headers\":{\"X-Leak\":\"" + SECRET + "\"}}");
        var inBody = run(fetch, policy, "{\"method\":\"POST\",\"url\":\"" + base + "/hello\",\"body\":\"k=" + SECRET + "\"}");
        assertThat(get(inHeader).string("error", "")).startsWith("denied:");
        assertThat(get(inBody).string("error", "")).startsWith("denied:");
        assertThat(authorizations).isEmpty();
    }

    @Test
    void responseOverTheLimitIsAnError() {
        var r = run(fetch, "network: [{host: 127.0.0.1}]\nlimits: {response: 100Ki}", req("/big"));
        assertThat(get(r).string("error", "")).contains("limits.response");
        assertHealthy();
    }

    @Test
    void redirectsAreNotFollowed() {
        var r = run(fetch, "network: [{host: 127.0.0.1}]", req("/redirect"));
        assertThat(get(r).number("status", 0)).isEqualTo(302);
    }

    @Test
    void requestCountIsLimited() {
        var r = run(fetch, "network: [{host: 127.0.0.1}]\nlimits: {requests: 0}", req("/hello"));
        assertThat(get(r).string("error", "")).contains("limits.requests");
        assertThat(authorizations).isEmpty();
    }

    @Test
    void malformedRequestIsAJsonErrorNotATrap() {
        var r = run(fetch, "network: [{host: 127.0.0.1}]", "{\"url\":\"" + base + "/hello\",\"evil\":1}");
        assertThat(get(r).string("error", "")).startsWith("bad request");
    }
}
