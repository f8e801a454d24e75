package dev.nacre.sandbox;

import java.io.ByteArrayInputStream;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import run.endive.runtime.ExecutionCompletedException;
import run.endive.runtime.HostFunction;
import run.endive.runtime.ImportFunction;
import run.endive.runtime.ImportValues;
import run.endive.runtime.Instance;
import run.endive.runtime.TableInstance;
import run.endive.wasi.WasiExitException;
import run.endive.wasi.WasiOptions;
import run.endive.wasm.types.MemoryLimits;
import run.endive.wasm.types.Table;
import run.endive.wasm.types.TableLimits;

/**
 * Runs one fresh instance of compiled code to completion on a worker thread, under the
 * policy's limits, and says how it ended. Knows nothing of tools or JSON.
 */
final class Execution {
    /** Table entries live on the host heap, so tables are capped like memory. */
    static final long MAX_TABLE_ENTRIES = 100_000;
    private static final long STOP_GRACE_MILLIS = 2000;

    /**
     * How a run ended: {@code failure} empty means the guest exited with {@code exitCode}.
     * {@code fuelPartial}: the guest was stopped between the points where it publishes its fuel
     * (a trap, the deadline, a stack overflow), so {@code fuelUsed} counts only up to the last of
     * them and is a lower bound.
     */
    record Outcome(Optional<ErrorKind> failure, String message, int exitCode, byte[] stdout, byte[] stderr,
                   long fuelUsed, boolean fuelPartial, Duration duration, long overrunNanos) {}

    /** What one run needs besides the code. */
    /** {@code fs} is null when the policy grants no storage. */
    record Setup(List<String> argv, byte[] stdin, Map<String, String> env, VirtualFs fs, VirtualClock clock,
                 long seed, Limits limits, List<HostFunction> hostFunctions, long deadlineNanos) {}

    private Execution() {}

    static Outcome run(CompiledCode code, Setup setup, ExecutorService workers) {
        long start = System.nanoTime();
        var limits = setup.limits();
        MemoryLimits declared = code.declaredMemory();
        int capPages = (int) Math.min(MemoryLimits.MAX_PAGES, limits.memory() / 65536);
        if (declared.initialPages() > capPages) {
            return failed(ErrorKind.MEMORY_LIMIT, "the module declares " + Sizes.bytesText(declared.initialPages() * 65536L)
                    + " of initial memory, over limits.memory (" + Sizes.bytesText(limits.memory()) + ")", start);
        }
        int declaredMax = declared.maximumPages() <= 0 ? MemoryLimits.MAX_PAGES : declared.maximumPages();
        boolean capBinds = capPages < declaredMax;
        var memoryLimits = new MemoryLimits(declared.initialPages(), Math.min(declaredMax, capPages));

        var budget = new AtomicLong(limits.output());
        var stdout = new CappedOutput(budget);
        var stderr = new CappedOutput(budget);
        var run = new Run();
        var done = new CountDownLatch(1);
        Future<?> future = workers.submit(() -> {
            if (!run.claimed.compareAndSet(false, true)) return; // cancelled before it started
            try {
                run.exitCode = instantiateAndStart(code, setup, memoryLimits, stdout, stderr, run);
            } catch (Throwable t) {
                run.thrown = t;
            } finally {
                done.countDown();
            }
        });

        boolean timedOut = false;
        boolean interrupted = false;
        long remaining = setup.deadlineNanos() - System.nanoTime();
        try {
            future.get(Math.max(0, remaining), TimeUnit.NANOSECONDS);
        } catch (TimeoutException e) {
            timedOut = true;
        } catch (InterruptedException e) {
            interrupted = true;
        } catch (ExecutionException e) {
            run.thrown = e.getCause();
        }
        boolean stopped = true;
        if (timedOut || interrupted) {
            future.cancel(true);
            // A task still queued never starts, so there is nothing to wait for; claiming it keeps
            // it from starting late (cancel alone cannot stop a task the pool is about to run).
            boolean started = !run.claimed.compareAndSet(false, true);
            try {
                stopped = !started || done.await(STOP_GRACE_MILLIS, TimeUnit.MILLISECONDS);
            } catch (InterruptedException e) {
                interrupted = true;
            }
            if (interrupted) Thread.currentThread().interrupt();
        }
        long end = System.nanoTime();
        long overrun = timedOut ? end - setup.deadlineNanos() : 0;
        Throwable t = run.thrown;
        // The metered code keeps fuel in locals and publishes it to the global only at some points
        // (calls of imports and of functions that charge themselves, returns from functions with
        // loops, unreachable, throws, running out). A guest stopped between them (a trap, the
        // deadline) may have used more than the global shows. Only the output cap is known to
        // strike at such a point (inside fd_write); other traps, even those a host function
        // raises, are flagged to be safe. Without an instance nothing ran.
        boolean stoppedMidRun = timedOut || interrupted
                || t != null && !run.fuelExhausted() && !causedBy(t, CappedOutput.Exceeded.class);
        var ended = new Ended(stdout.toByteArray(), stderr.toByteArray(), run.fuelUsed(limits.fuel()),
                stoppedMidRun && run.instance != null, Duration.ofNanos(end - start));

        if (timedOut || interrupted) {
            String why = interrupted ? "the call was cancelled by the host"
                    : "the call ran longer than limits.timeout (" + Sizes.durationText(limits.timeout()) + ")";
            if (!stopped) why += "; the guest did not stop within " + STOP_GRACE_MILLIS + " ms";
            return ended.outcome(Optional.of(ErrorKind.TIMEOUT), why, -1, overrun);
        }
        if (stdout.exceeded() || stderr.exceeded() || causedBy(t, CappedOutput.Exceeded.class)) {
            return ended.failure(ErrorKind.OUTPUT_LIMIT, "the guest wrote more than limits.output ("
                    + Sizes.bytesText(limits.output()) + ")");
        }
        if (run.fuelExhausted()) {
            return ended.failure(ErrorKind.FUEL_EXHAUSTED, "the guest used all of limits.fuel (" + limits.fuel() + ")");
        }
        if (t == null && run.exitCode != 0 && capBinds && run.growthRefused()) {
            return ended.failure(ErrorKind.MEMORY_LIMIT, "the guest hit limits.memory (" + Sizes.bytesText(limits.memory())
                    + ") and exited with " + run.exitCode);
        }
        if (t == null) {
            return ended.outcome(Optional.empty(), "", run.exitCode, 0);
        }
        if (capBinds && run.growthRefused()) {
            return ended.failure(ErrorKind.MEMORY_LIMIT, "the guest hit limits.memory (" + Sizes.bytesText(limits.memory()) + ")");
        }
        if (causedBy(t, OutOfMemoryError.class)) {
            // not the guest's memory limit: the host heap ran out (the guest's objects are garbage once we return)
            return ended.failure(ErrorKind.TRAP, "host out of memory");
        }
        if (t instanceof SandboxException se) {
            return ended.failure(se.kind(), se.getMessage());
        }
        if (t instanceof StackOverflowError) {
            return ended.failure(ErrorKind.TRAP, "trap: call stack exhausted");
        }
        return ended.failure(ErrorKind.TRAP, "trap: " + describe(t));
    }

    private static int instantiateAndStart(CompiledCode code, Setup setup, MemoryLimits memoryLimits,
                                           CappedOutput stdout, CappedOutput stderr, Run run) {
        var options = WasiOptions.builder()
                .withArguments(setup.argv())
                .withStdin(new ByteArrayInputStream(setup.stdin()), false)
                .withStdout(stdout, false)
                .withStderr(stderr, false);
        if (setup.fs() != null) options.withDirectory("/", setup.fs().root());
        setup.env().forEach(options::withEnvironment);
        var functions = new ArrayList<ImportFunction>(WasiImports.create(options, setup.clock(), setup.seed(), setup.fs()));
        functions.addAll(setup.hostFunctions());
        Instance instance = Instance.builder(code.module())
                .withMachineFactory(code.machines())
                .withImportValues(ImportValues.builder().withFunctions(functions).build())
                .withMemoryFactory(limits -> run.memory = new GuardedMemory(limits))
                .withMemoryLimits(memoryLimits)
                .withTableFactory(Execution::cappedTable)
                .withStart(false)
                .build();
        run.instance = instance;
        if (code.metered()) instance.exports().global(FuelMeter.GLOBAL).setValue(setup.limits().fuel());
        try {
            instance.export("_start").apply();
            return 0;
        } catch (ExecutionCompletedException e) {
            return 0;
        } catch (WasiExitException e) {
            return e.exitCode();
        }
    }

    /** A fresh table (and fresh limits: Endive grows a table's limits in place) capped at MAX_TABLE_ENTRIES. */
    private static TableInstance cappedTable(Table table, int initValue) {
        var l = table.limits();
        if (l.min() > MAX_TABLE_ENTRIES) {
            throw new SandboxException(ErrorKind.MEMORY_LIMIT, "the module declares a table of " + l.min()
                    + " entries, over the maximum " + MAX_TABLE_ENTRIES);
        }
        var limits = new TableLimits(l.min(), Math.min(l.max(), MAX_TABLE_ENTRIES));
        return new TableInstance(new Table(table.elementType(), limits, table.initialize()), initValue);
    }

    private static Outcome failed(ErrorKind kind, String message, long start) {
        return new Outcome(Optional.of(kind), message, -1, new byte[0], new byte[0], 0, false,
                Duration.ofNanos(System.nanoTime() - start), 0);
    }

    /** What every ending of a run that started reports alike: its output, its fuel, its time. */
    private record Ended(byte[] stdout, byte[] stderr, long fuelUsed, boolean fuelPartial, Duration took) {
        Outcome outcome(Optional<ErrorKind> failure, String message, int exitCode, long overrunNanos) {
            return new Outcome(failure, message, exitCode, stdout, stderr, fuelUsed, fuelPartial, took, overrunNanos);
        }

        Outcome failure(ErrorKind kind, String message) {
            return outcome(Optional.of(kind), message, -1, 0);
        }
    }

    private static boolean causedBy(Throwable t, Class<? extends Throwable> type) {
        for (int depth = 0; t != null && depth < 20; t = t.getCause(), depth++) if (type.isInstance(t)) return true;
        return false;
    }

    private static String describe(Throwable t) {
        String m = t.getMessage();
        if (m == null || m.isBlank()) m = t.getClass().getSimpleName();
        return m.lines().findFirst().orElse(m);
    }

    /** State shared between the worker thread and the caller. */
    private static final class Run {
        /** Set by whichever comes first: the worker starting the guest, or the caller cancelling it. */
        final AtomicBoolean claimed = new AtomicBoolean();
        volatile Instance instance;
        volatile GuardedMemory memory;
        volatile int exitCode;
        volatile Throwable thrown;

        long fuelRemaining(long budget) {
            var i = instance;
            if (i == null) return budget;
            try {
                return i.exports().global(FuelMeter.GLOBAL).getValue();
            } catch (RuntimeException e) {
                return budget; // not metered
            }
        }

        long fuelUsed(long budget) {
            long left = fuelRemaining(budget);
            return left < 0 ? budget : budget - left;
        }

        boolean fuelExhausted() {
            var i = instance;
            if (i == null) return false;
            try {
                return i.exports().global(FuelMeter.GLOBAL).getValue() < 0;
            } catch (RuntimeException e) {
                return false;
            }
        }

        boolean growthRefused() {
            var m = memory;
            return m != null && m.refusedGrowth();
        }
    }
}
