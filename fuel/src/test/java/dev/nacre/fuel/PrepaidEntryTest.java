package dev.nacre.fuel;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.nacre.fuel.Guest.Mode;
import java.util.HexFormat;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import run.endive.runtime.HostFunction;
import run.endive.runtime.ImportValues;
import run.endive.runtime.TrapException;
import run.endive.wasm.Parser;
import run.endive.wasm.WasmModule;
import run.endive.wasm.types.AnnotatedInstruction;
import run.endive.wasm.types.FunctionType;
import run.endive.wasm.types.OpCode;

/**
 * A function without loops whose first straight-line code calls no other defined function has its
 * entry paid by its direct callers, who call a copy without the entry charge; a charge point goes
 * before its first call on every path, so recursion still pays on every level but the leaves.
 */
class PrepaidEntryTest {
    /**
     * $fib has its calls in one arm (the shape of fib.wat); $walk returns early through a br_if
     * (the shape clang gives an early return); $always calls first thing, so it is not prepaid;
     * $ping and $pong recurse into each other; $paid calls only an import.
     */
    private static final String WAT = """
            (module
              (import "env" "burn" (func $burn (param i64)))
              (func $fib (export "fib") (param $n i32) (result i32)
                (if (result i32) (i32.lt_u (local.get $n) (i32.const 2))
                  (then (local.get $n))
                  (else (i32.add (call $fib (i32.sub (local.get $n) (i32.const 1)))
                                 (call $fib (i32.sub (local.get $n) (i32.const 2)))))))
              (func $walk (export "walk") (param $n i32) (result i32)
                (block $done
                  (br_if $done (i32.eqz (local.get $n)))
                  (return (i32.add (i32.const 1) (call $walk (i32.shr_u (local.get $n) (i32.const 1))))))
                (i32.const 0))
              (func $always (export "always") (param $n i32) (result i32)
                (i32.add (call $fib (local.get $n)) (i32.const 1)))
              (func $ping (export "ping") (param $n i32) (result i32)
                (if (result i32) (i32.eqz (local.get $n)) (then (i32.const 7))
                  (else (call $pong (i32.sub (local.get $n) (i32.const 1))))))
              (func $pong (param $n i32) (result i32)
                (call $ping (local.get $n)))
              (func $paid (export "paid") (param $n i64) (result i32)
                (call $burn (local.get $n)) (i32.const 1))
              (func (export "twice") (param $n i64) (result i32)
                (i32.add (call $paid (local.get $n)) (call $paid (local.get $n)))))
            """;
    private static final byte[] ORIGINAL = Guest.wat(WAT);
    private static final byte[] METERED = Fuel.instrument(ORIGINAL);
    private static final int IMPORTS = 1;
    private static final int FIB = 1;
    private static final int WALK = 2;
    private static final int ALWAYS = 3;
    private static final int PING = 4;
    private static final int PONG = 5;
    private static final int PAID = 6;

    /**
     * Built with wabt's {@code wat2wasm --enable-tail-call} (the wabt bundled for tests has no tail
     * calls) from:
     * <pre>
     * (module
     *   (func $spin (param $n i32) (result i32)
     *     (return_call $spin (i32.add (local.get $n) (i32.const 1))))
     *   (func (export "spin") (result i32) (call $spin (i32.const 0))))
     * </pre>
     */
    private static final byte[] SPIN = HexFormat.of().parseHex("0061736d01000000010a0260017f017f6000017f0303020001070801047370696e"
            + "00010a12020900200041016a12000b0600410010000b");

    /** The host function charges its argument in fuel, as a host may. */
    private static ImportValues burn() {
        var burn = new HostFunction("env", "burn", FunctionType.of(List.of(run.endive.wasm.types.ValType.I64), List.of()),
                (instance, args) -> {
                    var fuel = instance.exports().global(Fuel.GLOBAL);
                    fuel.setValue(fuel.getValue() - args[0]);
                    return null;
                });
        return ImportValues.builder().addFunction(burn).build();
    }

    @Test
    void prepaidFunctionsGetACopyWithoutTheEntryChargeAndTheirDirectCallsGoThere() {
        WasmModule before = Parser.parse(ORIGINAL);
        WasmModule after = Parser.parse(METERED);
        int defined = before.functionSection().functionCount();
        // Copies, in index order: $fib, $walk, $ping and $paid, whose first straight-line code calls
        // no defined function ($always, $pong and "twice" do, at once).
        List<Integer> copied = List.of(FIB, WALK, PING, PAID);
        assertThat(after.functionSection().functionCount()).isEqualTo(defined + copied.size());
        int fibCopy = IMPORTS + defined + copied.indexOf(FIB);
        int pingCopy = IMPORTS + defined + copied.indexOf(PING);

        assertThat(startsWithCharge(after, FIB)).as("the original, which exports name, charges its entry").isTrue();
        assertThat(startsWithCharge(after, fibCopy)).as("the copy does not").isFalse();
        assertThat(calls(after, fibCopy)).containsExactly((long) fibCopy, (long) fibCopy);
        assertThat(calls(after, FIB)).containsExactly((long) fibCopy, (long) fibCopy);
        assertThat(calls(after, ALWAYS)).as("a caller that is not prepaid calls copies too").containsExactly((long) fibCopy);
        assertThat(startsWithCharge(after, ALWAYS)).isTrue();
        assertThat(calls(after, PONG)).containsExactly((long) pingCopy);
        assertThat(after.exportSection().getExport(0).index()).isEqualTo(FIB);
    }

    @Test
    void aTailCallGoesToTheOriginalWhichCharges() {
        WasmModule after = Parser.parse(Fuel.instrument(SPIN));
        assertThat(after.functionSection().functionCount()).as("a copy of $spin only").isEqualTo(3);
        assertThat(tailCalls(after, 2)).as("the copy's tail call").containsExactly(0L);
        assertThat(calls(after, 1 + IMPORTS)).as("the export's call").containsExactly(2L);
    }

    @ParameterizedTest
    @EnumSource(Mode.class)
    void recursionPaysAtLeastWhatItRunsAndTheResultsAreTheSame(Mode mode) {
        var counted = InstructionCountTest.Counted.of(ORIGINAL, burn());
        Guest plain = Guest.of(ORIGINAL, mode, burn());
        Guest metered = Guest.of(METERED, mode, burn());
        for (String export : List.of("fib", "walk", "always", "ping")) {
            for (int n : new int[] {0, 1, 2, 3, 10, 20}) {
                long executed = counted.count(export, n);
                assertThat(metered.call1(export, n)).isEqualTo(plain.call1(export, n));
                assertThat(metered.fuelUsedBy(export, n)).as("%s(%d)", export, n)
                        .isGreaterThanOrEqualTo(executed).isLessThanOrEqualTo(2 * executed + 20);
            }
        }
    }

    @Test
    void usesTheSameFuelInTheInterpreterAndTheCompiler() {
        Guest interpreted = Guest.of(METERED, Mode.INTERPRETER, burn());
        Guest compiled = Guest.of(METERED, Mode.COMPILER, burn());
        for (String export : List.of("fib", "walk", "always", "ping")) {
            assertThat(compiled.fuelUsedBy(export, 15)).as(export).isEqualTo(interpreted.fuelUsedBy(export, 15));
        }
    }

    @ParameterizedTest
    @EnumSource(Mode.class)
    void recursionThatOnlyTheCopiesRunStillRunsOutOfFuel(Mode mode) {
        Guest fib = Guest.of(METERED, mode, burn()).fuel(10_000);
        assertThatThrownBy(() -> fib.call("fib", 40)).isInstanceOf(TrapException.class);
        assertThat(fib.fuel()).isNegative();
        Guest ping = Guest.of(METERED, mode, burn()).fuel(2_000);
        assertThatThrownBy(() -> ping.call("ping", 1_000_000)).isInstanceOf(TrapException.class);
        assertThat(ping.fuel()).isNegative();
    }

    @Test
    void aTailCallLoopThroughAPrepaidCopyStillRunsOutOfFuel() {
        // Compiled mode only: Endive 1.0.0's interpreter fails return_call into a function with locals.
        Guest guest = Guest.of(Fuel.instrument(SPIN), Mode.COMPILER).fuel(100_000);
        assertThatThrownBy(() -> guest.call("spin")).isInstanceOf(TrapException.class);
        assertThat(guest.fuel()).isNegative();
    }

    @ParameterizedTest
    @EnumSource(Mode.class)
    void whatAHostFunctionChargesInsideAPrepaidCopyIsKept(Mode mode) {
        Guest guest = Guest.of(METERED, mode, burn());
        long base = guest.fuelUsedBy("twice", 0);
        assertThat(guest.fuelUsedBy("twice", 1_000)).isEqualTo(base + 2_000);
        // Nothing in the guest checks after the host's charge, so the host sees the overrun.
        guest.fuel(base + 1_500);
        guest.call("twice", 1_000);
        assertThat(guest.fuel()).isEqualTo(-500);
    }

    private static boolean startsWithCharge(WasmModule module, int function) {
        return body(module, function).getFirst().opcode() == OpCode.GLOBAL_GET;
    }

    private static List<Long> calls(WasmModule module, int function) {
        return body(module, function).stream().filter(i -> i.opcode() == OpCode.CALL).map(i -> i.operand(0)).toList();
    }

    private static List<Long> tailCalls(WasmModule module, int function) {
        return module.codeSection().getFunctionBody(function).instructions().stream().filter(i -> i.opcode() == OpCode.RETURN_CALL).map(i -> i.operand(0)).toList();
    }

    private static List<AnnotatedInstruction> body(WasmModule module, int function) {
        return module.codeSection().getFunctionBody(function - IMPORTS).instructions();
    }
}
