package dev.nacre.llm;

import java.time.Duration;

/** Waits between retries; tests pass one that records the durations instead of sleeping. */
@FunctionalInterface
public interface Sleeper {
    Sleeper SYSTEM = Thread::sleep;

    void sleep(Duration duration) throws InterruptedException;
}
