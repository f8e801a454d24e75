package dev.nacre.bench;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import jdk.jfr.Recording;
import jdk.jfr.consumer.RecordedEvent;
import jdk.jfr.consumer.RecordedFrame;
import jdk.jfr.consumer.RecordingFile;

/**
 * Where a workload's CPU time goes, from JFR's CPU-time sampler ({@code jdk.CPUTimeSample}, JDK 25,
 * experimental, Linux). It samples threads as they use CPU, in Java or in native code (SQLite's C
 * shows as the JNI method that called it), so shares of samples are shares of the sampled threads'
 * CPU time. The kernel delivers the samples on its timer ticks, so there are far fewer of them than
 * one per period: the shares count, not the number. Threads the JVM keeps for itself (JIT, GC) are
 * not sampled; the process CPU time per query, which includes them, is given beside.
 *
 * <p>A sample goes to the innermost frame of one of {@link #COMPONENTS}, so JDK code ({@code java.util},
 * SHA-256) counts for the component that called it; and to the innermost {@code dev.nacre} method,
 * with all the library and JDK code it calls.
 *
 * @param queries        queries the workload ran
 * @param processCpuNanos CPU time of the whole process while it ran (every thread)
 * @param samples        CPU-time samples with a stack
 * @param components     samples per component, most first
 * @param methods        samples per innermost Nacre method, most first
 */
record CpuProfile(int queries, long processCpuNanos, long samples, List<Share> components, List<Share> methods) {
    /** A name and its samples. */
    record Share(String name, long samples) {}

    static final String OTHER = "other JDK code (no component above it)";

    /** Package prefixes and what they are, most specific first. */
    private static final List<Map.Entry<String, String>> COMPONENTS = List.of(
            Map.entry("org.sqlite.", "SQLite (sqlite-jdbc and its native code)"),
            Map.entry("dev.nacre.store.", "journal (store-sqlite, its own code)"),
            Map.entry("dev.nacre.runtime.", "runtime (sessions, events, hashes)"),
            Map.entry("dev.nacre.core.", "core (step, JSON)"),
            Map.entry("dev.nacre.llm.", "model client (llm)"),
            Map.entry("dev.nacre.tools.", "built-in tools, memory snapshot"),
            Map.entry("dev.langchain4j.", "LangChain4j"),
            Map.entry("com.fasterxml.jackson.", "Jackson (LangChain4j's JSON)"),
            Map.entry("dev.nacre.bench.", "bench harness"),
            Map.entry("dev.nacre.testkit.", "scripted model server"),
            Map.entry("sun.net.httpserver.", "scripted model server"),
            Map.entry("jdk.internal.net.http.", "JDK HTTP client"),
            Map.entry("java.net.http.", "JDK HTTP client"),
            Map.entry("sun.nio.ch.", "sockets and selectors"),
            Map.entry("java.util.concurrent.", "threads, locks, queues"),
            Map.entry("java.lang.VirtualThread", "threads, locks, queues"),
            Map.entry("jdk.internal.vm.", "threads, locks, queues"));

    private static final com.sun.management.OperatingSystemMXBean OS =
            (com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();

    /** Runs {@code workload}, which sends {@code queries} queries, under a CPU-time recording. */
    static CpuProfile of(int queries, Runnable workload) {
        Path file = null;
        try (var recording = new Recording()) {
            recording.enable("jdk.CPUTimeSample").with("throttle", "1ms");
            recording.start();
            long cpu = OS.getProcessCpuTime();
            workload.run();
            cpu = OS.getProcessCpuTime() - cpu;
            recording.stop();
            file = Files.createTempFile("nacre-cpu", ".jfr");
            recording.dump(file);
            return read(queries, cpu, file);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } finally {
            if (file != null) file.toFile().delete();
        }
    }

    private static CpuProfile read(int queries, long cpu, Path file) throws IOException {
        var components = new HashMap<String, Long>();
        var methods = new HashMap<String, Long>();
        long samples = 0;
        for (RecordedEvent e : RecordingFile.readAllEvents(file)) {
            if (!e.getEventType().getName().equals("jdk.CPUTimeSample") || e.getStackTrace() == null) continue;
            List<RecordedFrame> frames = e.getStackTrace().getFrames(); // innermost first
            if (frames.isEmpty()) continue;
            samples++;
            components.merge(innermost(frames, f -> component(f.getMethod().getType().getName())).orElse(OTHER), 1L, Long::sum);
            innermost(frames, CpuProfile::nacreMethod).ifPresent(m -> methods.merge(m, 1L, Long::sum));
        }
        return new CpuProfile(queries, cpu, samples, sorted(components), sorted(methods));
    }

    private static Optional<String> innermost(List<RecordedFrame> frames, Function<RecordedFrame, String> name) {
        for (RecordedFrame f : frames) {
            String n = name.apply(f);
            if (n != null) return Optional.of(n);
        }
        return Optional.empty();
    }

    private static String nacreMethod(RecordedFrame f) {
        String type = f.getMethod().getType().getName();
        return type.startsWith("dev.nacre.") ? type.substring(type.lastIndexOf('.') + 1) + "." + f.getMethod().getName() : null;
    }

    private static String component(String type) {
        for (var c : COMPONENTS) if (type.startsWith(c.getKey())) return c.getValue();
        return null;
    }

    private static List<Share> sorted(Map<String, Long> counts) {
        var out = new ArrayList<Share>();
        counts.forEach((k, v) -> out.add(new Share(k, v)));
        out.sort(Comparator.comparingLong(Share::samples).reversed().thenComparing(Share::name));
        return List.copyOf(out);
    }

    /** The share of samples, 0–1, of the named component (0 when it has none). */
    double share(String component) {
        return samples == 0 ? 0 : components.stream().filter(s -> s.name().equals(component)).mapToLong(Share::samples).sum() / (double) samples;
    }

    double share(Share s) {
        return samples == 0 ? 0 : s.samples() / (double) samples;
    }

    /** Process CPU microseconds per query (every thread, JIT and GC included). */
    double cpuMicrosPerQuery() {
        return queries == 0 ? 0 : processCpuNanos / 1e3 / queries;
    }
}
