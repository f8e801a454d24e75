package dev.nacre.fuel;

import com.dylibso.chicory.wabt.Wat2Wasm;
import java.io.OutputStream;
import run.endive.compiler.MachineFactoryCompiler;
import run.endive.runtime.ImportValues;
import run.endive.runtime.Instance;
import run.endive.wasi.WasiOptions;
import run.endive.wasi.WasiPreview1;
import run.endive.wasm.Parser;
import run.endive.wasm.WasmModule;

/** A Wasm module instantiated on Endive, in the interpreter or compiled to JVM bytecode. */
record Guest(Instance instance) {
    enum Mode {
        INTERPRETER,
        COMPILER
    }

    static byte[] wat(String text) {
        return Wat2Wasm.parse(text);
    }

    static Guest of(byte[] wasm, Mode mode) {
        return of(wasm, mode, ImportValues.empty());
    }

    /** A WASI command whose stdout goes to {@code stdout}; nothing else is granted. */
    static Guest wasi(byte[] wasm, Mode mode, OutputStream stdout) {
        WasiPreview1 wasi = WasiPreview1.builder()
                .withOptions(WasiOptions.builder().withStdout(stdout).build())
                .build();
        return of(wasm, mode, ImportValues.builder().addFunction(wasi.toHostFunctions()).build());
    }

    static Guest of(byte[] wasm, Mode mode, ImportValues imports) {
        WasmModule module = Parser.parse(wasm);
        Instance.Builder builder = Instance.builder(module).withImportValues(imports).withStart(false);
        if (mode == Mode.COMPILER) {
            builder.withMachineFactory(MachineFactoryCompiler.compile(module));
        }
        return new Guest(builder.build());
    }

    long[] call(String export, long... args) {
        return instance.export(export).apply(args);
    }

    long call1(String export, long... args) {
        return call(export, args)[0];
    }

    long fuel() {
        return instance.exports().global(Fuel.GLOBAL).getValue();
    }

    Guest fuel(long remaining) {
        instance.exports().global(Fuel.GLOBAL).setValue(remaining);
        return this;
    }

    /** Fuel used by one call of {@code export} with a large budget. */
    long fuelUsedBy(String export, long... args) {
        long budget = 1L << 50;
        fuel(budget);
        call(export, args);
        return budget - fuel();
    }
}
