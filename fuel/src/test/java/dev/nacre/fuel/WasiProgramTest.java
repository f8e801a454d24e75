package dev.nacre.fuel;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.nacre.fuel.Guest.Mode;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import run.endive.runtime.TrapException;

/** A C program built with clang for wasm32-wasi (libc, printf, qsort) runs metered. */
class WasiProgramTest {
    private static final byte[] ORIGINAL = Resources.benchWasm();
    private static final byte[] METERED = Fuel.instrument(ORIGINAL);

    @ParameterizedTest
    @EnumSource(Mode.class)
    void printsWhatTheOriginalPrintsAndReportsTheSameFuelEveryRun(Mode mode) {
        String expected = run(ORIGINAL, mode, -1).output;
        Run first = run(METERED, mode, 1L << 40);
        Run second = run(METERED, mode, 1L << 40);

        assertThat(first.output).isEqualTo(expected).startsWith("fib(20)=6765 sieve(100000)=9592");
        assertThat(first.used).isPositive().isEqualTo(second.used);
    }

    @Test
    void usesTheSameFuelInTheInterpreterAndCompiled() {
        assertThat(run(METERED, Mode.INTERPRETER, 1L << 40).used).isEqualTo(run(METERED, Mode.COMPILER, 1L << 40).used);
    }

    @ParameterizedTest
    @EnumSource(Mode.class)
    void stopsTheProgramWhenTheBudgetRunsOut(Mode mode) {
        Guest guest = Guest.wasi(METERED, mode, new ByteArrayOutputStream()).fuel(100_000);
        assertThatThrownBy(() -> guest.call("_start")).isInstanceOf(TrapException.class);
        assertThat(guest.fuel()).isNegative();
    }

    @ParameterizedTest
    @EnumSource(Mode.class)
    void exportedFunctionsReturnTheSameResults(Mode mode) {
        Guest original = Guest.wasi(ORIGINAL, mode, new ByteArrayOutputStream());
        Guest metered = Guest.wasi(METERED, mode, new ByteArrayOutputStream()).fuel(Long.MAX_VALUE);
        for (String export : new String[] {"fib", "sieve", "sort", "arith"}) {
            assertThat(metered.call(export, 18)).as(export).containsExactly(original.call(export, 18));
        }
    }

    private record Run(String output, long used) {}

    private static Run run(byte[] wasm, Mode mode, long budget) {
        var stdout = new ByteArrayOutputStream();
        Guest guest = Guest.wasi(wasm, mode, stdout);
        if (budget >= 0) {
            guest.fuel(budget);
        }
        try {
            guest.call("_start");
        } catch (run.endive.wasi.WasiExitException e) {
            assertThat(e.exitCode()).isZero();
        }
        return new Run(stdout.toString(StandardCharsets.UTF_8), budget < 0 ? 0 : budget - guest.fuel());
    }
}
