package dev.nacre.fuel;

import java.util.Arrays;
import java.util.List;
import run.endive.wasm.types.AnnotatedInstruction;
import run.endive.wasm.types.CatchOpCode;
import run.endive.wasm.types.OpCode;

/**
 * Where one function's metering code goes. Point {@code p} is the position just before
 * instruction {@code p}; every array is indexed by point.
 *
 * <p>Fuel is charged at a few <em>charge points</em>, each charging the most instructions any path
 * from it can run before it reaches the next charge point or leaves the function (an upper bound
 * of what that path runs, computed over the function's structured control flow; {@link #cost}).
 * Back edges only go to loop headers, and those are charge points, so the paths between charge
 * points are acyclic and every instruction executed is paid for by the last charge point before
 * it.
 *
 * <p>A function without loops ({@link #entryOnly}) has one charge point, its entry: it charges its
 * worst-case path straight to the global on entry and does nothing else, not even around calls.
 * A function with loops keeps the fuel in a local, charges at entry, at every loop header (with a
 * check), after every construct that contains a loop (so code after a loop is not charged on each
 * iteration) and where a {@code try_table} catch lands; it flushes the local to the global before
 * calls and exits and reloads it after calls. A direct call to a helper of static cost
 * ({@link StaticCosts}) is paid in the caller's region instead and needs neither.
 *
 * <p>A function without loops whose first straight-line code calls no other defined function
 * (the cheap exit of a recursion, such as fib's {@code n < 2}) is {@link #prepaid}: a charge point
 * goes before the first such call on every path, so its entry region calls nothing that could
 * charge back into it, and its direct callers pay that region's cost in their own region and call
 * a copy that skips the entry charge. A recursion's leaves then touch the global not at all.
 */
final class MeterPlan {
    private static final int FUNCTION_LABEL = -1;
    private static final int SIMD_PREFIX = 0xFD;
    /**
     * Costs saturate here rather than wrap: a region of millions of calls to helpers of static
     * cost could sum past 2^63, and a wrapped charge would add fuel. No budget comes near 2^61, so
     * a saturated charge traps at once, as the true one would.
     */
    static final long SATURATED = 1L << 61;
    /** A lopsided branch's expensive side charges itself when it costs more than twice the other side plus this. */
    private static final long SPLIT_SLACK = 4;

    final long[] charge;
    final boolean[] check;
    final boolean[] reload;
    final boolean[] flush;
    final boolean[] exitCheck;
    final boolean[] bulk;
    boolean usesScratch;
    /** No loops, bulk operations or try_table: charges go straight to the global, the entry's first. */
    boolean entryOnly = true;
    /**
     * Its entry region (what {@code charge[0]} pays for) calls no defined function but those of
     * static cost: a direct caller may pay that charge and call a copy without it.
     */
    boolean prepaid;

    private final List<AnnotatedInstruction> code;
    private final int fuelGlobal;
    private final Callees callees;
    private final int[] opener;
    private final int[] endOf;
    private final int[] elseOf;
    private final boolean[] branchedTo;
    private final boolean[] caughtTo;
    private final boolean[] containsLoop;
    private final boolean[] chargePoint;
    private final int[] landing;
    private final int[][] targets;
    private final int[] stack;
    private int depth;

    private MeterPlan(List<AnnotatedInstruction> code, int fuelGlobal, Callees callees) {
        int n = code.size();
        this.code = code;
        this.fuelGlobal = fuelGlobal;
        this.callees = callees;
        this.charge = new long[n];
        this.check = new boolean[n];
        this.reload = new boolean[n];
        this.flush = new boolean[n];
        this.exitCheck = new boolean[n];
        this.bulk = new boolean[n];
        this.opener = new int[n];
        this.endOf = new int[n];
        this.elseOf = new int[n];
        this.branchedTo = new boolean[n];
        this.caughtTo = new boolean[n];
        this.containsLoop = new boolean[n];
        this.chargePoint = new boolean[n + 1];
        this.landing = new int[n];
        this.targets = new int[n][];
        this.stack = new int[n + 1];
    }

    /** A plan for {@code code}, calling {@code callees}. */
    static MeterPlan of(List<AnnotatedInstruction> code, int fuelGlobal, Callees callees) {
        if (code.isEmpty() || code.getLast().opcode() != OpCode.END) {
            throw new FuelException("malformed Wasm: function body does not end with end");
        }
        MeterPlan plan = new MeterPlan(code, fuelGlobal, callees);
        plan.findTargets();
        plan.placeChargePoints();
        plan.placeFlushes();
        plan.cost();
        return plan;
    }

    /** First pass: block structure, branch targets, landing pads of try_table catches, loops. */
    private void findTargets() {
        depth = 0;
        Arrays.fill(elseOf, -1);
        for (int i = 0; i < code.size(); i++) {
            AnnotatedInstruction ins = code.get(i);
            if (ins.opcode().opcode() >> 8 == SIMD_PREFIX) {
                throw new FuelException("module uses SIMD (" + ins.opcode()
                        + "), which Endive 1.0.0 cannot run: build the guest without SIMD (no -msimd128)");
            }
            switch (ins.opcode()) {
                case LOOP -> {
                    containsLoop[i] = true;
                    entryOnly = false;
                    push(i);
                }
                case BLOCK, IF -> push(i);
                case TRY_TABLE -> {
                    entryOnly = false;
                    for (CatchOpCode.Catch c : ins.catches()) {
                        int target = resolve(c.label());
                        if (target != FUNCTION_LABEL) {
                            branchedTo[target] = true;
                            caughtTo[target] = true;
                        }
                    }
                    push(i);
                }
                case ELSE -> {
                    opener[i] = top();
                    elseOf[opener[i]] = i;
                }
                case END -> {
                    if (depth == 0) {
                        opener[i] = FUNCTION_LABEL;
                    } else {
                        int open = stack[--depth];
                        opener[i] = open;
                        endOf[open] = i;
                        if (containsLoop[open] && depth > 0) {
                            containsLoop[stack[depth - 1]] = true;
                        }
                    }
                }
                case CALL, RETURN_CALL, REF_FUNC -> {
                    if (ins.operand(0) >= callees.functions()) {
                        // Invalid in the original; after instrumentation it would name an unmetered copy.
                        throw new FuelException("malformed Wasm: " + ins.opcode() + " of function " + ins.operand(0)
                                + ", which the module does not define");
                    }
                }
                case GLOBAL_GET, GLOBAL_SET -> {
                    if (ins.operand(0) >= fuelGlobal) {
                        // Invalid in the original; after instrumentation it would name the fuel global.
                        throw new FuelException("malformed Wasm: " + ins.opcode() + " of global " + ins.operand(0)
                                + ", which the module does not define");
                    }
                }
                case MEMORY_FILL, MEMORY_COPY, MEMORY_INIT, TABLE_FILL, TABLE_COPY, TABLE_INIT -> {
                    bulk[i] = true;
                    usesScratch = true;
                    entryOnly = false;
                }
                default -> {
                    targets[i] = targets(ins);
                    for (int target : targets[i]) {
                        if (target != FUNCTION_LABEL) {
                            branchedTo[target] = true;
                        }
                    }
                }
            }
        }
        if (depth != 0 || opener[code.size() - 1] != FUNCTION_LABEL) {
            throw new FuelException("malformed Wasm: unbalanced block structure in a function body");
        }
    }

    /**
     * Entry; in functions without loops also before the first call on each path of a prepaid one;
     * in functions with loops also loop headers (checked), after loop-containing constructs, and
     * catch landings.
     */
    private void placeChargePoints() {
        chargePoint[0] = true;
        check[0] = true;
        if (entryOnly) {
            prepaid = splitBeforeCalls();
            return;
        }
        int n = code.size();
        for (int i = 0; i < n - 1; i++) {
            switch (code.get(i).opcode()) {
                case LOOP -> check[mark(i + 1)] = true;
                case END -> {
                    int open = opener[i];
                    if (containsLoop[open] || caughtTo[open]) {
                        int q = mark(i + 1);
                        if (caughtTo[open] && q < n) {
                            // A catch lands past the block's end and the ends up to q, which the
                            // normal edges into the block have charged, but a throw has not.
                            landing[q] = Math.max(landing[q], q - i);
                        }
                    }
                }
                default -> {}
            }
        }
    }

    /**
     * A forward pass that makes the start of the straight-line code holding the first call (of a
     * defined function without static cost) on every path a charge point, checked like all
     * charges of a function without loops. Returns false, placing nothing, when the code the
     * entry runs straight into makes such a call: the function then stays charged at its entry.
     * {@code paid} is whether every path to the current point passed such a charge point; where
     * paths join (after an {@code end}), it is the conjunction over the edges arriving there.
     */
    private boolean splitBeforeCalls() {
        int n = code.size();
        boolean[] paidAtEnd = new boolean[n];
        Arrays.fill(paidAtEnd, true);
        boolean[] paidAtIf = new boolean[n];
        boolean paid = false;
        int straight = 0;
        for (int i = 0; i < n; i++) {
            AnnotatedInstruction ins = code.get(i);
            switch (ins.opcode()) {
                case CALL -> {
                    if (!paid && callees.mayPrepay(ins.operand(0))) {
                        if (straight == 0) {
                            return false;
                        }
                        chargePoint[straight] = true;
                        check[straight] = true;
                        paid = true;
                    }
                    continue;
                }
                case BLOCK -> {}
                case IF -> paidAtIf[i] = paid;
                case ELSE -> {
                    paidAtEnd[endOf[opener[i]]] &= paid;
                    paid = paidAtIf[opener[i]];
                }
                case END -> {
                    int open = opener[i];
                    if (open != FUNCTION_LABEL) {
                        if (code.get(open).opcode() == OpCode.IF && elseOf[open] < 0) {
                            paid &= paidAtIf[open];
                        }
                        paid &= paidAtEnd[i];
                    }
                }
                case BR_IF, BR_ON_NULL, BR_ON_NON_NULL, BR_ON_CAST, BR_ON_CAST_FAIL -> branch(paidAtEnd, targets[i], paid);
                case BR, BR_TABLE -> {
                    branch(paidAtEnd, targets[i], paid);
                    paid = true; // nothing reaches the code that follows but a later branch
                }
                case RETURN, UNREACHABLE, THROW, THROW_REF, RETURN_CALL, RETURN_CALL_INDIRECT, RETURN_CALL_REF ->
                        paid = true;
                default -> {
                    continue;
                }
            }
            straight = i + 1;
        }
        return true;
    }

    private void branch(boolean[] paidAtEnd, int[] labels, boolean paid) {
        for (int target : labels) {
            if (target != FUNCTION_LABEL) {
                paidAtEnd[endOf[target]] &= paid; // no loops here: every label is a block's or an if's
            }
        }
    }

    /** Flushes before calls and exits, reloads after calls; try_table landing pads reload too. */
    private void placeFlushes() {
        if (entryOnly) {
            return;
        }
        int n = code.size();
        for (int i = 0; i < n; i++) {
            AnnotatedInstruction ins = code.get(i);
            switch (ins.opcode()) {
                case CALL, CALL_INDIRECT, CALL_REF -> {
                    if (staticCost(ins) == StaticCosts.NONE) {
                        flush[i] = true;
                        reload[i + 1] = true;
                    }
                }
                case RETURN_CALL, RETURN_CALL_INDIRECT, RETURN_CALL_REF, UNREACHABLE, THROW, THROW_REF -> flush[i] = true;
                case RETURN -> {
                    flush[i] = true;
                    exitCheck[i] = true;
                }
                case LOOP -> {
                    if (caughtTo[i]) {
                        flush[i] = true;
                        reload[i + 1] = true;
                    }
                }
                case IF -> flush[i] = caughtTo[i];
                case ELSE -> flush[i] = caughtTo[opener[i]];
                case END -> {
                    int open = opener[i];
                    if (open == FUNCTION_LABEL) {
                        flush[i] = true;
                        exitCheck[i] = true;
                    } else if (caughtTo[open] && code.get(open).opcode() != OpCode.LOOP) {
                        flush[i] = true;
                        reload[i + 1] = true;
                    }
                }
                case BR, BR_IF, BR_TABLE, BR_ON_NULL, BR_ON_NON_NULL, BR_ON_CAST, BR_ON_CAST_FAIL -> {
                    for (int target : targets[i]) {
                        if (target == FUNCTION_LABEL) {
                            flush[i] = true;
                            exitCheck[i] = true;
                        } else if (caughtTo[target]) {
                            flush[i] = true;
                        }
                    }
                }
                default -> {}
            }
        }
    }

    /**
     * Makes the first point at or after {@code p} that is not an {@code end} a charge point, and
     * returns it. Code inserted before an {@code end} runs only on fallthrough: a branch to the
     * block lands after it.
     */
    private int mark(int p) {
        int last = code.size() - 1;
        while (p < last && code.get(p).opcode() == OpCode.END) {
            p++;
        }
        if (p < last) {
            chargePoint[p] = true;
        }
        return p;
    }

    /**
     * Backward pass: {@code cost[p]} is the most instructions a path from point {@code p} runs
     * until the next charge point (exclusive) or the end of the function, counted as Endive's
     * interpreter counts them ({@code block}, {@code loop}, {@code if}, {@code else}, {@code end}
     * one each, a branch to a block runs its {@code end}, {@code return} skips the function's
     * {@code end}). Every forward edge goes to a later point, and every backward edge to a
     * loop header, a charge point, so one pass from the end computes it.
     */
    private void cost() {
        int n = code.size();
        long[] cost = new long[n + 1];
        for (int i = n - 1; i >= 0; i--) {
            AnnotatedInstruction ins = code.get(i);
            long next = switch (ins.opcode()) {
                case IF -> {
                    int otherwise = elseOf[i] >= 0 ? elseOf[i] + 1 : endOf[i];
                    long then = after(cost, i + 1);
                    long alternative = after(cost, otherwise);
                    if (lopsided(then, alternative) && splittable(i + 1)) {
                        chargePoint[i + 1] = true;
                        then = 0;
                    } else if (lopsided(alternative, then) && elseOf[i] >= 0 && splittable(otherwise)) {
                        chargePoint[otherwise] = true;
                        alternative = 0;
                    }
                    yield Math.max(then, alternative);
                }
                case ELSE -> after(cost, endOf[opener[i]]);
                case END -> opener[i] == FUNCTION_LABEL ? 0 : after(cost, i + 1);
                case BR, BR_TABLE -> maxTarget(cost, targets[i]);
                case BR_IF, BR_ON_NULL, BR_ON_NON_NULL, BR_ON_CAST, BR_ON_CAST_FAIL -> {
                    long stay = after(cost, i + 1);
                    long leave = maxTarget(cost, targets[i]);
                    if (lopsided(stay, leave) && splittable(i + 1)) {
                        chargePoint[i + 1] = true;
                        stay = 0;
                    }
                    yield Math.max(stay, leave);
                }
                case RETURN, UNREACHABLE, THROW, THROW_REF, RETURN_CALL, RETURN_CALL_INDIRECT, RETURN_CALL_REF -> 0;
                case CALL -> add(after(cost, i + 1), paidHere(ins));
                default -> after(cost, i + 1);
            };
            cost[i] = add(next, 1);
        }
        for (int p = 0; p < n; p++) {
            if (chargePoint[p]) {
                charge[p] = add(cost[p], landing[p]);
            }
        }
    }

    /** {@code a + b} for costs in [0, SATURATED], saturating. */
    static long add(long a, long b) {
        return Math.min(SATURATED, a + b);
    }

    /** Whether the entry is the only charge point: then {@code charge[0]} is what every call costs at most. */
    boolean chargesOnlyAtEntry() {
        for (int p = 1; p < code.size(); p++) {
            if (chargePoint[p]) {
                return false;
            }
        }
        return entryOnly;
    }

    /** What a direct call's callee costs when its caller pays for it, or {@link StaticCosts#NONE}. */
    long staticCost(AnnotatedInstruction call) {
        if (call.opcode() != OpCode.CALL) {
            return StaticCosts.NONE;
        }
        return callees.staticCost(call.operand(0));
    }

    /** What this function pays for a direct call's callee: all of it, its entry region, or nothing. */
    private long paidHere(AnnotatedInstruction call) {
        long all = callees.staticCost(call.operand(0));
        if (all != StaticCosts.NONE) {
            return all;
        }
        return Math.max(0, callees.entryCost(call.operand(0)));
    }

    /**
     * Whether a path costing {@code expensive} should pay for itself rather than be charged ahead
     * on every path, {@code cheap} ones too: when it would more than double what they pay.
     */
    private static boolean lopsided(long expensive, long cheap) {
        return expensive > 2 * cheap + SPLIT_SLACK;
    }

    /** Point {@code p} (with a single predecessor) can become a charge point: not an end, in a function with a local. */
    private boolean splittable(int p) {
        return p < code.size() - 1 && code.get(p).opcode() != OpCode.END && code.get(p).opcode() != OpCode.ELSE
                && !chargePoint[p];
    }

    /** What a path arriving at point {@code p} still has to pay from here: nothing at a charge point. */
    private long after(long[] cost, int p) {
        return chargePoint[p] ? 0 : cost[p];
    }

    private long maxTarget(long[] cost, int[] labels) {
        long max = 0;
        for (int target : labels) {
            long c;
            if (target == FUNCTION_LABEL) {
                c = 1; // the function's end
            } else if (code.get(target).opcode() == OpCode.LOOP) {
                c = after(cost, target + 1);
            } else {
                c = after(cost, endOf[target]);
            }
            max = Math.max(max, c);
        }
        return max;
    }

    /** The blocks (as indices of their opening instruction) a branch instruction may jump to. */
    private int[] targets(AnnotatedInstruction ins) {
        return switch (ins.opcode()) {
            case BR, BR_IF, BR_ON_NULL, BR_ON_NON_NULL -> new int[] {resolve(ins.operand(0))};
            case BR_ON_CAST, BR_ON_CAST_FAIL -> new int[] {resolve(ins.operand(1))};
            case BR_TABLE -> {
                int[] result = new int[ins.operandCount()];
                for (int k = 0; k < result.length; k++) {
                    result[k] = resolve(ins.operand(k));
                }
                yield result;
            }
            default -> new int[0];
        };
    }

    private int resolve(long label) {
        if (label < 0 || label > depth) {
            throw new FuelException("malformed Wasm: branch to label " + label + " at depth " + depth);
        }
        return label == depth ? FUNCTION_LABEL : stack[depth - 1 - (int) label];
    }

    private void push(int index) {
        stack[depth++] = index;
    }

    private int top() {
        if (depth == 0) {
            throw new FuelException("malformed Wasm: else outside if");
        }
        return stack[depth - 1];
    }
}
