package dev.nacre.bench;

import java.util.Optional;

/**
 * One cell of the scenario table: the median of several runs of a scenario, as milliseconds of wall
 * time or, for a worker pool, queries per second; or why there is no number.
 */
record Measured(int runs, double value, boolean rate, Optional<String> missing) {

    static Measured millis(Samples samples) {
        var stats = samples.stats();
        return new Measured(stats.n(), stats.median() / 1e6, false, Optional.empty());
    }

    /** {@code batches}: wall time of each batch of {@code queries} queries. */
    static Measured rate(Samples batches, int queries) {
        var stats = batches.stats();
        return new Measured(stats.n(), queries / (stats.median() / 1e9), true, Optional.empty());
    }

    static Measured none(String why) {
        return new Measured(0, Double.NaN, false, Optional.of(why));
    }

    boolean present() {
        return missing.isEmpty();
    }

    String text() {
        if (missing.isPresent()) return missing.get();
        return Table.number(value) + (rate ? " q/s" : " ms");
    }

    /** How many times better this is than {@code other}: a shorter time or a higher rate. */
    Optional<Double> timesBetterThan(double other) {
        if (!present() || Double.isNaN(other) || value == 0) return Optional.empty();
        return Optional.of(rate ? value / other : other / value);
    }
}
