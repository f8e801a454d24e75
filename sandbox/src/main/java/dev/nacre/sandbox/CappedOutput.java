package dev.nacre.sandbox;

import java.io.ByteArrayOutputStream;
import java.io.OutputStream;
import java.util.concurrent.atomic.AtomicLong;

/**
 * stdout or stderr of one call. Both share one byte budget; the write that would exceed it
 * aborts the guest at once (instead of letting it flood until its fuel runs out).
 */
final class CappedOutput extends OutputStream {
    /** Thrown through the guest's WASI call to stop it. */
    static final class Exceeded extends RuntimeException {
        Exceeded() {
            super("output limit reached", null, false, false);
        }
    }

    private final ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    private final AtomicLong budget;
    private volatile boolean exceeded;

    CappedOutput(AtomicLong sharedBudget) {
        this.budget = sharedBudget;
    }

    @Override
    public void write(int b) {
        write(new byte[] {(byte) b}, 0, 1);
    }

    @Override
    public synchronized void write(byte[] b, int off, int len) {
        if (budget.addAndGet(-len) < 0) {
            exceeded = true;
            throw new Exceeded();
        }
        bytes.write(b, off, len);
    }

    boolean exceeded() {
        return exceeded;
    }

    synchronized byte[] toByteArray() {
        return bytes.toByteArray();
    }
}
