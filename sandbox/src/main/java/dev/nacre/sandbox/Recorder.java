package dev.nacre.sandbox;

import java.util.ArrayList;
import java.util.List;

/** Collects the capability uses of one call, in order; bounded so a guest cannot flood the audit record. */
final class Recorder {
    static final int MAX_USES = 1000;
    private final List<CapabilityUse> uses = new ArrayList<>();
    private int dropped;

    synchronized void add(CapabilityUse use) {
        if (uses.size() < MAX_USES) {
            uses.add(use);
        } else {
            dropped++;
        }
    }

    synchronized List<CapabilityUse> uses() {
        var out = new ArrayList<>(uses);
        if (dropped > 0) out.add(new CapabilityUse.Denied("audit", dropped + " further uses not recorded"));
        return out;
    }
}
