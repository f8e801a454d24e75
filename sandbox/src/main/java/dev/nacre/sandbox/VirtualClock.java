package dev.nacre.sandbox;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The guest's only time: starts at a recorded epoch and advances one microsecond per reading,
 * so programs that wait for time to pass still make progress and every run reads the same times.
 */
final class VirtualClock extends Clock {
    private final Instant epoch;
    private final AtomicLong ticks = new AtomicLong();

    VirtualClock(Instant epoch) {
        this.epoch = epoch;
    }

    @Override
    public Instant instant() {
        return epoch.plusNanos(ticks.getAndIncrement() * 1000);
    }

    /** The current virtual time without advancing it: file timestamps. */
    Instant peek() {
        return epoch.plusNanos(ticks.get() * 1000);
    }

    /** Nanoseconds since the epoch on the same counter: WASI's monotonic clock. */
    long monotonicNanos() {
        return ticks.getAndIncrement() * 1000;
    }

    @Override
    public ZoneId getZone() {
        return ZoneOffset.UTC;
    }

    @Override
    public Clock withZone(ZoneId zone) {
        return this;
    }
}
