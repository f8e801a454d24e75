package dev.nacre.sandbox;

import static org.assertj.core.api.Assertions.assertThat;

import dev.nacre.core.Json;
import java.time.Instant;
import java.util.ArrayList;
import java.util.concurrent.Callable;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;

/** Environment, determinism, fresh instances and concurrency. */
class IsolationTest extends SandboxFixture {

    @Test
    void noEnvironmentByDefault() {
        var r = run(tool("env", Bodies.ENV_IMPORTS, Bodies.ENV), "", "{}");
        assertThat(r.ok()).as(r.message()).isTrue();
        assertThat(r.result()).isEqualTo(Json.of(""));
    }

    @Test
    void onlyGrantedEnvironmentKeysArePassed() {
        var r = run(tool("env", Bodies.ENV_IMPORTS, Bodies.ENV), "env: [LANG, NOT_SET]", "{}");
        assertThat(r.result()).isEqualTo(Json.of("LANG=C.UTF-8;"));
        assertThat(r.audit().uses()).containsExactly(new CapabilityUse.EnvPassed("LANG"));
        assertThat(r.result().print()).doesNotContain("hunter2").doesNotContain("s3cr3t");
    }

    @Test
    void secretEnvironmentKeysCannotBeGrantedAsEnv() {
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> policy("env: [NACRE_SECRET_GITHUB]"))
                .isInstanceOf(PolicyException.class).hasMessageContaining("env[0]");
    }

    @Test
    void sameCallSameBytes() {
        var rc = tool("rand", Bodies.RANDOM_CLOCK_IMPORTS, Bodies.RANDOM_CLOCK);
        var a = run(rc, "", "{\"x\":1}");
        var b = run(rc, "", "{\"x\":1}");
        var other = run(rc, "", "{\"x\":2}");
        assertThat(a.ok()).as(a.message()).isTrue();
        assertThat(a.result()).isEqualTo(b.result());
        assertThat(a.audit().seed()).isEqualTo(b.audit().seed());
        assertThat(other.result()).isNotEqualTo(a.result());
        // realtime starts at the epoch: 2025-01-01T00:00:00Z as little-endian nanoseconds
        long nanos = CallOptions.DEFAULT_EPOCH.getEpochSecond() * 1_000_000_000L;
        String realtimeHex = String.format("%016x", Long.reverseBytes(nanos));
        assertThat(((Json.Str) a.result()).value().substring(32, 48)).isEqualTo(realtimeHex);
    }

    @Test
    void seedAndEpochCanBeGivenAndAreRecorded() {
        var rc = tool("rand", Bodies.RANDOM_CLOCK_IMPORTS, Bodies.RANDOM_CLOCK);
        var opts = CallOptions.defaults().withSeed(42).withEpoch(Instant.parse("2030-05-05T00:00:00Z"));
        var a = sandbox.call(rc, Policy.denyAll(), "run", Json.EMPTY_OBJ, opts);
        var b = sandbox.call(rc, Policy.denyAll(), "run", (Json.Obj) Json.parse("{\"other\":true}"), opts);
        assertThat(a.audit().seed()).isEqualTo(42);
        assertThat(a.audit().epoch()).isEqualTo(Instant.parse("2030-05-05T00:00:00Z"));
        assertThat(a.result()).isEqualTo(b.result());
    }

    @Test
    void everyCallGetsAFreshInstance() {
        var counter = tool("counter", "", Bodies.COUNTER);
        for (int i = 0; i < 3; i++) {
            var r = run(counter, "", "{}");
            assertThat(r.result()).as(r.message()).isEqualTo(Json.of(2)); // global 1 + memory byte 1
        }
    }

    @Test
    void hundredConcurrentCalls() throws Exception {
        try (var pool = Executors.newVirtualThreadPerTaskExecutor()) {
            var futures = new ArrayList<Future<CallResult>>();
            for (int i = 0; i < 100; i++) {
                var args = (Json.Obj) Json.parse("{\"i\":" + i + "}");
                futures.add(pool.submit((Callable<CallResult>) () -> sandbox.call(echo, Policy.denyAll(), "echo", args)));
            }
            for (int i = 0; i < 100; i++) {
                var r = futures.get(i).get();
                assertThat(r.ok()).as(r.message()).isTrue();
                assertThat(r.result()).isEqualTo(Json.parse("{\"i\":" + i + "}"));
            }
        }
        assertHealthy();
    }

    @Test
    void concurrentBombsDoNotHurtNormalCalls() throws Exception {
        var spin = tool("spin", "", Bodies.SPIN);
        var grow = tool("grow", "", Bodies.MEMORY_BOMB);
        try (var pool = Executors.newVirtualThreadPerTaskExecutor()) {
            var bombs = new ArrayList<Future<CallResult>>();
            for (int i = 0; i < 4; i++) {
                bombs.add(pool.submit(() -> run(spin, "limits: {fuel: 100000000000, timeout: 1s}", "{}")));
                bombs.add(pool.submit(() -> run(grow, "limits: {memory: 32Mi}", "{}")));
            }
            assertHealthy();
            for (var f : bombs) assertThat(f.get().ok()).isFalse();
        }
        assertHealthy();
    }
}
