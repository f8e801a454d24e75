package dev.nacre.bench;

import dev.nacre.sandbox.ErrorKind;
import dev.nacre.sandbox.Policy;
import dev.nacre.sandbox.Sandbox;
import dev.nacre.sandbox.ToolModule;
import dev.nacre.core.Json;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

/**
 * How late a timeout fires: a guest in an endless loop, a short {@code limits.timeout} and fuel
 * that would last minutes, so only the deadline stops it. Measured from before {@code Sandbox.call}
 * to its return, minus the timeout: an upper bound on (return − deadline), since the sandbox sets
 * its deadline a few microseconds after the call starts.
 */
final class TimeoutBench {
    static final Duration TIMEOUT = Duration.ofMillis(50);
    static final String LATE = "spin.wat (endless empty loop), limits.timeout 50 ms: return − deadline";

    private final WasmIterations iterations;
    private final Sandbox sandbox;

    TimeoutBench(WasmIterations iterations, Sandbox sandbox) {
        this.iterations = iterations;
        this.sandbox = sandbox;
    }

    List<ResultTable.Row> measure() {
        var module = ToolModule.of("spin", Guests.own("spin"));
        var policy = Policy.parse("limits: {timeout: " + TIMEOUT.toMillis() + "ms, fuel: 100000000000}", "bench timeout policy");
        var discard = new Samples();
        for (int i = 0; i < 2; i++) late(module, policy, discard);
        var late = new Samples();
        for (int i = 0; i < iterations.timeoutRuns(); i++) late(module, policy, late);
        return List.of(new ResultTable.Row(LATE, late.stats(), Optional.empty()));
    }

    private void late(ToolModule module, Policy policy, Samples into) {
        long start = System.nanoTime();
        var result = sandbox.call(module, policy, "spin", Json.object().build());
        into.add(System.nanoTime() - start - TIMEOUT.toNanos());
        if (result.error().orElse(null) != ErrorKind.TIMEOUT) {
            throw new IllegalStateException("spin: expected a timeout, got " + (result.ok() ? "ok" : result.error().get() + " " + result.message()));
        }
    }
}
