package dev.nacre.bench;

import static org.assertj.core.api.Assertions.assertThat;

import dev.nacre.core.Json;
import org.junit.jupiter.api.Test;

/** The JFR CPU-time profile sees where CPU really went: each burn lands on its own component and method. */
class CpuProfileTest {
    private static final String DOCUMENT = "{\"items\":[" + "{\"name\":\"x\",\"value\":12.5,\"tags\":[\"a\",\"b\"]},".repeat(200) + "{}]}";

    @Test
    void chargesCpuToTheComponentThatSpentIt() {
        var profile = CpuProfile.of(10, () -> {
            long until = System.nanoTime() + 600_000_000L;
            while (System.nanoTime() < until) Json.parse(DOCUMENT);
        });

        assertThat(profile.queries()).isEqualTo(10);
        assertThat(profile.processCpuNanos()).isGreaterThan(300_000_000L);
        assertThat(profile.samples()).isGreaterThan(20);
        assertThat(profile.components().getFirst().name()).isEqualTo("core (step, JSON)");
        assertThat(profile.share("core (step, JSON)")).isGreaterThan(0.7);
        assertThat(profile.methods().getFirst().name()).startsWith("JsonParser.");
        assertThat(profile.cpuMicrosPerQuery()).isGreaterThan(30_000);
    }

    @Test
    void jdkCodeCountsForTheComponentThatCalledIt() throws Exception {
        var sha = java.security.MessageDigest.getInstance("SHA-256");
        var block = new byte[64 * 1024];
        var profile = CpuProfile.of(1, () -> {
            long until = System.nanoTime() + 600_000_000L;
            while (System.nanoTime() < until) sha.update(block);
        });

        // SHA-256 is JDK code; this test class is the innermost frame of a component (dev.nacre.bench)
        assertThat(profile.share("bench harness")).isGreaterThan(0.7);
        assertThat(profile.methods().getFirst().name()).startsWith("CpuProfileTest.");
    }
}
