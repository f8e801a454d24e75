package dev.nacre.fuel;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import run.endive.wasm.types.AnnotatedInstruction;

/**
 * Which functions cost a fixed amount of fuel per call, so their callers can pay for them at the
 * call site and call an unmetered copy instead.
 *
 * <p>A function has a <em>static cost</em> when it has no loop, bulk operation, {@code try_table},
 * throw, indirect or tail call, calls only functions of static cost (never an import: a host
 * function may charge fuel, and a caller that keeps fuel in a local would overwrite that), and
 * its plan has a single charge point, its entry. Its cost is then that entry charge, which already
 * includes its callees' costs. The copy is its original body with calls redirected to copies.
 *
 * <p>This takes the fuel global out of the hottest calls of real programs (small helpers called
 * in loops: a call there was the caller's flush and reload plus the callee's read-modify-write of
 * the global) without changing what is counted: the caller charges ahead what the callee's entry
 * would have charged. Recursive functions are never static (a cycle never resolves).
 */
final class StaticCosts {
    /** Costs above this are left to the callee: they could overflow when summed up a call chain. */
    static final long CAP = 1L << 40;
    static final long NONE = -1;

    private StaticCosts() {}

    /**
     * Returns the static cost of every function (imports first), or {@link #NONE}.
     *
     * @param importedFunctions the number of imported functions
     * @param bodies the defined functions' instructions, in order
     */
    static long[] of(int importedFunctions, List<List<AnnotatedInstruction>> bodies, int fuelGlobal) {
        int defined = bodies.size();
        long[] cost = new long[importedFunctions + defined];
        Arrays.fill(cost, NONE);
        int[] pending = new int[defined];
        List<List<Integer>> callers = new ArrayList<>(defined);
        for (int f = 0; f < defined; f++) {
            callers.add(new ArrayList<>());
        }
        var ready = new ArrayDeque<Integer>();
        for (int f = 0; f < defined; f++) {
            int[] callees = candidateCallees(bodies.get(f), importedFunctions, cost.length);
            if (callees == null) {
                pending[f] = -1;
                continue;
            }
            for (int callee : callees) {
                int g = callee - importedFunctions;
                if (g == f) {
                    pending[f] = -1;
                    break;
                }
                callers.get(g).add(f);
                pending[f]++;
            }
            if (pending[f] == 0) {
                ready.add(f);
            }
        }
        var callees = Callees.staticOnly(importedFunctions, cost); // sees each cost as it is found
        while (!ready.isEmpty()) {
            int f = ready.poll();
            MeterPlan plan = MeterPlan.of(bodies.get(f), fuelGlobal, callees);
            if (!plan.chargesOnlyAtEntry() || plan.charge[0] > CAP) {
                continue; // its callers stay pending, so they are not static either
            }
            cost[importedFunctions + f] = plan.charge[0];
            for (int caller : callers.get(f)) {
                if (pending[caller] > 0 && --pending[caller] == 0) {
                    ready.add(caller);
                }
            }
        }
        return cost;
    }

    /** The distinct functions a candidate calls directly, or null when it cannot have a static cost. */
    private static int[] candidateCallees(List<AnnotatedInstruction> code, int importedFunctions, int functions) {
        var callees = new LinkedHashSet<Integer>();
        for (AnnotatedInstruction ins : code) {
            switch (ins.opcode()) {
                case CALL -> {
                    long callee = ins.operand(0);
                    if (callee < importedFunctions || callee >= functions) {
                        return null;
                    }
                    callees.add((int) callee);
                }
                case LOOP, TRY_TABLE, THROW, THROW_REF, CALL_INDIRECT, CALL_REF, RETURN_CALL, RETURN_CALL_INDIRECT,
                        RETURN_CALL_REF, MEMORY_FILL, MEMORY_COPY, MEMORY_INIT, TABLE_FILL, TABLE_COPY, TABLE_INIT -> {
                    return null;
                }
                default -> {}
            }
        }
        return callees.stream().mapToInt(Integer::intValue).toArray();
    }
}
