package dev.nacre.fuel;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.nacre.fuel.Guest.Mode;
import java.util.HexFormat;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import run.endive.runtime.TrapException;

/** Post-MVP instructions: bulk memory, tail calls, SIMD. */
class FeatureTest {

    @ParameterizedTest
    @EnumSource(Mode.class)
    void bulkMemoryCostsOneUnitPerByte(Mode mode) {
        Guest guest = Guest.of(Fuel.instrument(Guest.wat("""
                (module (memory 1) (data $d "0123456789")
                  (func (export "fill") (param i32) (memory.fill (i32.const 0) (i32.const 1) (local.get 0)))
                  (func (export "copy") (param i32) (memory.copy (i32.const 0) (i32.const 100) (local.get 0)))
                  (func (export "init") (param i32) (memory.init $d (i32.const 0) (i32.const 0) (local.get 0))))
                """)), mode);
        for (String export : new String[] {"fill", "copy", "init"}) {
            assertThat(guest.fuelUsedBy(export, 10) - guest.fuelUsedBy(export, 3)).as(export).isEqualTo(7);
        }
        assertThat(guest.fuelUsedBy("fill", 60_000) - guest.fuelUsedBy("fill", 0)).isEqualTo(60_000);
    }

    /**
     * Built with wabt's {@code wat2wasm --enable-tail-call} (the wabt bundled for tests has no tail
     * calls) from:
     * <pre>
     * (module
     *   (func $ping (export "ping") (param i32) (result i32)
     *     (return_call $pong (i32.add (local.get 0) (i32.const 1))))
     *   (func $pong (param i32) (result i32)
     *     (if (result i32) (i32.eqz (local.get 0)) (then (i32.const 7))
     *       (else (return_call $ping (local.get 0)))))
     *   (func (export "count") (param i32) (result i32)
     *     (if (result i32) (i32.eqz (local.get 0)) (then (i32.const 99))
     *       (else (return_call 2 (i32.sub (local.get 0) (i32.const 1)))))))
     * </pre>
     */
    private static final byte[] TAIL_CALLS = HexFormat.of().parseHex(
            "0061736d0100000001060160017f017f0304030000000710020470696e67000005636f756e7400020a2f030900200041016a"
                    + "12010b0f00200045047f410705200012000b0b1300200045047f41e30005200041016b12020b0b");

    /**
     * Assembled by hand (no wabt here knows try_table):
     * <pre>
     * (module (tag $t)
     *   (func $burn (local $i i32)
     *     (loop $l (br_if $l (i32.lt_u (local.tee $i (i32.add (local.get $i) (i32.const 1))) (i32.const 100))))
     *     (throw $t))
     *   (func (export "catch_loop") (param $n i32) (result i32) (local $i i32)
     *     (loop $l
     *       (block $h (try_table (catch_all $h) (call $burn)))
     *       (br_if $l (i32.lt_u (local.tee $i (i32.add (local.get $i) (i32.const 1))) (local.get $n))))
     *     (local.get $i)))
     * </pre>
     */
    private static final byte[] EXCEPTIONS = HexFormat.of().parseHex(
            "0061736d0100000001090260000060017f017f03030200010d03010000070e010a63617463685f6c6f6f7000010a3902"
                    + "1601017f0340200041016a220041e400490d000b08000b2001017f034002401f4001020010000b0b200141016a"
                    + "22012000490d000b20010b");

    /**
     * Compiled mode only: Endive 1.0.0's interpreter fails a {@code return_call} whose target
     * declares locals (ArrayIndexOutOfBoundsException in StackFrame.reset, with or without fuel),
     * and metering gives every function a local.
     */
    @ParameterizedTest
    @EnumSource(value = Mode.class, names = "COMPILER")
    void tailCallsGiveTheSameResults(Mode mode) {
        Guest original = Guest.of(TAIL_CALLS, mode);
        Guest metered = Guest.of(Fuel.instrument(TAIL_CALLS), mode).fuel(1_000_000);
        assertThat(metered.call1("count", 1000)).isEqualTo(original.call1("count", 1000)).isEqualTo(99);
        assertThat(metered.fuelUsedBy("count", 20) - metered.fuelUsedBy("count", 10)).isPositive()
                .isEqualTo(metered.fuelUsedBy("count", 30) - metered.fuelUsedBy("count", 20));
    }

    @ParameterizedTest
    @EnumSource(Mode.class)
    void stopsAnEndlessTailCallLoop(Mode mode) {
        // Tail calls do not grow the stack: only fuel stops this.
        Guest guest = Guest.of(Fuel.instrument(TAIL_CALLS), mode).fuel(1_000_000);
        assertThatThrownBy(() -> guest.call("ping", 1)).isInstanceOf(TrapException.class);
        assertThat(guest.fuel()).isNegative();
    }

    @ParameterizedTest
    @EnumSource(Mode.class)
    void fuelUsedBeforeAnExceptionIsKeptWhenItIsCaught(Mode mode) {
        Guest original = Guest.of(EXCEPTIONS, mode);
        Guest metered = Guest.of(Fuel.instrument(EXCEPTIONS), mode);
        assertThat(metered.fuel(1_000_000).call1("catch_loop", 5)).isEqualTo(original.call1("catch_loop", 5));

        long perCatch = metered.fuelUsedBy("catch_loop", 3) - metered.fuelUsedBy("catch_loop", 2);
        // $burn's loop alone runs 100 iterations of 7 instructions before it throws.
        assertThat(perCatch).isGreaterThan(700)
                .isEqualTo(metered.fuelUsedBy("catch_loop", 4) - metered.fuelUsedBy("catch_loop", 3));

        metered.fuel(10 * perCatch);
        assertThatThrownBy(() -> metered.call("catch_loop", 1_000_000)).isInstanceOf(TrapException.class);
        assertThat(metered.fuel()).isNegative();
    }

    @Test
    void rejectsSimdWhichEndiveCannotRun() {
        byte[] simd = Guest.wat("""
                (module (func (export "dot") (param i32) (result i32)
                  (i32x4.extract_lane 2 (i32x4.mul (i32x4.splat (local.get 0)) (i32x4.splat (i32.const 3))))))
                """);
        assertThatThrownBy(() -> Fuel.instrument(simd))
                .isInstanceOf(FuelException.class)
                .hasMessageContaining("SIMD");
    }
}
