package dev.nacre.fuel;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;
import run.endive.runtime.ImportValues;
import run.endive.runtime.Instance;
import run.endive.wasi.WasiOptions;
import run.endive.wasi.WasiPreview1;
import run.endive.wasm.Parser;

/**
 * Fuel used is an upper bound of the number of instructions Endive's interpreter executes for the
 * original (charge points pay for the worst path to the next one), not far above it, and the same
 * in the interpreter and the compiler.
 */
class InstructionCountTest {
    private static final String CONTROL_FLOW = """
            (module
              (func $f (export "f") (param $x i32) (result i32) (local $i i32)
                (block $out
                  (block $a (block $b
                    (br_table $a $b $out 0 (i32.and (local.get $x) (i32.const 3))))
                    (local.set $i (i32.const 10)))
                  (if (i32.and (local.get $x) (i32.const 4)) (then (local.set $i (i32.add (local.get $i) (i32.const 1))))
                    (else (nop)))
                  (if (i32.and (local.get $x) (i32.const 8)) (then (return (i32.const -1))))
                  (loop $l
                    (local.set $i (i32.add (local.get $i) (i32.const 3)))
                    (br_if $l (i32.lt_u (local.get $i) (i32.const 20)))))
                (br_if 0 (local.get $i) (i32.and (local.get $x) (i32.const 16)))
                (drop (if (result i32) (i32.and (local.get $x) (i32.const 32)) (then (call $f (i32.const 1))) (else (i32.const 0))))
                (br_table 0 0 (i32.const 5) (i32.and (local.get $x) (i32.const 64)))))
            """;

    /** Loops nested in blocks whose ends follow each other: branches land after each end. */
    private static final String NESTED_LOOPS = """
            (module
              (func (export "f") (param $n i64) (result i64) (local $x i64) (local $steps i64)
                (loop $each
                  (local.set $x (local.get $n))
                  (block $outer
                    (block $done
                      (loop $step
                        (br_if $done (i64.le_u (local.get $x) (i64.const 1)))
                        (br_if $outer (i64.eq (local.get $x) (i64.const 5)))
                        (if (i64.eqz (i64.and (local.get $x) (i64.const 1)))
                          (then (local.set $x (i64.shr_u (local.get $x) (i64.const 1))))
                          (else (local.set $x (i64.add (i64.mul (local.get $x) (i64.const 3)) (i64.const 1)))))
                        (local.set $steps (i64.add (local.get $steps) (i64.const 1)))
                        (br $step))))
                  (local.set $n (i64.sub (local.get $n) (i64.const 1)))
                  (br_if $each (i64.gt_s (local.get $n) (i64.const 0))))
                (local.get $steps)))
            """;

    @Test
    void neverChargesLessThanTheInterpreterRunsOnAnyControlFlowPath() {
        for (String wat : new String[] {CONTROL_FLOW, NESTED_LOOPS}) {
            byte[] original = Guest.wat(wat);
            Counted counted = Counted.of(original, ImportValues.empty());
            byte[] instrumented = Fuel.instrument(original);
            Guest interpreted = Guest.of(instrumented, Guest.Mode.INTERPRETER);
            // Endive 1.0.0's compiler cannot build the instrumented CONTROL_FLOW (ASM fails to
            // compute its stack frames; the same with the previous exact instrumenter): interpreter only.
            Guest compiled = wat == CONTROL_FLOW ? null : Guest.of(instrumented, Guest.Mode.COMPILER);
            for (int x = 0; x < 128; x++) {
                long executed = counted.count("f", x);
                long fuel = interpreted.fuelUsedBy("f", x);
                assertThat(fuel).as("f(%d)", x).isGreaterThanOrEqualTo(executed).isLessThanOrEqualTo(2 * executed + 40);
                if (compiled != null) {
                    assertThat(compiled.fuelUsedBy("f", x)).as("compiled f(%d)", x).isEqualTo(fuel);
                }
            }
        }
    }

    @Test
    void neverChargesLessThanTheInterpreterRunsOnACompiledCProgram() {
        byte[] original = Resources.benchWasm();
        var wasi = WasiPreview1.builder().withOptions(WasiOptions.builder().build()).build();
        ImportValues imports = ImportValues.builder().addFunction(wasi.toHostFunctions()).build();
        Counted counted = Counted.of(original, imports);
        byte[] instrumented = Fuel.instrument(original);
        Guest interpreted = Guest.of(instrumented, Guest.Mode.INTERPRETER, imports);
        Guest compiled = Guest.of(instrumented, Guest.Mode.COMPILER, imports);
        for (String export : new String[] {"fib", "sieve", "sort", "arith"}) {
            for (int n : new int[] {0, 1, 2, 7, 30}) {
                long executed = counted.count(export, n);
                long fuel = interpreted.fuelUsedBy(export, n);
                assertThat(fuel).as("%s(%d)", export, n).isGreaterThanOrEqualTo(executed)
                        .isLessThanOrEqualTo(2 * executed + 100);
                assertThat(compiled.fuelUsedBy(export, n)).as("compiled %s(%d)", export, n).isEqualTo(fuel);
            }
        }
    }

    /** The original module, counting instructions with Endive's execution listener (also used by {@link StaticCostTest}). */
    record Counted(Instance instance, AtomicLong executed) {
        static Counted of(byte[] wasm, ImportValues imports) {
            AtomicLong executed = new AtomicLong();
            Instance instance = Instance.builder(Parser.parse(wasm))
                    .withImportValues(imports)
                    .withStart(false)
                    .withUnsafeExecutionListener((instruction, stack) -> executed.incrementAndGet())
                    .build();
            return new Counted(instance, executed);
        }

        long count(String export, long... args) {
            executed.set(0);
            instance.export(export).apply(args);
            return executed.get();
        }
    }
}
