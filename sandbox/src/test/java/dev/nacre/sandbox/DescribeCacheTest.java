package dev.nacre.sandbox;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;

/** Finding 8: describe is not computed under the cache's lock, and only deterministic failures are cached. */
class DescribeCacheTest extends SandboxFixture {
    static final String TRAP_MODULE = """
        (module
          (memory (export "memory") 1)
          (func (export "_start") unreachable))
        """;

    @Test
    void answersAreCached() {
        assertThat(sandbox.describe(echo)).hasSize(1);
        assertThat(sandbox.describeCached(echo)).isTrue();
    }

    @Test
    void aDescribeThatTrapsIsNotCached() {
        var trap = Guests.module("trap", Guests.wat(TRAP_MODULE));
        for (int i = 0; i < 2; i++) {
            assertThatThrownBy(() -> sandbox.describe(trap))
                    .isInstanceOfSatisfying(SandboxException.class, e -> assertThat(e.kind()).isEqualTo(ErrorKind.INVALID_MODULE))
                    .hasMessageContaining("trap");
            assertThat(sandbox.describeCached(trap)).isFalse();
        }
        assertHealthy();
    }

    @Test
    void aDescribeWithInvalidOutputIsCached() {
        var bad = Guests.module("bad", Guests.tool("not json", "", Bodies.SILENT));
        assertThatThrownBy(() -> sandbox.describe(bad)).hasMessageContaining("not JSON");
        assertThat(sandbox.describeCached(bad)).isTrue();
        assertThatThrownBy(() -> sandbox.describe(bad)).hasMessageContaining("not JSON");
    }

    @Test
    void onlyDeterministicFailuresAreCacheable() {
        var failure = new SandboxException(ErrorKind.INVALID_MODULE, "x");
        assertThat(new Sandbox.Described(List.of(), failure, ErrorKind.TIMEOUT).cacheable()).isFalse();
        assertThat(new Sandbox.Described(List.of(), failure, ErrorKind.FUEL_EXHAUSTED).cacheable()).isFalse();
        assertThat(new Sandbox.Described(List.of(), failure, ErrorKind.TRAP).cacheable()).isFalse();
        assertThat(new Sandbox.Described(List.of(), failure, ErrorKind.INVALID_OUTPUT).cacheable()).isTrue();
        assertThat(new Sandbox.Described(List.of(), failure, ErrorKind.INVALID_MODULE).cacheable()).isTrue();
        assertThat(new Sandbox.Described(List.of(), null, null).cacheable()).isTrue();
    }

    @Test
    void concurrentDescribesOfDifferentModulesDoNotBlockEachOther() throws Exception {
        // a slow describe (spins until its timeout) of one module must not hold up others
        var slow = Guests.module("slow", Guests.wat("""
            (module
              (memory (export "memory") 1)
              (func (export "_start") (loop $l (br $l))))
            """));
        try (var pool = Executors.newFixedThreadPool(2)) {
            Future<?> spinning = pool.submit(() -> {
                try {
                    sandbox.describe(slow);
                } catch (SandboxException expected) {
                    // fuel or timeout: either way not cached
                }
            });
            Thread.sleep(200);
            long start = System.nanoTime();
            var tasks = new ArrayList<Callable<Integer>>();
            tasks.add(() -> sandbox.describe(echo).size());
            assertThat(pool.invokeAll(tasks).getFirst().get()).isEqualTo(1);
            assertThat((System.nanoTime() - start) / 1_000_000).isLessThan(5000);
            spinning.get();
            assertThat(sandbox.describeCached(slow)).isFalse();
        }
    }
}
