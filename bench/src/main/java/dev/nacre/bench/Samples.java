package dev.nacre.bench;

import java.util.Arrays;

/** A growable array of timings in nanoseconds: no boxing while measuring. */
final class Samples {
    private long[] values = new long[64];
    private int size;

    void add(long nanos) {
        if (size == values.length) values = Arrays.copyOf(values, size * 2);
        values[size++] = nanos;
    }

    void addAll(Samples other) {
        for (int i = 0; i < other.size; i++) add(other.values[i]);
    }

    /** The timings, in the order added. */
    long[] values() {
        return Arrays.copyOf(values, size);
    }

    Stats stats() {
        return Stats.of(Arrays.copyOf(values, size));
    }
}
