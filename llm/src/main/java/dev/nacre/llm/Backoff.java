package dev.nacre.llm;

import java.time.Duration;
import java.util.Random;
import java.util.random.RandomGenerator;

/**
 * Exponential backoff with "equal jitter": retry n waits between half and all of
 * {@code base * 2^(n-1)}, capped at {@code max}. The random source is injected so runs can be repeated.
 */
public record Backoff(Duration base, Duration max, RandomGenerator random) {

    public static Backoff standard() {
        // Not RandomGenerator.getDefault(): finding it reads annotations reflectively, about 3 ms of every CLI start.
        return new Backoff(Duration.ofSeconds(1), Duration.ofSeconds(20), new Random());
    }

    public Backoff withRandom(RandomGenerator random) {
        return new Backoff(base, max, random);
    }

    /** The wait before retry {@code retry} (1 for the first retry). */
    public Duration delay(int retry) {
        long full = Math.min(max.toMillis(), base.toMillis() << Math.min(retry - 1, 20));
        long half = full / 2;
        return Duration.ofMillis(half + random.nextLong(full - half + 1));
    }
}
