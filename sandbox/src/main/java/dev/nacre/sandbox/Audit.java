package dev.nacre.sandbox;

import dev.nacre.core.Json;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

/**
 * What one call did, for the journal: which code ran (module sha256) on what (arguments sha256)
 * under which rules (canonical policy sha256), what it cost (a lower bound when
 * {@code fuelPartial}: see {@link CallResult}), how it ended, every capability it used or was
 * refused, and the seed and epoch that make it replayable.
 */
public record Audit(String moduleSha256, String module, String tool, String argumentsSha256, String policySha256,
                    long fuelUsed, boolean fuelPartial, Duration duration, String outcome, List<CapabilityUse> uses,
                    long seed, Instant epoch) {

    public Audit {
        uses = List.copyOf(uses);
    }

    /** {@code fuelPartial} appears only when true (a lower bound), so complete records read as before. */
    public Json toJson() {
        var json = Json.object()
                .put("module", module)
                .put("moduleSha256", moduleSha256)
                .put("tool", tool)
                .put("argumentsSha256", argumentsSha256)
                .put("policySha256", policySha256)
                .put("fuelUsed", fuelUsed);
        if (fuelPartial) json.put("fuelPartial", true);
        return json
                .put("durationMicros", duration.toNanos() / 1000)
                .put("outcome", outcome)
                .put("uses", Json.array(uses.stream().map(CapabilityUse::toJson).toList()))
                .put("seed", Long.toUnsignedString(seed))
                .put("epoch", epoch.toString())
                .build();
    }
}
