package dev.nacre.bench;

import java.lang.management.ManagementFactory;
import java.util.ArrayList;

/**
 * Heap per idle session: open {@code n} agents, give each one exchange ("Hello" → "Hello!"), keep
 * them all reachable, and divide the growth of the heap in use after a full GC by {@code n}. What a
 * server holding that many open conversations pays per conversation, journal caches included.
 */
final class SessionHeap {
    private SessionHeap() {}

    static <S> long bytesPerSession(Agents<S> agents, int n) {
        var held = new ArrayList<S>(n);
        long before = usedAfterGc();
        for (int i = 0; i < n; i++) {
            S session = agents.open();
            agents.send(session, Canned.HELLO);
            held.add(session);
        }
        long after = usedAfterGc();
        if (held.size() != n) throw new IllegalStateException("sessions lost");
        return Math.max(0, (after - before) / n);
    }

    /** The heap in use after full GCs, repeated (up to 10) until one frees no more than 64 KiB. */
    private static long usedAfterGc() {
        var memory = ManagementFactory.getMemoryMXBean();
        long used = Long.MAX_VALUE;
        for (int i = 0; i < 10; i++) {
            System.gc();
            long now = memory.getHeapMemoryUsage().getUsed();
            boolean settled = used - now <= 64 * 1024;
            used = Math.min(used, now);
            if (settled && i >= 2) break;
            try {
                Thread.sleep(10); // lets cleaners and reference handlers run before the next GC
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                break;
            }
        }
        return used;
    }
}
