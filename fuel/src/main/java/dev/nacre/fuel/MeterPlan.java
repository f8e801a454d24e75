package dev.nacre.fuel;

import java.util.List;
import run.endive.wasm.types.AnnotatedInstruction;
import run.endive.wasm.types.CatchOpCode;
import run.endive.wasm.types.OpCode;

/**
 * Where one function's metering code goes. Point {@code p} is the position just before
 * instruction {@code p}; every array is indexed by point.
 *
 * <p>A segment is a run of instructions that always executes from its first point to its last
 * once entered: it starts at function entry, after {@code loop} (a branch target), after
 * {@code if}/{@code else}, after the {@code end} of a {@code block}/{@code if}/{@code try_table}
 * that something branches to (a join), and after every conditional or unconditional branch.
 * Each segment is charged its instruction count at its first point. A {@code block} header, the
 * {@code end} of a {@code loop} and the {@code end} of a block nothing branches to are not joins,
 * so they do not cost a charge of their own.
 */
final class MeterPlan {
    private static final int FUNCTION_LABEL = -1;
    private static final int SIMD_PREFIX = 0xFD;

    final long[] charge;
    final boolean[] check;
    final boolean[] reload;
    final boolean[] flush;
    final boolean[] exitCheck;
    final boolean[] bulk;
    /** For a branch that may leave the function: the branch-table indices (or 0 for br_if) that do. */
    final int[][] exitsIf;
    boolean usesScratch;
    /** No calls, loops or exceptions: runs a bounded number of instructions and never re-enters. */
    boolean leaf = true;

    private final List<AnnotatedInstruction> code;
    private final int[] opener;
    private final boolean[] branchedTo;
    private final boolean[] caughtTo;
    private final int[][] targets;
    private final int[] stack;
    private int depth;

    private MeterPlan(List<AnnotatedInstruction> code) {
        int n = code.size();
        this.code = code;
        this.charge = new long[n];
        this.check = new boolean[n];
        this.reload = new boolean[n];
        this.flush = new boolean[n];
        this.exitCheck = new boolean[n];
        this.bulk = new boolean[n];
        this.exitsIf = new int[n][];
        this.opener = new int[n];
        this.branchedTo = new boolean[n];
        this.caughtTo = new boolean[n];
        this.targets = new int[n][];
        this.stack = new int[n + 1];
    }

    static MeterPlan of(List<AnnotatedInstruction> code) {
        if (code.isEmpty() || code.getLast().opcode() != OpCode.END) {
            throw new FuelException("malformed Wasm: function body does not end with end");
        }
        MeterPlan plan = new MeterPlan(code);
        plan.findTargets();
        plan.placeCharges();
        return plan;
    }

    /** First pass: which blocks are branch targets, and which are landing pads of try_table catches. */
    private void findTargets() {
        depth = 0;
        for (int i = 0; i < code.size(); i++) {
            AnnotatedInstruction ins = code.get(i);
            if (ins.opcode().opcode() >> 8 == SIMD_PREFIX) {
                throw new FuelException("module uses SIMD (" + ins.opcode()
                        + "), which Endive 1.0.0 cannot run: build the guest without SIMD (no -msimd128)");
            }
            switch (ins.opcode()) {
                case BLOCK, LOOP, IF -> push(i);
                case TRY_TABLE -> {
                    for (CatchOpCode.Catch c : ins.catches()) {
                        int target = resolve(c.label());
                        if (target != FUNCTION_LABEL) {
                            branchedTo[target] = true;
                            caughtTo[target] = true;
                        }
                    }
                    push(i);
                }
                case ELSE -> opener[i] = top();
                case END -> opener[i] = depth == 0 ? FUNCTION_LABEL : stack[--depth];
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
        if (depth != 0) {
            throw new FuelException("malformed Wasm: unbalanced block structure in a function body");
        }
    }

    /** Second pass: segment charges, flushes around calls and exits, reloads after them. */
    private void placeCharges() {
        int n = code.size();
        int segment = 0;
        boolean dead = false;
        check[0] = true;
        for (int i = 0; i < n; i++) {
            AnnotatedInstruction ins = code.get(i);
            OpCode op = ins.opcode();
            charge[segment]++;
            leaf &= !reentersOrUnwinds(op);
            boolean split;
            switch (op) {
                case CALL, CALL_INDIRECT, CALL_REF -> {
                    flush[i] = true;
                    reload[i + 1] = true;
                    split = false;
                }
                case RETURN_CALL, RETURN_CALL_INDIRECT, RETURN_CALL_REF, UNREACHABLE, THROW, THROW_REF -> {
                    flush[i] = true;
                    split = true;
                }
                case RETURN -> {
                    flush[i] = true;
                    exitCheck[i] = true;
                    split = true;
                }
                case LOOP -> {
                    if (caughtTo[i]) {
                        flush[i] = true;
                        reload[i + 1] = true;
                    }
                    split = true;
                }
                case IF -> {
                    flush[i] = caughtTo[i];
                    split = true;
                }
                case ELSE -> {
                    flush[i] = caughtTo[opener[i]];
                    split = true;
                }
                case END -> {
                    int open = opener[i];
                    if (open == FUNCTION_LABEL) {
                        flush[i] = true;
                        exitCheck[i] = true;
                        split = false;
                    } else {
                        OpCode kind = code.get(open).opcode();
                        if (caughtTo[open] && kind != OpCode.LOOP) {
                            flush[i] = true;
                            reload[i + 1] = true;
                        }
                        split = kind != OpCode.LOOP && (kind == OpCode.IF || branchedTo[open]);
                        if (split) {
                            // Branches to a block run its end too (as Endive's interpreter counts):
                            // charge the end once, after it, on every path into the join.
                            charge[segment]--;
                            charge[i + 1]++;
                        }
                    }
                }
                case BR, BR_IF, BR_TABLE, BR_ON_NULL, BR_ON_NON_NULL, BR_ON_CAST, BR_ON_CAST_FAIL -> {
                    int[] labels = targets[i];
                    int exits = 0;
                    for (int target : labels) {
                        if (target == FUNCTION_LABEL) {
                            flush[i] = true;
                            exitCheck[i] = true;
                            exits++;
                        } else if (caughtTo[target]) {
                            flush[i] = true;
                        }
                    }
                    // A branch out of the function runs the function's end; charge it on that path only.
                    if (exits == labels.length && exits > 0 && (op == OpCode.BR || op == OpCode.BR_TABLE)) {
                        charge[segment]++;
                    } else if (exits > 0 && (op == OpCode.BR_IF || op == OpCode.BR_TABLE)) {
                        int[] indices = new int[exits];
                        for (int k = 0, e = 0; k < labels.length; k++) {
                            if (labels[k] == FUNCTION_LABEL) {
                                indices[e++] = k;
                            }
                        }
                        exitsIf[i] = indices;
                        usesScratch = true;
                    }
                    split = true;
                }
                case MEMORY_FILL, MEMORY_COPY, MEMORY_INIT, TABLE_FILL, TABLE_COPY, TABLE_INIT -> {
                    bulk[i] = true;
                    usesScratch = true;
                    split = false;
                }
                default -> split = false;
            }
            if (split && i + 1 < n) {
                if (dead) {
                    charge[segment] = 0; // unreachable code: nothing to charge
                }
                segment = i + 1;
                check[segment] = op == OpCode.LOOP;
                dead = endsControl(op);
            }
        }
        if (dead) {
            charge[segment] = 0;
        }
    }

    private static boolean reentersOrUnwinds(OpCode op) {
        return switch (op) {
            case CALL, CALL_INDIRECT, CALL_REF, RETURN_CALL, RETURN_CALL_INDIRECT, RETURN_CALL_REF,
                    LOOP, THROW, THROW_REF, TRY_TABLE -> true;
            default -> false;
        };
    }

    /** Instructions after which the code that follows is unreachable until the next join. */
    private static boolean endsControl(OpCode op) {
        return switch (op) {
            case BR, BR_TABLE, RETURN, UNREACHABLE, THROW, THROW_REF,
                    RETURN_CALL, RETURN_CALL_INDIRECT, RETURN_CALL_REF -> true;
            default -> false;
        };
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
