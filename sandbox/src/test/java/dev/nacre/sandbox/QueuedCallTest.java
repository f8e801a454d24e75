package dev.nacre.sandbox;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;
import run.endive.runtime.HostFunction;

/** A run whose task is still queued when its deadline passes: it ran nothing, and never will. */
class QueuedCallTest extends SandboxFixture {

    @Test
    void aRunThatNeverStartedTimesOutAtOnceAndNeverStartsLate() throws Exception {
        var worker = Executors.newSingleThreadExecutor();
        var blocker = new CountDownLatch(1);
        try {
            worker.submit(() -> {
                blocker.await();
                return null;
            });
            // The guest's first act is a host call that says it started.
            var started = new AtomicBoolean();
            var log = new HostFunction(ModuleCheck.NACRE, "log", ModuleCheck.NACRE_FUNCTIONS.get("log"), (instance, args) -> {
                started.set(true);
                return null;
            });
            var module = tool("log", "(import \"nacre\" \"log\" (func $log (param i32 i32 i32)))",
                    "(func $call (call $log (i32.const 1) (i32.const 0) (i32.const 0)))");
            var code = sandbox.code().compiled(module);
            var setup = new Execution.Setup(List.of("log", "call", "run"), "{}".getBytes(), Map.of(), null,
                    new VirtualClock(Instant.EPOCH), 1, Limits.DEFAULTS, List.of(log), System.nanoTime() + 50_000_000L);

            var outcome = Execution.run(code, setup, worker);

            assertThat(outcome.failure()).contains(ErrorKind.TIMEOUT);
            assertThat(outcome.message()).as("nothing ran, so nothing failed to stop").doesNotContain("did not stop");
            assertThat(outcome.fuelUsed()).isZero();
            assertThat(outcome.fuelPartial()).as("nothing ran: zero is the whole count").isFalse();

            blocker.countDown();
            worker.shutdown();
            assertThat(worker.awaitTermination(10, TimeUnit.SECONDS)).isTrue();
            assertThat(started).as("the queued task, run late, did not start the guest").isFalse();
        } finally {
            blocker.countDown();
            worker.shutdownNow();
        }
    }
}
