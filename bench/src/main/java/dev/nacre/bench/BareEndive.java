package dev.nacre.bench;

import dev.nacre.fuel.Fuel;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.util.List;
import java.util.function.Function;
import run.endive.compiler.MachineFactoryCompiler;
import run.endive.log.Logger;
import run.endive.runtime.ExecutionCompletedException;
import run.endive.runtime.ImportValues;
import run.endive.runtime.Instance;
import run.endive.runtime.Machine;
import run.endive.wasi.WasiExitException;
import run.endive.wasi.WasiOptions;
import run.endive.wasi.WasiPreview1;
import run.endive.wasm.Parser;
import run.endive.wasm.WasmModule;

/**
 * A module run on Endive with nothing of the sandbox around it: compiled once, then a fresh
 * {@link Instance} from the shared machine factory and {@code _start} per run, WASI with stdin and
 * stdout in memory. With {@code metered} the bytes go through {@link Fuel#instrument} first and
 * each run sets the fuel global, as the sandbox does.
 */
final class BareEndive {
    /** Fuel for a run: more than any benchmark guest uses, so metering costs but never stops it. */
    static final long FUEL = 100_000_000_000L;

    private static final Logger QUIET = new Logger() {
        @Override
        public void log(Level level, String msg, Throwable throwable) {}

        @Override
        public boolean isLoggable(Level level) {
            return false;
        }
    };

    private final WasmModule module;
    private final Function<Instance, Machine> machines;
    private final boolean metered;

    private BareEndive(byte[] wasm, boolean metered) {
        this.module = Parser.parse(metered ? Fuel.instrument(wasm) : wasm);
        this.machines = MachineFactoryCompiler.compile(module);
        this.metered = metered;
    }

    static BareEndive compile(byte[] wasm, boolean metered) {
        return new BareEndive(wasm, metered);
    }

    /** What one run printed; {@code fuelUsed} is 0 when not metered. */
    record Output(int exitCode, byte[] stdout, long fuelUsed) {}

    Output run(List<String> argv, byte[] stdin) {
        var stdout = new ByteArrayOutputStream();
        var options = WasiOptions.builder().withArguments(argv)
                .withStdin(new ByteArrayInputStream(stdin), false)
                .withStdout(stdout, false)
                .withStderr(ByteArrayOutputStream.nullOutputStream(), false)
                .build();
        try (var wasi = WasiPreview1.builder().withLogger(QUIET).withOptions(options).build()) {
            var instance = Instance.builder(module).withMachineFactory(machines)
                    .withImportValues(ImportValues.builder().addFunction(wasi.toHostFunctions()).build())
                    .withStart(false).build();
            if (metered) instance.exports().global(Fuel.GLOBAL).setValue(FUEL);
            int exit = start(instance);
            long used = metered ? FUEL - instance.exports().global(Fuel.GLOBAL).getValue() : 0;
            return new Output(exit, stdout.toByteArray(), used);
        }
    }

    private static int start(Instance instance) {
        try {
            instance.export("_start").apply();
            return 0;
        } catch (ExecutionCompletedException e) {
            return 0;
        } catch (WasiExitException e) {
            return e.exitCode();
        }
    }
}
