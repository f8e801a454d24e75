package dev.nacre.fuel;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.nacre.fuel.Guest.Mode;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import run.endive.runtime.TrapException;

class FuelLimitTest {
    private static final byte[] LOOPS = Fuel.instrument(Guest.wat("""
            (module
              (func (export "count") (param $n i32) (result i32) (local $i i32)
                (block $done
                  (loop $next
                    (br_if $done (i32.ge_u (local.get $i) (local.get $n)))
                    (local.set $i (i32.add (local.get $i) (i32.const 1)))
                    (br $next)))
                (local.get $i))
              (func (export "spin") (loop $l (br $l)))
              (func (export "spin_if") (param $x i32)
                (loop $l (br_if $l (i32.eqz (local.get $x)))))
              (func (export "leaf") (param i32) (result i32)
                (drop (br_if 0 (i32.const 7) (local.get 0)))
                (i32.const 9))
              (func $down (export "down") (param i32) (result i32)
                (i32.add (call $down (i32.add (local.get 0) (i32.const 1))) (i32.const 1))))
            """));

    private static final byte[] LOPSIDED = Fuel.instrument(Guest.wat("""
            (module
              (func (export "f") (param $x i32) (result i32)
                (if (result i32) (local.get $x)
                  (then %s)
                  (else (i32.const 0)))))
            """.formatted("(i32.const 1) (i32.const 1) (i32.add) (i32.const 1) (i32.add)".repeat(1)
                    + " (i32.const 1) (i32.add)".repeat(18))));

    @ParameterizedTest
    @EnumSource(Mode.class)
    void fuelUsedGrowsLinearlyWithIterations(Mode mode) {
        Guest guest = Guest.of(LOOPS, mode);
        long ten = guest.fuelUsedBy("count", 10);
        long twenty = guest.fuelUsedBy("count", 20);
        long thirty = guest.fuelUsedBy("count", 30);

        assertThat(twenty - ten).isPositive().isEqualTo(thirty - twenty);
        assertThat(guest.fuelUsedBy("count", 10)).isEqualTo(ten);
        assertThat(Guest.of(LOOPS, mode).fuelUsedBy("count", 10)).isEqualTo(ten);
    }

    @ParameterizedTest
    @EnumSource(Mode.class)
    void countsOneUnitPerInstructionExecuted(Mode mode) {
        Guest guest = Guest.of(LOOPS, mode);
        // Per iteration: block-check (local.get local.get i32.ge_u br_if) + (local.get i32.const
        // i32.add local.set br) = 9 instructions.
        assertThat(guest.fuelUsedBy("count", 11) - guest.fuelUsedBy("count", 10)).isEqualTo(9);
    }

    @ParameterizedTest
    @EnumSource(Mode.class)
    void aBudgetOfExactlyTheCostIsEnoughAndOneLessTraps(Mode mode) {
        Guest guest = Guest.of(LOOPS, mode);
        long cost = guest.fuelUsedBy("count", 100);

        assertThat(guest.fuel(cost).call1("count", 100)).isEqualTo(100);
        assertThat(guest.fuel()).isZero();

        guest.fuel(cost - 1);
        assertThatThrownBy(() -> guest.call("count", 100)).isInstanceOf(TrapException.class);
        assertThat(guest.fuel()).isNegative();
    }

    @ParameterizedTest
    @EnumSource(Mode.class)
    void chargesALoopFreeFunctionItsWorstPathOnEntry(Mode mode) {
        Guest guest = Guest.of(LOOPS, mode);
        // Early exit: i32.const, local.get, br_if, end (4). Fall through: i32.const, local.get, br_if,
        // drop, i32.const, end (6). Both pay the worst path, 6, on entry.
        assertThat(guest.fuelUsedBy("leaf", 1)).isEqualTo(6);
        assertThat(guest.fuelUsedBy("leaf", 0)).isEqualTo(6);

        assertThat(guest.fuel(6).call1("leaf", 1)).isEqualTo(7);
        assertThat(guest.fuel()).isZero();
        guest.fuel(5);
        assertThatThrownBy(() -> guest.call("leaf", 1)).isInstanceOf(TrapException.class);
        assertThat(guest.fuel()).isEqualTo(-1);
    }

    @ParameterizedTest
    @EnumSource(Mode.class)
    void aLopsidedBranchPaysForItsExpensiveSideOnlyWhenTaken(Mode mode) {
        Guest guest = Guest.of(LOPSIDED, mode);
        long cheap = guest.fuelUsedBy("f", 0);
        long expensive = guest.fuelUsedBy("f", 1);
        // Cheap path: local.get, if, i32.const, end, end = 5. The expensive arm (41 instructions,
        // else, end, end) charges itself when it runs.
        assertThat(cheap).isEqualTo(5);
        assertThat(expensive).isBetween(44L, 50L);
        assertThat(Guest.of(LOPSIDED, mode).fuelUsedBy("f", 1)).isEqualTo(expensive);
    }

    @ParameterizedTest
    @EnumSource(Mode.class)
    void stopsAnInfiniteBranchLoop(Mode mode) {
        Guest guest = Guest.of(LOOPS, mode).fuel(1_000_000);
        assertThatThrownBy(() -> guest.call("spin")).isInstanceOf(TrapException.class);
        assertThat(guest.fuel()).isNegative();
    }

    @ParameterizedTest
    @EnumSource(Mode.class)
    void stopsAnInfiniteConditionalBranchLoop(Mode mode) {
        Guest guest = Guest.of(LOOPS, mode).fuel(1_000_000);
        assertThatThrownBy(() -> guest.call("spin_if", 0)).isInstanceOf(TrapException.class);
        assertThat(guest.fuel()).isNegative();
    }

    @ParameterizedTest
    @EnumSource(Mode.class)
    void stopsInfiniteRecursionByFuelWhenTheBudgetIsSmall(Mode mode) {
        Guest guest = Guest.of(LOOPS, mode).fuel(1_000);
        assertThatThrownBy(() -> guest.call("down", 0)).isInstanceOf(TrapException.class);
        assertThat(guest.fuel()).isNegative();
    }

    @ParameterizedTest
    @EnumSource(Mode.class)
    void infiniteRecursionWithAHugeBudgetIsStillContained(Mode mode) {
        Guest guest = Guest.of(LOOPS, mode).fuel(Long.MAX_VALUE);
        assertThatThrownBy(() -> guest.call("down", 0)).isInstanceOf(RuntimeException.class);
    }
}
