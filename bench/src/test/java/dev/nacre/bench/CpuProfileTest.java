package dev.nacre.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.sun.net.httpserver.HttpServer;
import dev.nacre.core.Json;
import java.lang.management.ManagementFactory;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.security.MessageDigest;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The JFR CPU-time profile sees where CPU really went: each burn lands on its own component and method. */
class CpuProfileTest {
    private static final String DOCUMENT = "{\"items\":[" + "{\"name\":\"x\",\"value\":12.5,\"tags\":[\"a\",\"b\"]},".repeat(200) + "{}]}";
    private static final long BURN_NANOS = 500_000_000L;

    @BeforeAll
    static void onLinux() {
        // JDK 25's CPU-time sampler exists on Linux only; CI runs there.
        assumeTrue(System.getProperty("os.name").startsWith("Linux"), "jdk.CPUTimeSample needs Linux");
    }

    @Test
    void chargesCpuToTheComponentThatSpentIt() {
        var profile = CpuProfile.of(10, () -> burn(() -> Json.parse(DOCUMENT)));

        assertThat(profile.queries()).isEqualTo(10);
        assertThat(profile.processCpuNanos()).isGreaterThanOrEqualTo(BURN_NANOS);
        assertThat(profile.samples()).isPositive();
        assertThat(profile.sampledNanos()).isPositive();
        assertThat(profile.components().getFirst().name()).isEqualTo("core (step, JSON)");
        assertThat(profile.share("core (step, JSON)")).isGreaterThan(0.7);
        assertThat(profile.methods().getFirst().name()).startsWith("JsonParser.");
        assertThat(profile.cpuMicrosPerQuery()).isGreaterThanOrEqualTo(BURN_NANOS / 1e3 / 10);
    }

    @Test
    void jdkCodeCountsForTheComponentThatCalledIt() throws Exception {
        var sha = MessageDigest.getInstance("SHA-256");
        var block = new byte[64 * 1024];
        var profile = CpuProfile.of(1, () -> burn(() -> sha.update(block)));

        // SHA-256 is JDK code; this class (dev.nacre.bench) is the innermost frame of a component
        assertThat(profile.share("bench harness")).isGreaterThan(0.7);
        // the bench's own classes are not Nacre's methods
        assertThat(profile.methods()).noneMatch(m -> m.name().startsWith("CpuProfileTest."));
    }

    @Test
    void everySampleInTheScriptedServerCountsForTheServer() throws Exception {
        // The scripted server runs in the bench's JVM and parses JSON with dev.nacre.core: that is the server's CPU, not Nacre's.
        var server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/", exchange -> {
            burn(() -> Json.parse(DOCUMENT));
            exchange.sendResponseHeaders(204, -1);
            exchange.close();
        });
        server.start();
        try (var client = HttpClient.newHttpClient()) {
            var uri = URI.create("http://127.0.0.1:" + server.getAddress().getPort() + "/");
            var profile = CpuProfile.of(1, () -> {
                try {
                    client.send(HttpRequest.newBuilder(uri).build(), HttpResponse.BodyHandlers.discarding());
                } catch (Exception e) {
                    throw new IllegalStateException(e);
                }
            });

            assertThat(profile.share(CpuProfile.SERVER)).isGreaterThan(0.7);
            assertThat(profile.share("core (step, JSON)")).isLessThan(0.1);
            assertThat(profile.methods()).noneMatch(m -> m.name().startsWith("JsonParser."));
        } finally {
            server.stop(0);
        }
    }

    /** Runs {@code work} until this thread has used {@link #BURN_NANOS} of CPU (wall time would vary with load). */
    private static void burn(Runnable work) {
        var threads = ManagementFactory.getThreadMXBean();
        long until = threads.getCurrentThreadCpuTime() + BURN_NANOS;
        while (threads.getCurrentThreadCpuTime() < until) work.run();
    }
}
