package dev.nacre.sandbox;

import java.util.ArrayList;
import java.util.List;

/**
 * Collects the capability uses of one call, in order; bounded so a guest cannot flood the audit
 * record. Every string goes through the call's {@link Redactor} first.
 */
final class Recorder {
    static final int MAX_USES = 1000;
    private final List<CapabilityUse> uses = new ArrayList<>();
    private final Redactor redactor;
    private int dropped;

    Recorder() {
        this(Redactor.NONE);
    }

    Recorder(Redactor redactor) {
        this.redactor = redactor;
    }

    Redactor redactor() {
        return redactor;
    }

    synchronized void add(CapabilityUse use) {
        if (uses.size() < MAX_USES) {
            uses.add(redactor.isEmpty() ? use : redact(use));
        } else {
            dropped++;
        }
    }

    synchronized List<CapabilityUse> uses() {
        var out = new ArrayList<>(uses);
        if (dropped > 0) out.add(new CapabilityUse.Denied("audit", dropped + " further uses not recorded"));
        return out;
    }

    private CapabilityUse redact(CapabilityUse use) {
        var r = redactor;
        return switch (use) {
            case CapabilityUse.FileRead f -> new CapabilityUse.FileRead(r.redact(f.path()), f.bytes());
            case CapabilityUse.FileWritten w -> new CapabilityUse.FileWritten(r.redact(w.path()), w.bytes());
            case CapabilityUse.SymlinkSkipped s -> new CapabilityUse.SymlinkSkipped(r.redact(s.path()));
            case CapabilityUse.EnvPassed e -> e;
            case CapabilityUse.Http h -> new CapabilityUse.Http(h.method(), r.redact(h.host()), h.status());
            case CapabilityUse.SecretUsed s -> s;
            case CapabilityUse.Denied d -> new CapabilityUse.Denied(d.capability(), r.redact(d.detail()));
            case CapabilityUse.Log l -> new CapabilityUse.Log(l.level(), r.redact(l.message()));
        };
    }
}
