package dev.nacre.sandbox;

import dev.nacre.core.Json;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

/**
 * What one call did, for the journal: which code ran (module sha256) on what (arguments sha256)
 * under which rules (canonical policy sha256), what it cost, how it ended, every capability it
 * used or was refused, and the seed and epoch that make it replayable.
 */
public record Audit(String moduleSha256, String module, String tool, String argumentsSha256, String policySha256,
                    long fuelUsed, Duration duration, String outcome, List<CapabilityUse> uses, long seed,
                    Instant epoch) {

    public Audit {
        uses = List.copyOf(uses);
    }

    public Json toJson() {
        return Json.object()
                .put("module", module)
                .put("moduleSha256", moduleSha256)
                .put("tool", tool)
                .put("argumentsSha256", argumentsSha256)
                .put("policySha256", policySha256)
                .put("fuelUsed", fuelUsed)
                .put("durationMicros", duration.toNanos() / 1000)
                .put("outcome", outcome)
                .put("uses", Json.array(uses.stream().map(CapabilityUse::toJson).toList()))
                .put("seed", Long.toUnsignedString(seed))
                .put("epoch", epoch.toString())
                .build();
    }
}
