package dev.nacre.fuel;

/**
 * Deterministic instruction budgets for Wasm modules, added by rewriting their code.
 *
 * <p>The instrumented module exports a mutable i64 global, {@link #GLOBAL}, holding the fuel
 * remaining. The host sets it to the budget before calling an export and reads it afterwards:
 * fuel used = budget - remaining. When the fuel runs out the module writes the (negative)
 * remaining fuel to the global and traps with {@code unreachable}, so a trap with a negative
 * global means the budget was exhausted. One unit is one Wasm instruction of the original
 * module; bulk memory and table operations also cost one unit per byte or element.
 */
public final class Fuel {
    /** Name of the exported global that holds the fuel remaining. */
    public static final String GLOBAL = "nacre_fuel";

    /**
     * What the global holds when the module is instantiated, so a start function (which Endive
     * runs during instantiation, before the host can set a budget) is bounded too. Set the real
     * budget after instantiation.
     */
    public static final long START_FUEL = 100_000_000L;

    private Fuel() {}

    /**
     * Returns a copy of {@code wasm} that meters its own execution.
     *
     * @throws FuelException if the bytes are not a Wasm module Endive can parse, or it already
     *     exports {@link #GLOBAL}
     */
    public static byte[] instrument(byte[] wasm) {
        return new Instrumenter(wasm).instrument();
    }
}
