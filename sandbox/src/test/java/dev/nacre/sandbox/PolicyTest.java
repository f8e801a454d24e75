package dev.nacre.sandbox;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class PolicyTest {
    static final String EXAMPLE = """
        storage:  [{uri: "fs://workspace/**", access: [read, write]}, {uri: "fs://data/app.json", access: [read]}]
        network:  [{host: "api.github.com"}, {host: "*.example.org"}]
        env:      [LANG]
        secrets:  [{name: github, hosts: [api.github.com]}]
        limits:   {memory: 64Mi, fuel: 200000000, timeout: 5s, output: 1Mi}
        """;

    static Policy parse(String yaml) {
        return Policy.parse(yaml, "tools/x.policy.yaml");
    }

    @Test
    void parsesTheDocumentedExample() {
        var p = parse(EXAMPLE);
        assertThat(p.storage()).containsExactly(new StorageGrant("workspace/**", true, true),
                new StorageGrant("data/app.json", true, false));
        assertThat(p.allowsHost("api.github.com")).isTrue();
        assertThat(p.allowsHost("a.example.org")).isTrue();
        assertThat(p.allowsHost("github.com")).isFalse();
        assertThat(p.env()).containsExactly("LANG");
        assertThat(p.secret("github").orElseThrow().header()).isEqualTo("Authorization");
        assertThat(p.secret("github").orElseThrow().prefix()).isEqualTo("Bearer ");
        assertThat(p.limits()).isEqualTo(new Limits(64L << 20, 200_000_000, Duration.ofSeconds(5), 1 << 20,
                Limits.DEFAULTS.files(), Limits.DEFAULTS.response(), Limits.DEFAULTS.requests()));
    }

    @Test
    void emptyPolicyDeniesEverythingWithDefaults() {
        assertThat(parse("")).isEqualTo(Policy.denyAll());
        assertThat(parse("{}")).isEqualTo(Policy.denyAll());
    }

    @Test
    void canonicalHashIgnoresFormatting() {
        var compact = parse("env: [LANG]\nlimits: {memory: 64Mi}");
        var spaced = parse("env:\n  - LANG\nlimits:\n  memory: 67108864\n");
        assertThat(compact.sha256()).isEqualTo(spaced.sha256()).isEqualTo(Policy.denyAll().withLimits(Limits.DEFAULTS)
                .sha256().equals(compact.sha256()) ? compact.sha256() : spaced.sha256());
        assertThat(compact.sha256()).isNotEqualTo(parse("env: [HOME]").sha256());
    }

    @Test
    void errorsAreOneLineAndNameFileAndKey() {
        assertError("storage: [{uri: 'fs://a', acces: [read]}]", "tools/x.policy.yaml: storage[0].acces: unknown key");
        assertError("limits: {memory: lots}", "tools/x.policy.yaml: limits.memory: 'lots' is not a size");
        assertError("limits: {timeout: 5}", "tools/x.policy.yaml: limits.timeout: '5' is not a duration");
        assertError("limits: {memory: 8Gi}", "tools/x.policy.yaml: limits.memory: 8Gi exceeds the maximum 1Gi");
        assertError("limits: {timeout: 1h}", "limits.timeout");
        assertError("limits: {fuel: -1}", "limits.fuel");
        assertError("limits: {cpu: 1}", "limits.cpu: unknown key");
        assertError("network: [{host: 'http://x.com'}]", "network[0].host");
        assertError("storage: [{uri: 'fs://../etc', access: [read]}]", "storage[0].uri");
        assertError("storage: [{uri: 'fs:///etc', access: [read]}]", "storage[0].uri");
        assertError("storage: [{uri: 'file:///etc', access: [read]}]", "storage[0].uri");
        assertError("storage: [{uri: 'fs://a', access: [execute]}]", "storage[0].access");
        assertError("secrets: [{name: github, value: abc, hosts: [x.com]}]", "secrets[0].value: unknown key");
        assertError("secrets: [{name: github}]", "secrets[0].hosts");
        assertError("extra: 1", "tools/x.policy.yaml: extra: unknown key");
        assertError("env: [A, A]\nenv: [B]", "tools/x.policy.yaml");
        assertError("[1, 2", "not valid YAML");
    }

    static void assertError(String yaml, String expected) {
        assertThatThrownBy(() -> parse(yaml)).isInstanceOf(PolicyException.class)
                .hasMessageContaining(expected)
                .satisfies(e -> assertThat(e.getMessage()).doesNotContain("\n"));
    }

    @Test
    void sizesAndDurations() {
        assertThat(Sizes.bytes("64Mi")).isEqualTo(64L << 20);
        assertThat(Sizes.bytes("512Ki")).isEqualTo(512L << 10);
        assertThat(Sizes.bytes("1G")).isEqualTo(1_000_000_000L);
        assertThat(Sizes.bytes("12")).isEqualTo(12);
        assertThat(Sizes.bytes("-1")).isEqualTo(-1);
        assertThat(Sizes.duration("250ms")).isEqualTo(Duration.ofMillis(250));
        assertThat(Sizes.duration("2m")).isEqualTo(Duration.ofMinutes(2));
        assertThat(Sizes.duration("2 hours")).isNull();
    }

    @Test
    void globs() {
        var all = new StorageGrant("workspace/**", true, false);
        assertThat(all.covers("workspace")).isTrue();
        assertThat(all.covers("workspace/a/b.txt")).isTrue();
        assertThat(all.covers("workspace2/a")).isFalse();
        var one = new StorageGrant("data/*.json", true, false);
        assertThat(one.covers("data/app.json")).isTrue();
        assertThat(one.covers("data/sub/app.json")).isFalse();
        assertThat(new StorageGrant("", true, false).covers("anything/at/all")).isTrue();
    }

    @Test
    void entriesLimitParsesWithADefaultAndAMaximum() {
        assertThat(Policy.denyAll().limits().entries()).isEqualTo(10_000);
        assertThat(parse("limits: {entries: 500}").limits().entries()).isEqualTo(500);
        assertThatThrownBy(() -> parse("limits: {entries: 2000000}")).isInstanceOf(PolicyException.class)
                .hasMessage("tools/x.policy.yaml: limits.entries: 2000000 exceeds the maximum 1000000");
        // a policy without entries keeps the hash it had before the limit existed
        assertThat(parse("").sha256()).isEqualTo(Policy.denyAll().sha256());
        assertThat(Policy.denyAll().toJson().print()).doesNotContain("entries");
        assertThat(parse("limits: {entries: 500}").toJson().print()).contains("\"entries\":500");
    }

    @Test
    void networkGrantsTakeAPortOrPorts() {
        var p = parse("network: [{host: api.example.org, port: 8443}, {host: b.example.org, ports: [443, 8080]}, {host: c.example.org}]");
        assertThat(p.allowsHost("api.example.org", 8443)).isTrue();
        assertThat(p.allowsHost("api.example.org", 443)).isFalse();
        assertThat(p.allowsHost("b.example.org", 8080)).isTrue();
        assertThat(p.allowsHost("c.example.org", 443)).isTrue();
        assertThat(p.allowsHost("c.example.org", 80)).isFalse();
        assertThat(parse("network: [{host: 127.0.0.1}]").allowsHost("127.0.0.1", 54321)).isTrue();
        assertThat(parse("network: [{host: localhost, ports: [8080]}]").allowsHost("localhost", 54321)).isFalse();
        assertThatThrownBy(() -> parse("network: [{host: a.org, port: 70000}]")).isInstanceOf(PolicyException.class)
                .hasMessage("tools/x.policy.yaml: network[0].port: '70000' is not a port (1-65535)");
        assertThatThrownBy(() -> parse("network: [{host: a.org, port: 1, ports: [2]}]")).isInstanceOf(PolicyException.class)
                .hasMessageContaining("not both");
        assertThatThrownBy(() -> parse("network: [{host: a.org, ports: []}]")).isInstanceOf(PolicyException.class);
        assertThat(parse("network: [{host: a.org}]").sha256()).isEqualTo(
                new Policy(java.util.List.of(), java.util.List.of(new HostPattern("a.org")), java.util.List.of(),
                        java.util.List.of(), Limits.DEFAULTS).sha256());
    }
}
