package dev.nacre.sandbox;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import run.endive.log.Logger;
import run.endive.runtime.HostFunction;
import run.endive.wasi.WasiOptions;
import run.endive.wasi.WasiPreview1;

/**
 * WASI preview 1 for one call, with nothing from the host: the virtual filesystem as the only
 * preopen ("/"), granted environment keys only, a virtual clock (realtime AND monotonic: Endive
 * reads System.nanoTime for monotonic, so that function is replaced) and a seeded random source.
 */
final class WasiImports {
    private static final int CLOCK_MONOTONIC = 1; // WASI clockid monotonic
    private static final long ESUCCESS = 0;
    /** Endive's default logger asks java.util.logging on every WASI call; guests' WASI traffic is not logged. */
    private static final Logger QUIET = new Logger() {
        @Override
        public void log(Level level, String msg, Throwable throwable) {}

        @Override
        public boolean isLoggable(Level level) {
            return false;
        }
    };

    private WasiImports() {}

    static List<HostFunction> create(WasiOptions.Builder options, VirtualClock clock, long seed) {
        var wasi = WasiPreview1.builder()
                .withLogger(QUIET)
                .withOptions(options.withClock(clock).withRandom(new Random(seed)).build())
                .build();
        var out = new ArrayList<HostFunction>();
        for (HostFunction f : wasi.toHostFunctions()) {
            out.add(f.name().equals("clock_time_get") ? clockTimeGet(f, clock) : f);
        }
        return out;
    }

    private static HostFunction clockTimeGet(HostFunction original, VirtualClock clock) {
        return new HostFunction(ModuleCheck.WASI, "clock_time_get", original.functionType(), (inst, args) -> {
            int id = (int) args[0];
            int resultPtr = (int) args[2];
            if (id == CLOCK_MONOTONIC) {
                inst.memory().writeLong(resultPtr, clock.monotonicNanos());
                return new long[] {ESUCCESS};
            }
            return original.handle().apply(inst, args);
        });
    }
}
