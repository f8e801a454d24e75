package dev.nacre.sandbox;

import java.time.Instant;
import java.util.OptionalLong;

/**
 * What makes a call replayable: the seed of the guest's random numbers (derived from the call's
 * module, tool and arguments when empty) and the epoch its clock starts at.
 */
public record CallOptions(OptionalLong seed, Instant epoch) {
    /** 2025-01-01T00:00:00Z: fixed so that the same call gives the same output anywhere. */
    public static final Instant DEFAULT_EPOCH = Instant.parse("2025-01-01T00:00:00Z");

    public static CallOptions defaults() {
        return new CallOptions(OptionalLong.empty(), DEFAULT_EPOCH);
    }

    public CallOptions withSeed(long s) {
        return new CallOptions(OptionalLong.of(s), epoch);
    }

    public CallOptions withEpoch(Instant e) {
        return new CallOptions(seed, e);
    }
}
