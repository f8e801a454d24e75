package dev.nacre.fuel;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.nacre.fuel.Guest.Mode;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import run.endive.runtime.GlobalInstance;
import run.endive.runtime.ImportGlobal;
import run.endive.runtime.ImportValues;
import run.endive.wasm.types.MutabilityType;
import run.endive.wasm.types.ValType;

/** An instrumented module computes what the original computes, and traps where it traps. */
class SameResultsTest {
    private static final byte[] ORIGINAL = Guest.wat("""
            (module
              (import "env" "base" (global $base i32))
              (type $pair (func (param i32) (result i32 i32)))
              (type $binop (func (param i32 i32) (result i32)))
              (memory 1)
              (data (i32.const 16) "hello")
              (table 3 funcref)
              (elem (i32.const 0) $add $sub $mul)
              (global $started (mut i32) (i32.const 0))
              (start $init)
              (func $init (global.set $started (i32.const 42)))
              (func $add (type $binop) (i32.add (local.get 0) (local.get 1)))
              (func $sub (type $binop) (i32.sub (local.get 0) (local.get 1)))
              (func $mul (type $binop) (i32.mul (local.get 0) (local.get 1)))
              (func $fib (export "fib") (param $n i32) (result i32)
                (if (result i32) (i32.lt_u (local.get $n) (i32.const 2))
                  (then (local.get $n))
                  (else (i32.add (call $fib (i32.sub (local.get $n) (i32.const 1)))
                                 (call $fib (i32.sub (local.get $n) (i32.const 2)))))))
              (func (export "started") (result i32) (global.get $started))
              (func (export "base") (param i32) (result i32) (i32.add (global.get $base) (local.get 0)))
              (func (export "apply") (param $op i32) (param $a i32) (param $b i32) (result i32)
                (call_indirect (type $binop) (local.get $a) (local.get $b) (local.get $op)))
              (func (export "classify") (param i32) (result i32)
                (block $c (block $b (block $a
                  (br_table $a $b $c (local.get 0)))
                  (return (i32.const 100)))
                  (return (i32.const 200)))
                (i32.const 300))
              (func (export "divmod") (param $a i32) (param $b i32) (result i32) (local $r i32)
                local.get $a
                block $q (type $pair)
                  local.get $b
                  i32.div_u
                  local.get $a
                  local.get $b
                  i32.rem_u
                end
                local.set $r
                i32.const 1000
                i32.mul
                local.get $r
                i32.add)
              (func (export "memory") (param $n i32) (result i32) (local $i i32) (local $sum i32)
                (memory.fill (i32.const 1024) (i32.const 7) (local.get $n))
                (memory.copy (i32.const 2048) (i32.const 1024) (local.get $n))
                (block $done (loop $next
                  (br_if $done (i32.ge_u (local.get $i) (local.get $n)))
                  (local.set $sum (i32.add (local.get $sum) (i32.load8_u offset=2048 (local.get $i))))
                  (local.set $i (i32.add (local.get $i) (i32.const 1)))
                  (br $next)))
                (i32.add (local.get $sum) (i32.load8_u (i32.const 17))))
              (func (export "grow") (result i32) (drop (memory.grow (i32.const 1))) (memory.size))
              (func (export "numeric") (param i32) (result i64)
                (i64.add (i64.extend8_s (i64.extend_i32_u (local.get 0)))
                         (i64.trunc_sat_f64_s (f64.mul (f64.convert_i32_s (local.get 0)) (f64.const 1e300)))))
              (func (export "select") (param i32) (result i32)
                (select (i32.const 11) (i32.const 22) (local.get 0)))
              (func (export "load") (param i32) (result i32) (i32.load (local.get 0)))
              (func (export "div") (param i32 i32) (result i32) (i32.div_s (local.get 0) (local.get 1)))
              (func (export "trap") (param i32) (result i32)
                (if (local.get 0) (then unreachable)) (i32.const 5)))
            """);
    private static final byte[] METERED = Fuel.instrument(ORIGINAL);

    private record Call(String export, long... args) {}

    private static final List<Call> CALLS = List.of(
            new Call("fib", 0), new Call("fib", 1), new Call("fib", 15),
            new Call("started"), new Call("base", 5),
            new Call("apply", 0, 7, 5), new Call("apply", 1, 7, 5), new Call("apply", 2, 7, 5),
            new Call("classify", 0), new Call("classify", 1), new Call("classify", 2), new Call("classify", 9),
            new Call("divmod", 47, 5), new Call("memory", 0), new Call("memory", 300), new Call("grow"),
            new Call("numeric", 200), new Call("numeric", -3), new Call("select", 0), new Call("select", 1),
            new Call("load", 16), new Call("div", 7, -2), new Call("trap", 0));

    private static final List<Call> TRAPS = List.of(
            new Call("apply", 3, 1, 1), new Call("load", 65535), new Call("div", 1, 0),
            new Call("div", Integer.MIN_VALUE, -1), new Call("trap", 1), new Call("memory", 70000));

    private static Guest guest(byte[] wasm, Mode mode) {
        var base = new GlobalInstance(1000, 0, ValType.I32, MutabilityType.Const);
        var imports = ImportValues.builder().addGlobal(new ImportGlobal("env", "base", base)).build();
        Guest guest = Guest.of(wasm, mode, imports);
        return wasm == METERED ? guest.fuel(Long.MAX_VALUE) : guest;
    }

    @ParameterizedTest
    @EnumSource(Mode.class)
    void returnsTheSameResults(Mode mode) {
        Guest original = guest(ORIGINAL, mode);
        Guest metered = guest(METERED, mode);
        for (Call call : CALLS) {
            assertThat(metered.call(call.export, call.args))
                    .as(call.export + " " + java.util.Arrays.toString(call.args))
                    .containsExactly(original.call(call.export, call.args));
        }
        assertThat(metered.call1("started")).isEqualTo(42);
    }

    @ParameterizedTest
    @EnumSource(Mode.class)
    void trapsWhereTheOriginalTraps(Mode mode) {
        Guest original = guest(ORIGINAL, mode);
        Guest metered = guest(METERED, mode);
        for (Call call : TRAPS) {
            Throwable expected = catchThrowable(() -> original.call(call.export, call.args));
            assertThat(expected).as(call.export).isNotNull();
            metered.fuel(Long.MAX_VALUE);
            assertThatThrownBy(() -> metered.call(call.export, call.args))
                    .as(call.export)
                    .isInstanceOf(expected.getClass())
                    .hasMessage(expected.getMessage());
            assertThat(metered.fuel()).as("a genuine trap leaves the fuel non-negative").isNotNegative();
        }
    }

    @ParameterizedTest
    @EnumSource(Mode.class)
    void theStartFunctionRunsOnTheStartAllowance(Mode mode) {
        Guest metered = guest(METERED, mode);
        // Guest.of sets Long.MAX_VALUE after instantiation; a fresh instance shows what start used.
        var base = new GlobalInstance(1000, 0, ValType.I32, MutabilityType.Const);
        var fresh = Guest.of(METERED, mode, ImportValues.builder().addGlobal(new ImportGlobal("env", "base", base)).build());
        assertThat(fresh.fuel()).isLessThan(Fuel.START_FUEL).isGreaterThan(Fuel.START_FUEL - 10);
        assertThat(metered.call1("started")).isEqualTo(42);
    }

    private static Throwable catchThrowable(Runnable call) {
        try {
            call.run();
            return null;
        } catch (RuntimeException | StackOverflowError e) {
            return e;
        }
    }
}
