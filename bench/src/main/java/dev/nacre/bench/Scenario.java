package dev.nacre.bench;

/** The reference benchmark's scenarios, in the order of its table. */
enum Scenario {
    INIT("cold start (init)", "110 ms"),
    SINGLE("single turn", "100 ms"),
    TOOL("tool turn (memory tool call)", "—"),
    CONVERSATION("20-turn conversation, history grows", "—"),
    CONVERSATION_NO_HISTORY("20-turn conversation, no history (as the port)", "110 ms"),
    PARALLEL("%d parallel agents (single turn each)", "611 ms"),
    POOL_1("worker pool: 1 worker, %d single-turn queries", "—"),
    POOL_5("worker pool: 5 workers, %d single-turn queries", "—"),
    POOL_10("worker pool: 10 workers, %d single-turn queries", "—"),
    POOL_20("worker pool: 20 workers, %d single-turn queries", "81 q/s");

    final String label;
    /** The pywasm (WASI) figure as published; "—" where the table has none. */
    final String published;

    Scenario(String label, String published) {
        this.label = label;
        this.published = published;
    }

    /** The label with the batch size filled in (50 in the reference, fewer in quick runs). */
    String label(int queries) {
        return label.contains("%d") ? label.formatted(queries) : label;
    }

    boolean isBatch() {
        return this == PARALLEL || isPool();
    }

    boolean isPool() {
        return workers() > 0;
    }

    int workers() {
        return switch (this) {
            case POOL_1 -> 1;
            case POOL_5 -> 5;
            case POOL_10 -> 10;
            case POOL_20 -> 20;
            default -> 0;
        };
    }

    /** The published figure as a number: milliseconds, or queries per second for the pools. */
    double publishedValue() {
        return switch (this) {
            case INIT -> 110;
            case SINGLE -> 100;
            case CONVERSATION_NO_HISTORY -> 110;
            case PARALLEL -> 611;
            case POOL_20 -> 81;
            default -> Double.NaN;
        };
    }
}
