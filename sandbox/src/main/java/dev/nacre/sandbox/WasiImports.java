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
 * Functions that create filesystem entries or descriptors are wrapped so the host heap stays
 * bounded: paths over {@link #MAX_PATH_BYTES} are ENAMETOOLONG, entries beyond
 * {@code limits.entries} are ENOSPC, more than {@link #MAX_OPEN_FDS} open files are EMFILE.
 */
final class WasiImports {
    private static final int CLOCK_MONOTONIC = 1; // WASI clockid monotonic
    private static final long ESUCCESS = 0;
    private static final long EMFILE = 33;
    private static final long ENAMETOOLONG = 37;
    private static final long ENOENT = 44;
    private static final long ENOSPC = 51;
    private static final int O_CREAT = 1;
    private static final int O_EXCL = 4;
    static final int MAX_PATH_BYTES = 4096;
    static final int MAX_OPEN_FDS = 1024;
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

    static List<HostFunction> create(WasiOptions.Builder options, VirtualClock clock, long seed, VirtualFs fs) {
        var wasi = WasiPreview1.builder()
                .withLogger(QUIET)
                .withOptions(options.withClock(clock).withRandom(new Random(seed)).build())
                .build();
        var guard = new Guard(fs);
        var out = new ArrayList<HostFunction>();
        for (HostFunction f : wasi.toHostFunctions()) {
            out.add(switch (f.name()) {
                case "clock_time_get" -> clockTimeGet(f, clock);
                case "path_open" -> guard.pathOpen(f);
                case "path_create_directory" -> guard.creating(f, 1, 2);
                case "path_symlink" -> guard.creating(f, 3, 4, 0, 1);
                case "path_link" -> guard.creating(f, 5, 6, 2, 3);
                case "path_rename" -> guard.lengths(f, 1, 2, 4, 5);
                case "fd_close", "fd_renumber" -> guard.closing(f);
                default -> f;
            });
        }
        return out;
    }

    /** Entry and descriptor accounting for one instance. */
    private static final class Guard {
        private final VirtualFs fs;
        private int openFds;

        Guard(VirtualFs fs) {
            this.fs = fs;
        }

        private static boolean tooLong(long[] args, int... ptrLen) {
            for (int i = 1; i < ptrLen.length; i += 2) {
                if (Integer.toUnsignedLong((int) args[ptrLen[i]]) > MAX_PATH_BYTES) return true;
            }
            return false;
        }

        private static HostFunction wrap(HostFunction f, run.endive.runtime.WasmFunctionHandle h) {
            return new HostFunction(f.module(), f.name(), f.functionType(), h);
        }

        /** {@code ptrLen}: argument indexes of (pointer, length) pairs; the first pair names the new entry. */
        HostFunction creating(HostFunction f, int... ptrLen) {
            return wrap(f, (inst, args) -> {
                if (tooLong(args, ptrLen)) return new long[] {ENAMETOOLONG};
                if (fs != null && !fs.hasRoomForEntry()) return new long[] {ENOSPC};
                long[] r = f.handle().apply(inst, args);
                if (fs != null && r != null && r.length > 0 && r[0] == ESUCCESS) fs.entryCreated();
                return r;
            });
        }

        HostFunction lengths(HostFunction f, int... ptrLen) {
            return wrap(f, (inst, args) -> tooLong(args, ptrLen) ? new long[] {ENAMETOOLONG} : f.handle().apply(inst, args));
        }

        HostFunction pathOpen(HostFunction f) {
            return wrap(f, (inst, args) -> {
                if (tooLong(args, 2, 3)) return new long[] {ENAMETOOLONG};
                if (openFds >= MAX_OPEN_FDS) return new long[] {EMFILE};
                int oflags = (int) args[4];
                boolean creating = (oflags & O_CREAT) != 0;
                long[] r;
                if (creating && fs != null && !fs.hasRoomForEntry()) {
                    if ((oflags & O_EXCL) != 0) return new long[] {ENOSPC};
                    // full: an existing file may still be opened, nothing new created
                    long[] existing = args.clone();
                    existing[4] = oflags & ~O_CREAT;
                    r = f.handle().apply(inst, existing);
                    if (r != null && r.length > 0 && r[0] == ENOENT) return new long[] {ENOSPC};
                    creating = false;
                } else {
                    r = f.handle().apply(inst, args);
                }
                if (r != null && r.length > 0 && r[0] == ESUCCESS) {
                    openFds++;
                    if (creating && fs != null) fs.entryCreated(); // may count an existing file: recounted when full
                }
                return r;
            });
        }

        HostFunction closing(HostFunction f) {
            return wrap(f, (inst, args) -> {
                long[] r = f.handle().apply(inst, args);
                if (r != null && r.length > 0 && r[0] == ESUCCESS && openFds > 0) openFds--;
                return r;
            });
        }
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
