package dev.nacre.fuel;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.nacre.fuel.Guest.Mode;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import run.endive.runtime.HostFunction;
import run.endive.runtime.ImportValues;
import run.endive.runtime.Instance;
import run.endive.runtime.TrapException;
import run.endive.wasm.types.FunctionType;
import run.endive.wasm.types.ValType;

/** Host functions stay callable, see the fuel flushed when they run, and may charge fuel themselves. */
class HostCallTest {
    private static final byte[] METERED = Fuel.instrument(Guest.wat("""
            (module
              (import "env" "observe" (func $observe (param i32) (result i32)))
              (import "env" "charge" (func $charge (param i64)))
              (func (export "observe_loop") (param $n i32) (result i32) (local $i i32) (local $sum i32)
                (loop $next
                  (local.set $sum (i32.add (local.get $sum) (call $observe (local.get $i))))
                  (local.set $i (i32.add (local.get $i) (i32.const 1)))
                  (br_if $next (i32.lt_u (local.get $i) (local.get $n))))
                (local.get $sum))
              (func (export "charge_loop") (param $n i32) (param $cost i64) (local $i i32)
                (loop $next
                  (call $charge (local.get $cost))
                  (local.set $i (i32.add (local.get $i) (i32.const 1)))
                  (br_if $next (i32.lt_u (local.get $i) (local.get $n))))))
            """));

    private final List<Long> observed = new ArrayList<>();

    private Guest guest(Mode mode) {
        var observe = new HostFunction("env", "observe", FunctionType.of(List.of(ValType.I32), List.of(ValType.I32)),
                (Instance instance, long... args) -> {
                    observed.add(fuelOf(instance));
                    return new long[] {args[0] * 2};
                });
        var charge = new HostFunction("env", "charge", FunctionType.of(List.of(ValType.I64), List.of()),
                (Instance instance, long... args) -> {
                    instance.exports().global(Fuel.GLOBAL).setValue(fuelOf(instance) - args[0]);
                    return null;
                });
        return Guest.of(METERED, mode, ImportValues.builder().addFunction(observe, charge).build());
    }

    private static long fuelOf(Instance instance) {
        return instance.exports().global(Fuel.GLOBAL).getValue();
    }

    @ParameterizedTest
    @EnumSource(Mode.class)
    void hostFunctionsSeeTheFuelFlushedBeforeEachCall(Mode mode) {
        Guest guest = guest(mode).fuel(1_000_000);

        assertThat(guest.call1("observe_loop", 5)).isEqualTo(2 * (0 + 1 + 2 + 3 + 4));

        assertThat(observed).hasSize(5).isSortedAccordingTo((a, b) -> Long.compare(b, a));
        long step = observed.get(0) - observed.get(1);
        assertThat(step).isPositive();
        for (int i = 1; i < observed.size(); i++) {
            assertThat(observed.get(i - 1) - observed.get(i)).isEqualTo(step);
        }
        assertThat(observed.getLast()).isGreaterThan(guest.fuel());
    }

    @ParameterizedTest
    @EnumSource(Mode.class)
    void fuelAHostFunctionChargesCountsAsUsed(Mode mode) {
        Guest guest = guest(mode);
        long free = guest.fuelUsedBy("charge_loop", 10, 0);
        long charged = guest.fuelUsedBy("charge_loop", 10, 1000);
        assertThat(charged - free).isEqualTo(10 * 1000);
    }

    @ParameterizedTest
    @EnumSource(Mode.class)
    void aHostFunctionThatExhaustsTheFuelStopsTheGuest(Mode mode) {
        Guest guest = guest(mode).fuel(5_000);
        assertThatThrownBy(() -> guest.call("charge_loop", 1_000_000, 1000)).isInstanceOf(TrapException.class);
        assertThat(guest.fuel()).isNegative();
    }
}
