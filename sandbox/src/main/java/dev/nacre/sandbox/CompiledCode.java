package dev.nacre.sandbox;

import java.util.function.Function;
import run.endive.runtime.Instance;
import run.endive.runtime.Machine;
import run.endive.wasm.WasmModule;
import run.endive.wasm.types.MemoryLimits;

/** A module's fuel-instrumented, JVM-compiled code, shared by every instance of it. */
record CompiledCode(String sha256, WasmModule module, Function<Instance, Machine> machines, boolean metered) {

    MemoryLimits declaredMemory() {
        return module.memorySection().orElseThrow().getMemory(0).limits();
    }
}
