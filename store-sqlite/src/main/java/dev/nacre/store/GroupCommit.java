package dev.nacre.store;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletionException;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Consumer;

/**
 * Group commit: concurrent writes queue up, the one at the front leads and hands the whole queue to
 * one transaction, the others wait for their own result. Each caller still returns only after the
 * commit that holds its write, so durability is as for one write per transaction.
 *
 * <p>Followers wait on a condition of their own rather than on the journal's lock: waiting on the
 * lock let a thread that had just returned barge in ahead of the woken ones and commit alone, so
 * 50 busy sessions got about one commit per write. Only the writer at the front ever leads, and it
 * leads one batch, so no caller ends up writing for others indefinitely (as in LevelDB's write queue).
 */
final class GroupCommit {
    private static final int MAX_BATCH = 512;

    private record Waiter(PendingWrite<?> write, Condition turn) {}

    private final ReentrantLock queueLock = new ReentrantLock();
    private final ArrayDeque<Waiter> waiting = new ArrayDeque<>();
    private final Consumer<List<PendingWrite<?>>> transaction;

    /** {@code transaction} writes a batch and completes every result in it, without throwing. */
    GroupCommit(Consumer<List<PendingWrite<?>>> transaction) {
        this.transaction = transaction;
    }

    <T> T submit(PendingWrite<T> write) {
        var me = new Waiter(write, queueLock.newCondition());
        queueLock.lock();
        try {
            waiting.addLast(me);
            // A write cannot be taken back once queued, so an interrupt does not end the wait.
            while (!write.result().isDone() && waiting.peekFirst() != me) me.turn().awaitUninterruptibly();
            if (!write.result().isDone()) lead();
        } finally {
            queueLock.unlock();
        }
        try {
            return write.result().join();
        } catch (CompletionException e) {
            if (e.getCause() instanceof RuntimeException r) throw r;
            throw e;
        }
    }

    /** Called by the front waiter with the queue lock held; returns with it held. */
    private void lead() {
        var batch = new ArrayList<PendingWrite<?>>(Math.min(waiting.size(), MAX_BATCH));
        for (Waiter w : waiting) {
            if (batch.size() == MAX_BATCH) break;
            batch.add(w.write());
        }
        queueLock.unlock(); // others may queue up behind the batch while it is written
        try {
            transaction.accept(batch);
        } catch (RuntimeException e) { // a closed journal; each caller gets it from its own result
            for (PendingWrite<?> w : batch) w.result().completeExceptionally(e);
        } catch (Error e) {
            for (PendingWrite<?> w : batch) w.result().completeExceptionally(e);
            throw e;
        } finally {
            queueLock.lock();
            // Only a leader removes waiters, and the batch is the front of the queue.
            for (int i = 0; i < batch.size(); i++) waiting.pollFirst().turn().signal();
            Waiter next = waiting.peekFirst();
            if (next != null) next.turn().signal();
        }
    }
}
