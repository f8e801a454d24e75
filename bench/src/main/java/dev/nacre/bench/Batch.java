package dev.nacre.bench;

import java.util.ArrayList;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * {@code queries} queries through a pool of {@code workers}: each worker takes the next query until
 * none is left. 50 queries on 50 workers is the "50 parallel agents" batch. Returns the batch's
 * wall time in nanoseconds; any failed query fails the batch (an error path is never timed).
 */
final class Batch {
    private Batch() {}

    static long run(int workers, int queries, Runnable query) {
        var next = new AtomicInteger();
        var futures = new ArrayList<Future<?>>();
        long start = System.nanoTime();
        try (var pool = Executors.newVirtualThreadPerTaskExecutor()) {
            for (int w = 0; w < workers; w++) {
                futures.add(pool.submit(() -> {
                    while (next.getAndIncrement() < queries) query.run();
                }));
            }
        }
        long elapsed = System.nanoTime() - start;
        for (var f : futures) {
            try {
                f.get();
            } catch (ExecutionException e) {
                throw e.getCause() instanceof RuntimeException r ? r : new IllegalStateException(e.getCause());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted", e);
            }
        }
        return elapsed;
    }
}
