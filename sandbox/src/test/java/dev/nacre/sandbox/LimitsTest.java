package dev.nacre.sandbox;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class LimitsTest extends SandboxFixture {

    @Test
    void fuelBombRunsOutOfFuel() {
        var r = run(tool("spin", "", Bodies.SPIN), "limits: {fuel: 5000000, timeout: 30s}", "{}");
        assertFails(r, ErrorKind.FUEL_EXHAUSTED);
        assertThat(r.fuelUsed()).isEqualTo(5_000_000);
        assertThat(r.audit().fuelUsed()).isEqualTo(5_000_000);
        assertThat(r.fuelPartial()).as("running out is a published point").isFalse();
        assertHealthy();
    }

    @Test
    void aTrapAfterWorkReportsItsFuelAsALowerBound() {
        // The loop keeps its fuel in a local; the trap strikes before it is published, so the
        // count stops at the last published point, and the result and the audit say so.
        var r = run(tool("work", "", Bodies.WORK_THEN_DIVIDE), "limits: {fuel: 100000000000, timeout: 30s}", "{}");
        assertFails(r, ErrorKind.TRAP);
        assertThat(r.fuelPartial()).isTrue();
        assertThat(r.fuelUsed()).as("a lower bound of the million iterations").isLessThan(1_000_000);
        assertThat(r.audit().fuelPartial()).isTrue();
        assertThat(((dev.nacre.core.Json.Obj) r.audit().toJson()).bool("fuelPartial", false)).isTrue();
        assertHealthy();
    }

    @Test
    void normalCallReportsFuelUsed() {
        var r = sandbox.call(echo, Policy.denyAll(), "echo", dev.nacre.core.Json.EMPTY_OBJ);
        assertThat(r.ok()).isTrue();
        assertThat(r.fuelUsed()).isPositive().isLessThan(100_000);
        assertThat(r.fuelPartial()).isFalse();
        assertThat(((dev.nacre.core.Json.Obj) r.audit().toJson()).get("fuelPartial")).as("only partial counts say so").isEmpty();
    }

    @Test
    void spinningGuestTimesOutPromptly() {
        var r = run(tool("spin", "", Bodies.SPIN), "limits: {fuel: 100000000000, timeout: 300ms}", "{}");
        assertFails(r, ErrorKind.TIMEOUT);
        assertThat(r.fuelPartial()).as("stopped mid-loop: its fuel was never published").isTrue();
        assertThat(r.duration().toMillis()).as("not stopped before its deadline").isGreaterThanOrEqualTo(290L);
        assertHealthy();
    }

    @Test
    void memoryBombHitsTheMemoryLimit() {
        long before = Runtime.getRuntime().totalMemory();
        var r = run(tool("grow", "", Bodies.MEMORY_BOMB), "limits: {memory: 8Mi}", "{}");
        assertFails(r, ErrorKind.MEMORY_LIMIT);
        assertThat(Runtime.getRuntime().totalMemory() - before).isLessThan(512L << 20);
        assertHealthy();
    }

    @Test
    void declaredInitialMemoryOverTheCapIsRefused() {
        var r = run(tool("huge", "", Bodies.SILENT, 2000), "limits: {memory: 64Mi}", "{}");
        assertFails(r, ErrorKind.MEMORY_LIMIT);
        assertThat(r.message()).contains("initial memory");
        assertHealthy();
    }

    @Test
    void hugeTableIsAnInvalidModule() {
        var wasm = Guests.tool(Guests.describe("run", Guests.ANY_OBJECT), "", "(table 5000000 funcref) " + Bodies.SILENT);
        assertThatThrownBy(() -> ToolModule.of("table", wasm))
                .isInstanceOfSatisfying(SandboxException.class, e -> assertThat(e.kind()).isEqualTo(ErrorKind.INVALID_MODULE))
                .hasMessageContaining("table of 5000000 entries");
        assertHealthy();
    }

    @Test
    void stdoutFloodHitsTheOutputLimit() {
        var r = run(tool("flood", "", Bodies.OUTPUT_FLOOD), "limits: {output: 1Mi}", "{}");
        assertFails(r, ErrorKind.OUTPUT_LIMIT);
        assertThat(r.fuelPartial()).as("stopped inside a host call, where the fuel is published").isFalse();
        assertHealthy();
    }

    @Test
    void stderrFloodHitsTheOutputLimit() {
        var r = run(tool("flood2", "", Bodies.STDERR_FLOOD), "limits: {output: 256Ki}", "{}");
        assertFails(r, ErrorKind.OUTPUT_LIMIT);
        assertHealthy();
    }

    @Test
    void deepRecursionIsATrap() {
        var r = run(tool("recurse", "", Bodies.RECURSION), "limits: {fuel: 100000000000, timeout: 60s}", "{}");
        assertFails(r, ErrorKind.TRAP);
        assertHealthy();
    }

    @Test
    void unreachableInStartIsATrap() {
        var r = run(tool("trap", "", Bodies.UNREACHABLE), "", "{}");
        assertFails(r, ErrorKind.TRAP);
        assertThat(r.message()).startsWith("trap");
        assertHealthy();
    }

    @Test
    void divideByZeroIsATrap() {
        assertFails(run(tool("div", "", Bodies.DIVIDE_BY_ZERO), "", "{}"), ErrorKind.TRAP);
        assertHealthy();
    }

    @Test
    void outOfBoundsLoadIsATrap() {
        assertFails(run(tool("oob", "", Bodies.OUT_OF_BOUNDS), "", "{}"), ErrorKind.TRAP);
        assertHealthy();
    }

    @Test
    void nonZeroExitReportsTheLastStderrLine() {
        var r = run(tool("exit3", "", Bodies.EXIT_3), "", "{}");
        assertFails(r, ErrorKind.EXIT);
        assertThat(r.message()).isEqualTo("exit 3: bad input: missing x");
    }
}
