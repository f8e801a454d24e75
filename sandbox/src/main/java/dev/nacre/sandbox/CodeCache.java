package dev.nacre.sandbox;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import run.endive.compiler.InterpreterFallback;
import run.endive.compiler.MachineFactoryCompiler;
import run.endive.runtime.Machine;
import run.endive.runtime.Instance;
import run.endive.wasm.types.ExternalType;

/**
 * Instruments and compiles each module once per process (keyed by sha256), reusing Endive's
 * compiled classes from disk when a cache directory is given.
 */
final class CodeCache {
    private static final int MAX_ENTRIES = 256;
    private final Optional<DiskCache> disk;
    private final Map<String, CompiledCode> memory = new LinkedHashMap<>(16, 0.75f, true);
    private final Map<String, Object> locks = new ConcurrentHashMap<>();

    CodeCache(Optional<java.nio.file.Path> directory) {
        this.disk = directory.map(DiskCache::new);
    }

    CompiledCode compiled(ToolModule tool) {
        synchronized (memory) {
            var hit = memory.get(tool.sha256());
            if (hit != null) return hit;
        }
        synchronized (locks.computeIfAbsent(tool.sha256(), k -> new Object())) {
            synchronized (memory) {
                var hit = memory.get(tool.sha256());
                if (hit != null) return hit;
            }
            var code = compile(tool);
            synchronized (memory) {
                memory.put(tool.sha256(), code);
                if (memory.size() > MAX_ENTRIES) memory.remove(memory.keySet().iterator().next());
            }
            locks.remove(tool.sha256());
            return code;
        }
    }

    private CompiledCode compile(ToolModule tool) {
        byte[] metered;
        try {
            metered = FuelMeter.instrument(tool.rawBytes());
        } catch (RuntimeException e) {
            throw new SandboxException(ErrorKind.INVALID_MODULE, "module " + tool.name() + " cannot be metered (" + e.getMessage() + ")");
        }
        var module = ModuleCheck.parse(tool.name(), metered);
        boolean hasFuel = false;
        for (int i = 0; i < module.exportSection().exportCount(); i++) {
            var e = module.exportSection().getExport(i);
            if (e.name().equals(FuelMeter.GLOBAL) && e.exportType() == ExternalType.GLOBAL) hasFuel = true;
        }
        java.util.function.Function<Instance, Machine> machines;
        try {
            machines = build(module, true);
        } catch (RuntimeException | LinkageError e) {
            // a corrupt or foreign cache entry: drop it and compile afresh
            disk.ifPresent(d -> d.evict(module.digest()));
            try {
                machines = build(module, false);
            } catch (RuntimeException | LinkageError e2) {
                throw new SandboxException(ErrorKind.INVALID_MODULE, "module " + tool.name() + " cannot be compiled (" + e2.getMessage() + ")");
            }
        }
        return new CompiledCode(tool.sha256(), module, machines, hasFuel);
    }

    private java.util.function.Function<Instance, Machine> build(run.endive.wasm.WasmModule module, boolean useDisk) {
        var builder = MachineFactoryCompiler.builder(module).withInterpreterFallback(InterpreterFallback.SILENT);
        if (useDisk && disk.isPresent()) builder.withCache(disk.get());
        return builder.compile();
    }
}
