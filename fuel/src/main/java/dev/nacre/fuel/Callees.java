package dev.nacre.fuel;

import java.util.Arrays;

/**
 * What a function's plan needs to know about the functions it calls directly: which ones its
 * caller pays for entirely ({@link StaticCosts}, no flush around the call) and which ones only
 * the entry of ({@link MeterPlan#prepaid}, the callee charges the rest itself).
 *
 * @param imported the number of imported functions (they come first in the index space)
 * @param staticCost by function index: the static cost, or {@link StaticCosts#NONE}
 * @param entryCost by function index: what a caller pays ahead for the callee's entry region, or
 *     {@link StaticCosts#NONE} when the callee charges its entry itself
 */
record Callees(int imported, long[] staticCost, long[] entryCost) {
    /** Callees whose entries all charge themselves. */
    static Callees staticOnly(int imported, long[] staticCost) {
        long[] none = new long[staticCost.length];
        Arrays.fill(none, StaticCosts.NONE);
        return new Callees(imported, staticCost, none);
    }

    int functions() {
        return staticCost.length;
    }

    long staticCost(long function) {
        return staticCost[(int) function];
    }

    long entryCost(long function) {
        return entryCost[(int) function];
    }

    /**
     * A defined function without a static cost: a call to it may go to a copy whose entry the
     * caller pays, so a caller whose own entry is prepaid keeps such calls out of its entry region
     * (else its entry cost would include its callees', without end in a recursion).
     */
    boolean mayPrepay(long function) {
        return function >= imported && staticCost[(int) function] == StaticCosts.NONE;
    }
}
