package dev.nacre.fuel;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.nacre.fuel.Guest.Mode;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import run.endive.runtime.HostFunction;
import run.endive.runtime.ImportValues;
import run.endive.runtime.TrapException;
import run.endive.wasm.Parser;
import run.endive.wasm.types.FunctionType;
import run.endive.wasm.types.OpCode;
import run.endive.wasm.types.ValType;

/**
 * Calls to helpers of static cost are paid by the caller and go to unmetered copies; everything
 * else (recursion, host imports, helpers with loops or lopsided branches) stays metered in the callee.
 */
class StaticCostTest {
    /** $sum's loop calls $scale, which calls $add1: both static. $fact recurses, $host calls an import, $skewed is lopsided. */
    private static final String WAT = """
            (module
              (import "env" "tick" (func $tick))
              (func $add1 (param i32) (result i32) (i32.add (local.get 0) (i32.const 1)))
              (func $scale (param i32) (result i32) (i32.mul (call $add1 (local.get 0)) (i32.const 3)))
              (func $fact (param i32) (result i32)
                (if (result i32) (i32.le_s (local.get 0) (i32.const 1)) (then (i32.const 1))
                  (else (i32.mul (local.get 0) (call $fact (i32.sub (local.get 0) (i32.const 1)))))))
              (func $host (param i32) (result i32) (call $tick) (local.get 0))
              (func $skewed (param i32) (result i32)
                (if (result i32) (i32.eqz (local.get 0)) (then (i32.const 0))
                  (else (i32.add (i32.mul (i32.add (local.get 0) (i32.const 1)) (i32.add (local.get 0) (i32.const 2)))
                    (i32.mul (i32.add (local.get 0) (i32.const 3)) (i32.add (local.get 0) (i32.const 4)))))))
              (func (export "sum") (param $n i32) (result i32) (local $i i32) (local $s i32)
                (loop $next
                  (local.set $s (i32.add (local.get $s) (call $scale (local.get $i))))
                  (local.set $s (i32.add (local.get $s) (call $skewed (i32.and (local.get $i) (i32.const 1)))))
                  (local.set $s (i32.add (local.get $s) (call $host (call $fact (i32.const 5)))))
                  (local.set $i (i32.add (local.get $i) (i32.const 1)))
                  (br_if $next (i32.lt_u (local.get $i) (local.get $n))))
                (local.get $s))
              (export "scale" (func $scale)))
            """;
    private static final byte[] ORIGINAL = Guest.wat(WAT);
    private static final byte[] METERED = Fuel.instrument(ORIGINAL);
    private static final int IMPORTS = 1;
    private static final int ADD1 = 1;
    private static final int SCALE = 2;

    private static ImportValues tick() {
        var tick = new HostFunction("env", "tick", FunctionType.of(List.of(), List.of()), (instance, args) -> null);
        return ImportValues.builder().addFunction(tick).build();
    }

    @Test
    void copiesExactlyTheHelpersOfStaticCostAndSendsTheirDirectCallsThere() {
        var before = Parser.parse(ORIGINAL);
        var after = Parser.parse(METERED);
        int defined = before.functionSection().functionCount();
        // $fact, $host and $skewed are not static, but prepaid: they get a copy too (PrepaidEntryTest).
        assertThat(after.functionSection().functionCount()).as("copies of $add1, $scale, $fact, $host and $skewed")
                .isEqualTo(defined + 5);
        int add1Copy = IMPORTS + defined;
        int scaleCopy = IMPORTS + defined + 1;
        assertThat(after.functionSection().getFunctionType(defined)).isEqualTo(before.functionSection().getFunctionType(ADD1 - IMPORTS));
        assertThat(calls(after, scaleCopy - IMPORTS)).as("the copy of $scale calls the copy of $add1").containsExactly((long) add1Copy);
        assertThat(calls(after, SCALE - IMPORTS)).as("the metered $scale, kept for exports, too").containsExactly((long) add1Copy);
        assertThat(calls(after, defined - 1)).as("the loop").contains((long) scaleCopy).doesNotContain((long) SCALE);
        assertThat(after.codeSection().getFunctionBody(scaleCopy - IMPORTS).instructions().stream()
                .anyMatch(i -> i.opcode() == OpCode.GLOBAL_GET || i.opcode() == OpCode.GLOBAL_SET))
                .as("copies never touch the fuel").isFalse();
    }

    @ParameterizedTest
    @EnumSource(Mode.class)
    void theCallerPaysForWhatTheCopiesRunAndTheResultsAreTheSame(Mode mode) {
        var counted = InstructionCountTest.Counted.of(ORIGINAL, tick());
        Guest plain = Guest.of(ORIGINAL, mode, tick());
        Guest metered = Guest.of(METERED, mode, tick());
        for (int n : new int[] {1, 2, 10, 100}) {
            long executed = counted.count("sum", n);
            assertThat(metered.call1("sum", n)).isEqualTo(plain.call1("sum", n));
            assertThat(metered.fuelUsedBy("sum", n)).as("sum(%d)", n).isGreaterThanOrEqualTo(executed)
                    .isLessThanOrEqualTo(2 * executed + 40);
        }
        // The exported metered $scale charges for itself and its callee, as its copy's callers do.
        long executed = counted.count("scale", 4);
        assertThat(metered.fuelUsedBy("scale", 4)).isGreaterThanOrEqualTo(executed).isLessThanOrEqualTo(2 * executed + 10);
    }

    @Test
    void usesTheSameFuelInTheInterpreterAndTheCompiler() {
        Guest interpreted = Guest.of(METERED, Mode.INTERPRETER, tick());
        Guest compiled = Guest.of(METERED, Mode.COMPILER, tick());
        assertThat(compiled.fuelUsedBy("sum", 1000)).isEqualTo(interpreted.fuelUsedBy("sum", 1000));
    }

    @ParameterizedTest
    @EnumSource(Mode.class)
    void aLoopOfStaticCallsStillRunsOutOfFuel(Mode mode) {
        Guest guest = Guest.of(METERED, mode, tick()).fuel(5_000);
        assertThatThrownBy(() -> guest.call("sum", 1_000_000)).isInstanceOf(TrapException.class);
        assertThat(guest.fuel()).isNegative();
    }

    @Test
    void helpersWhoseCostWouldPassTheCapStayMetered() {
        // Level l calls level l-1 twice: it costs 6 * 2^l - 4, so the levels above the cap (and
        // everything that calls them) keep charging for themselves instead of overflowing a sum.
        int levels = 45;
        var wat = new StringBuilder("(module (func $l0 (export \"l0\") (result i32) (i32.const 1))\n");
        for (int l = 1; l < levels; l++) {
            wat.append("(func $l%d (export \"l%d\") (result i32) (i32.add (call $l%d) (call $l%d)))\n".formatted(l, l, l - 1, l - 1));
        }
        byte[] metered = Fuel.instrument(Guest.wat(wat + ")"));
        int staticLevels = 0;
        while (6 * (1L << staticLevels) - 4 <= StaticCosts.CAP) {
            staticLevels++;
        }
        assertThat(staticLevels).isBetween(30, levels - 1);
        assertThat(Parser.parse(metered).functionSection().functionCount()).isEqualTo(levels + staticLevels);
        Guest guest = Guest.of(metered, Mode.COMPILER);
        assertThat(guest.call1("l10")).isEqualTo(1024);
        assertThat(guest.fuelUsedBy("l10")).isEqualTo(6 * 1024 - 4);
    }

    private static List<Long> calls(run.endive.wasm.WasmModule module, int body) {
        return module.codeSection().getFunctionBody(body).instructions().stream()
                .filter(i -> i.opcode() == OpCode.CALL).map(i -> i.operand(0)).toList();
    }
}
