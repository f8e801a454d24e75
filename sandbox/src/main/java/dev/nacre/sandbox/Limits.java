package dev.nacre.sandbox;

import dev.nacre.core.Json;
import java.time.Duration;

/**
 * What one call may consume. {@code memory}: linear memory bytes (declared initial memory
 * included); {@code fuel}: instrumented instruction budget; {@code timeout}: wall clock;
 * {@code output}: stdout + stderr bytes; {@code files}: bytes in the virtual filesystem (copied-in
 * grants plus what the guest writes); {@code response}: bytes of one HTTP response body;
 * {@code requests}: HTTP requests per call; {@code entries}: files and directories in the virtual
 * filesystem (copied in plus created by the guest).
 */
public record Limits(long memory, long fuel, Duration timeout, long output, long files, long response, int requests,
                     long entries) {

    static final long DEFAULT_ENTRIES = 10_000;

    public static final Limits DEFAULTS =
            new Limits(64L << 20, 1_000_000_000L, Duration.ofSeconds(10), 1L << 20, 64L << 20, 1L << 20, 32, DEFAULT_ENTRIES);

    /** Hard ceilings: a policy asking for more is rejected, not clamped. */
    public static final Limits MAXIMA =
            new Limits(1L << 30, 100_000_000_000L, Duration.ofMinutes(10), 64L << 20, 1L << 30, 64L << 20, 1000, 1_000_000);

    public Limits {
        if (memory < 65536 || fuel < 1 || timeout.isNegative() || timeout.isZero() || output < 0 || files < 0
                || response < 0 || requests < 0 || entries < 0) {
            throw new IllegalArgumentException("limits must be positive (memory at least 64Ki)");
        }
    }

    /** The limits without {@code entries} (kept for source compatibility): entries take the default. */
    public Limits(long memory, long fuel, Duration timeout, long output, long files, long response, int requests) {
        this(memory, fuel, timeout, output, files, response, requests, DEFAULT_ENTRIES);
    }

    public Limits withTimeout(Duration t) {
        return new Limits(memory, fuel, t, output, files, response, requests, entries);
    }

    public Limits withMemory(long m) {
        return new Limits(m, fuel, timeout, output, files, response, requests, entries);
    }

    Json toJson() {
        var b = Json.object()
                .put("memory", Sizes.bytesText(memory))
                .put("fuel", fuel)
                .put("timeout", Sizes.durationText(timeout))
                .put("output", Sizes.bytesText(output))
                .put("files", Sizes.bytesText(files))
                .put("response", Sizes.bytesText(response))
                .put("requests", requests);
        // only when set: policies written before this limit existed keep their sha256
        if (entries != DEFAULT_ENTRIES) b.put("entries", entries);
        return b.build();
    }
}
