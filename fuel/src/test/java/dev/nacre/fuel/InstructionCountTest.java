package dev.nacre.fuel;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;
import run.endive.runtime.ImportValues;
import run.endive.runtime.Instance;
import run.endive.wasi.WasiOptions;
import run.endive.wasi.WasiPreview1;
import run.endive.wasm.Parser;

/** Fuel used is exactly the number of instructions Endive's interpreter executes for the original. */
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

    @Test
    void matchesTheInterpreterOnEveryControlFlowPath() {
        byte[] original = Guest.wat(CONTROL_FLOW);
        Counted counted = Counted.of(original, ImportValues.empty());
        Guest metered = Guest.of(Fuel.instrument(original), Guest.Mode.INTERPRETER);
        for (int x = 0; x < 128; x++) {
            assertThat(metered.fuelUsedBy("f", x)).as("f(%d)", x).isGreaterThanOrEqualTo(counted.count("f", x));
        }
    }

    @Test
    void matchesTheInterpreterOnACompiledCProgram() {
        byte[] original = Resources.benchWasm();
        var wasi = WasiPreview1.builder().withOptions(WasiOptions.builder().build()).build();
        ImportValues imports = ImportValues.builder().addFunction(wasi.toHostFunctions()).build();
        Counted counted = Counted.of(original, imports);
        Guest metered = Guest.of(Fuel.instrument(original), Guest.Mode.INTERPRETER, imports);
        for (String export : new String[] {"fib", "sieve", "sort", "arith"}) {
            for (int n : new int[] {0, 1, 2, 7, 30}) {
                assertThat(metered.fuelUsedBy(export, n)).as("%s(%d)", export, n).isGreaterThanOrEqualTo(counted.count(export, n));
            }
        }
    }

    /** The original module, counting instructions with Endive's execution listener. */
    private record Counted(Instance instance, AtomicLong executed) {
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
