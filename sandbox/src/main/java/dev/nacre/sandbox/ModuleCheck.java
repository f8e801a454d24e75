package dev.nacre.sandbox;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import run.endive.runtime.HostFunction;
import run.endive.wasi.WasiPreview1;
import run.endive.wasm.Parser;
import run.endive.wasm.WasmModule;
import run.endive.wasm.types.ExternalType;
import run.endive.wasm.types.FunctionImport;
import run.endive.wasm.types.FunctionType;
import run.endive.wasm.types.ValType;

/** Checks a module against the tool ABI before anything runs: parseable, known imports only, the right exports. */
final class ModuleCheck {
    static final String WASI = "wasi_snapshot_preview1";
    static final String NACRE = "nacre";
    static final Map<String, FunctionType> NACRE_FUNCTIONS = Map.of(
            "http", FunctionType.of(List.of(ValType.I32, ValType.I32), List.of(ValType.I32)),
            "response", FunctionType.of(List.of(ValType.I32, ValType.I32), List.of(ValType.I32)),
            "log", FunctionType.of(List.of(ValType.I32, ValType.I32, ValType.I32), List.of()));
    private static final Map<String, FunctionType> WASI_FUNCTIONS = wasiFunctions();

    private ModuleCheck() {}

    static WasmModule check(String name, byte[] bytes) {
        WasmModule module = parse(name, bytes);
        var types = module.typeSection();
        for (int i = 0; i < types.subTypeCount(); i++) {
            var comp = types.getSubType(i).compType();
            if (comp != null && (comp.structType() != null || comp.arrayType() != null)) {
                // GC structs and arrays live on the host heap, outside the memory cap
                throw invalid(name, "uses Wasm GC struct/array types, which are not supported");
            }
        }
        var imports = module.importSection();
        for (int i = 0; i < imports.importCount(); i++) {
            var imp = imports.getImport(i);
            String what = imp.module() + "." + imp.name();
            Map<String, FunctionType> known = switch (imp.module()) {
                case WASI -> WASI_FUNCTIONS;
                case NACRE -> NACRE_FUNCTIONS;
                default -> throw invalid(name, "imports " + what + ", which is not in wasi_snapshot_preview1 or nacre");
            };
            if (!(imp instanceof FunctionImport f)) throw invalid(name, "imports " + what + " as a " + imp.importType() + "; only functions may be imported");
            FunctionType expected = known.get(imp.name());
            if (expected == null) throw invalid(name, "imports unknown function " + what);
            if (!module.typeSection().getType(f.typeIndex()).equals(expected)) {
                throw invalid(name, "imports " + what + " with the wrong signature (expected " + expected + ")");
            }
        }
        var exports = module.exportSection();
        boolean start = false;
        boolean memory = false;
        for (int i = 0; i < exports.exportCount(); i++) {
            var e = exports.getExport(i);
            if (e.name().equals(FuelMeter.GLOBAL)) throw invalid(name, "exports " + FuelMeter.GLOBAL + ", a name the host reserves");
            if (e.name().equals("_start") && e.exportType() == ExternalType.FUNCTION) {
                int typeIndex = functionTypeIndex(module, e.index());
                FunctionType t = module.typeSection().getType(typeIndex);
                if (!t.params().isEmpty() || !t.returns().isEmpty()) throw invalid(name, "exports _start with parameters or results");
                start = true;
            }
            if (e.name().equals("memory") && e.exportType() == ExternalType.MEMORY) memory = true;
        }
        if (!start) throw invalid(name, "does not export a _start function");
        if (!memory) throw invalid(name, "does not export its memory as \"memory\"");
        if (module.startSection().isPresent()) throw invalid(name, "has a Wasm start section; tool modules run from _start only");
        int memories = module.memorySection().map(m -> m.memoryCount()).orElse(0);
        if (memories != 1) throw invalid(name, "defines " + memories + " memories; exactly one is supported");
        var memory0 = module.memorySection().get().getMemory(0).limits();
        if (memory0.shared()) throw invalid(name, "has a shared memory; threads are not supported");
        if (memory0.initialPages() * 65536L > Limits.MAXIMA.memory()) {
            throw invalid(name, "declares " + Sizes.bytesText(memory0.initialPages() * 65536L)
                    + " of initial memory, over the maximum " + Sizes.bytesText(Limits.MAXIMA.memory()));
        }
        for (int i = 0; i < module.tableSection().tableCount(); i++) {
            long min = module.tableSection().getTable(i).limits().min();
            if (min > Execution.MAX_TABLE_ENTRIES) {
                throw invalid(name, "declares a table of " + min + " entries, over the maximum " + Execution.MAX_TABLE_ENTRIES);
            }
        }
        return module;
    }

    static WasmModule parse(String name, byte[] bytes) {
        try {
            return Parser.parse(bytes);
        } catch (RuntimeException | StackOverflowError e) {
            String why = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
            throw invalid(name, "is not a valid Wasm module (" + why.lines().findFirst().orElse("") + ")");
        }
    }

    private static int functionTypeIndex(WasmModule module, int funcIndex) {
        int imported = module.importSection().count(ExternalType.FUNCTION);
        if (funcIndex < imported) {
            int seen = 0;
            for (int i = 0; i < module.importSection().importCount(); i++) {
                if (module.importSection().getImport(i) instanceof FunctionImport f && seen++ == funcIndex) return f.typeIndex();
            }
        }
        return module.functionSection().getFunctionType(funcIndex - imported);
    }

    private static SandboxException invalid(String name, String why) {
        return new SandboxException(ErrorKind.INVALID_MODULE, "module " + name + " " + why);
    }

    private static Map<String, FunctionType> wasiFunctions() {
        var out = new HashMap<String, FunctionType>();
        try (var wasi = WasiPreview1.builder().build()) {
            for (HostFunction f : wasi.toHostFunctions()) out.put(f.name(), f.functionType());
        }
        return Map.copyOf(out);
    }
}
