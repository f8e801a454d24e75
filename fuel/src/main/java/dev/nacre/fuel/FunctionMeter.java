package dev.nacre.fuel;

import java.util.List;
import run.endive.wasm.types.AnnotatedInstruction;
import run.endive.wasm.types.OpCode;

/**
 * Rewrites one function body: adds an i64 local that holds the fuel while the function runs and
 * inserts the charges, checks, flushes and reloads a {@link MeterPlan} asks for. Original
 * instructions are copied byte for byte, but for direct calls to functions that have a copy: the
 * unmetered copy of a function of static cost ({@link StaticCosts}), or the copy of a prepaid
 * function that skips its entry charge ({@link MeterPlan#prepaid}). Also writes those copies.
 */
final class FunctionMeter {
    private static final int UNREACHABLE = 0x00;
    private static final int IF = 0x04;
    private static final int END = 0x0B;
    private static final int LOCAL_GET = 0x20;
    private static final int LOCAL_SET = 0x21;
    private static final int LOCAL_TEE = 0x22;
    private static final int GLOBAL_GET = 0x23;
    private static final int GLOBAL_SET = 0x24;
    private static final int I64_CONST = 0x42;
    private static final int I64_LT_S = 0x53;
    private static final int I64_SUB = 0x7D;
    private static final int I64_EXTEND_I32_U = 0xAD;
    private static final int EMPTY_BLOCK = 0x40;
    private static final int I64 = 0x7E;
    private static final int I32 = 0x7F;
    private static final int CALL = 0x10;

    private final byte[] wasm;
    private final int fuelGlobal;
    private final Callees callees;
    private final int[] copyOf;
    private final ByteSink out = new ByteSink();
    private int fuel;
    private int scratch;
    private boolean stale;

    /** @param copyOf by function index: the index of its copy, or -1 */
    FunctionMeter(byte[] wasm, int fuelGlobal, Callees callees, int[] copyOf) {
        this.wasm = wasm;
        this.fuelGlobal = fuelGlobal;
        this.callees = callees;
        this.copyOf = copyOf;
    }

    /** The body at {@code [bodyStart, bodyEnd)} unmetered, its calls sent to copies (all its callees have one). */
    ByteSink unmetered(int bodyStart, int bodyEnd, List<AnnotatedInstruction> code) {
        int declarationsEnd = code.getFirst().address();
        out.copy(wasm, bodyStart, declarationsEnd);
        for (int p = 0; p < code.size(); p++) {
            copyInstruction(code, p, bodyEnd);
        }
        return out;
    }

    /**
     * Meters the body at {@code [bodyStart, bodyEnd)} of the original binary.
     *
     * @param firstLocal index of the first local after the params and declared locals
     * @param prepaidEntry {@link StaticCosts#NONE} for a body that charges its entry; for the copy
     *     of a prepaid function, what its callers pay for its entry region (the plan must agree)
     * @return the new body, without its size prefix
     */
    ByteSink meter(int bodyStart, int bodyEnd, int firstLocal, List<AnnotatedInstruction> code, long prepaidEntry) {
        MeterPlan plan = MeterPlan.of(code, fuelGlobal, callees);
        boolean skipEntry = prepaidEntry != StaticCosts.NONE;
        if (skipEntry && (!plan.prepaid || plan.charge[0] != prepaidEntry)) {
            // The callers were planned with a cost this body would not charge: a bug here, not bad input.
            throw new IllegalStateException("entry cost changed between plans: " + prepaidEntry + " then " + plan.charge[0]);
        }
        fuel = firstLocal;
        scratch = firstLocal + 1;

        ByteCursor in = new ByteCursor(wasm, bodyStart, bodyEnd);
        int declarations = in.u32();
        int declarationsEnd = code.getFirst().address();
        if (declarationsEnd < in.position() || declarationsEnd >= bodyEnd) {
            throw new FuelException("malformed Wasm: function body at byte " + bodyStart + " does not match its code");
        }
        out.u32(declarations + (plan.usesScratch ? 2 : 1));
        out.copy(wasm, in.position(), declarationsEnd);
        out.u32(1);
        out.u8(I64);
        if (plan.usesScratch) {
            out.u32(1);
            out.u8(I32);
        }

        for (int p = 0; p < code.size(); p++) {
            if (p > 0 || !skipEntry) {
                emitPoint(plan, p, code.get(p));
            }
            copyInstruction(code, p, bodyEnd);
        }
        return out;
    }

    private void copyInstruction(List<AnnotatedInstruction> code, int p, int bodyEnd) {
        AnnotatedInstruction ins = code.get(p);
        int from = ins.address();
        int to = p + 1 < code.size() ? code.get(p + 1).address() : bodyEnd;
        if (to <= from || to > bodyEnd) {
            throw new FuelException("malformed Wasm: instruction at byte " + from + " overlaps the next");
        }
        if (ins.opcode() == OpCode.CALL && ins.operand(0) < copyOf.length && copyOf[(int) ins.operand(0)] >= 0) {
            op(CALL, copyOf[(int) ins.operand(0)]);
        } else {
            out.copy(wasm, from, to);
        }
    }

    /**
     * After a call the global holds the current fuel and the local is stale. Reloading lazily, at
     * the next charge or before the next control instruction, lets back-to-back calls skip both
     * the reload and the flush; the local is always current at block boundaries, so joins agree.
     */
    private void emitPoint(MeterPlan plan, int p, AnnotatedInstruction ins) {
        if (plan.entryOnly) {
            // No loops: each charge goes straight to the global (the entry's covers the whole
            // function but for lopsided branches and, in a prepaid one, the code from the first
            // call on), so nothing else is needed: no flush or reload around calls, nothing at exits.
            if (plan.charge[p] > 0) {
                op(GLOBAL_GET, fuelGlobal);
                subtract(plan.charge[p]);
                op(LOCAL_TEE, fuel);
                op(GLOBAL_SET, fuelGlobal);
                op(LOCAL_GET, fuel);
                trapIfNegative(false);
            }
            return;
        }
        if (p == 0) {
            op(GLOBAL_GET, fuelGlobal);
            subtract(plan.charge[0]);
            op(LOCAL_TEE, fuel);
            trapIfNegative(true);
        } else {
            stale |= plan.reload[p];
            if (plan.charge[p] > 0) {
                loadFuel();
                subtract(plan.charge[p]);
                if (plan.check[p]) {
                    op(LOCAL_TEE, fuel);
                    trapIfNegative(true);
                } else {
                    op(LOCAL_SET, fuel);
                }
            }
        }
        if (plan.bulk[p]) {
            // The length operand is on top of the stack: charge one unit per byte or element.
            reloadIfStale();
            op(LOCAL_TEE, scratch);
            op(LOCAL_GET, fuel);
            op(LOCAL_GET, scratch);
            out.u8(I64_EXTEND_I32_U);
            out.u8(I64_SUB);
            op(LOCAL_SET, fuel);
        }
        if (plan.flush[p] && !stale) {
            op(LOCAL_GET, fuel);
            op(GLOBAL_SET, fuelGlobal);
        }
        if (plan.exitCheck[p]) {
            if (stale) {
                op(GLOBAL_GET, fuelGlobal);
            } else {
                op(LOCAL_GET, fuel);
            }
            trapIfNegative(false);
        }
        if (stale && p < plan.charge.length - 1 && continuesInFunction(ins.opcode())) {
            reloadIfStale();
        }
    }

    /** Control instructions after which this function goes on, possibly elsewhere. */
    private static boolean continuesInFunction(OpCode op) {
        return switch (op) {
            case BLOCK, LOOP, IF, ELSE, END, TRY_TABLE, BR, BR_IF, BR_TABLE, BR_ON_NULL, BR_ON_NON_NULL,
                    BR_ON_CAST, BR_ON_CAST_FAIL -> true;
            default -> false;
        };
    }

    /** Pushes the current fuel. */
    private void loadFuel() {
        if (stale) {
            op(GLOBAL_GET, fuelGlobal);
            stale = false;
        } else {
            op(LOCAL_GET, fuel);
        }
    }

    private void reloadIfStale() {
        if (stale) {
            op(GLOBAL_GET, fuelGlobal);
            op(LOCAL_SET, fuel);
            stale = false;
        }
    }

    private void subtract(long amount) {
        out.u8(I64_CONST);
        out.s64(amount);
        out.u8(I64_SUB);
    }

    /**
     * Consumes the fuel value on the stack; traps if it is negative, publishing it first if asked.
     * ({@code i64.lt_s} compiles to a call into Endive's runtime, which C2 inlines except in very big
     * methods; testing the sign bit with an inline shift instead measured 1.4× slower on collatz.)
     */
    private void trapIfNegative(boolean publish) {
        out.u8(I64_CONST);
        out.s64(0);
        out.u8(I64_LT_S);
        out.u8(IF);
        out.u8(EMPTY_BLOCK);
        if (publish) {
            op(LOCAL_GET, fuel);
            op(GLOBAL_SET, fuelGlobal);
        }
        out.u8(UNREACHABLE);
        out.u8(END);
    }

    private void op(int opcode, int index) {
        out.u8(opcode);
        out.u32(index);
    }
}
