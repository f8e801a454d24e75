package dev.nacre.bench;

import java.util.Arrays;

/** Order statistics of one measurement's samples, in nanoseconds (nearest-rank percentiles). */
record Stats(int n, long median, long p90, long p99, long max) {

    static Stats of(long[] nanos) {
        if (nanos.length == 0) throw new IllegalArgumentException("no samples");
        long[] sorted = nanos.clone();
        Arrays.sort(sorted);
        return new Stats(sorted.length, rank(sorted, 0.50), rank(sorted, 0.90), rank(sorted, 0.99), sorted[sorted.length - 1]);
    }

    /** The tail the table shows: p99 needs enough samples to mean something, so process tables use p90. */
    long tail(Tail tail) {
        return switch (tail) {
            case P90 -> p90;
            case P99 -> p99;
            case MAX -> max;
        };
    }

    private static long rank(long[] sorted, double q) {
        int i = (int) Math.ceil(q * sorted.length) - 1;
        return sorted[Math.clamp(i, 0, sorted.length - 1)];
    }

    enum Tail {
        P90("p90"), P99("p99"), MAX("max");

        final String label;

        Tail(String label) {
            this.label = label;
        }
    }
}
