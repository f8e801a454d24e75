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
 * shows as the JNI method that called it); each sample stands for its {@code samplingPeriod} of CPU
 * time, so shares of the summed periods are shares of the sampled CPU time. What it misses is counted,
 * not hidden: samples JFR dropped ({@code jdk.CPUTimeSamplesLost}, a lower bound that each thread
 * reports with a lag: among them every sample taken while a thread ran inside the JVM itself, such as
 * allocation slow paths, filling in a stack trace or JNI functions), samples without a stack, and the
 * JVM's own threads (JIT, GC), which are not sampled at all; the process's CPU time over the same run
 * is given beside.
 *
 * <p>A sample taken anywhere in the scripted model server (it runs in this JVM) counts for the server.
 * Any other sample goes to the innermost frame of one of {@link #COMPONENTS}, so JDK code such as
 * collections or SHA-256 counts for the component that called it; and, for {@link #methods}, to the
 * innermost method of Nacre's own modules (not the bench's, not the server's), lambdas skipped.
 *
 * @param queries         queries the workload ran
 * @param processCpuNanos CPU time of the whole process while it ran (every thread)
 * @param sampledNanos    CPU time the samples with a stack stand for
 * @param samples         samples with a stack
 * @param lost            samples JFR reported lost
 * @param withoutStack    samples whose stack could not be walked
 * @param components      sampled CPU nanoseconds per component, most first
 * @param methods         sampled CPU nanoseconds per innermost Nacre method, most first
 */
record CpuProfile(int queries, long processCpuNanos, long sampledNanos, long samples, long lost, long withoutStack,
                  List<Share> components, List<Share> methods) {
    /** A name and the sampled CPU nanoseconds that went to it. */
    record Share(String name, long nanos) {}

    static final String OTHER = "other JDK code (no component above it)";
    static final String SERVER = "scripted model server";
    private static final List<String> SERVER_PACKAGES = List.of("sun.net.httpserver.", "dev.nacre.testkit.");

    /** A component name meaning "no component: count for the caller". */
    private static final String CALLER = "";
    private static final String THREADS = "threads, locks, queues";
    private static final String HTTP_CLIENT = "JDK HTTP client";

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
            Map.entry("jdk.internal.net.http.", HTTP_CLIENT),
            Map.entry("java.net.http.", HTTP_CLIENT),
            Map.entry("sun.nio.ch.File", CALLER), // file channels: count for whoever reads the file
            Map.entry("sun.nio.ch.", "sockets and selectors"),
            Map.entry("java.util.concurrent.locks.", THREADS),
            Map.entry("java.util.concurrent.ForkJoin", THREADS),
            Map.entry("java.util.concurrent.ThreadPoolExecutor", THREADS),
            Map.entry("java.util.concurrent.ThreadPerTaskExecutor", THREADS),
            Map.entry("java.lang.VirtualThread", THREADS),
            Map.entry("jdk.internal.vm.", THREADS));

    private static final com.sun.management.OperatingSystemMXBean OS =
            (com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();

    /** Runs {@code workload}, which sends {@code queries} queries, under a CPU-time recording. */
    static CpuProfile of(int queries, Runnable workload) {
        Path file = null;
        try (var recording = new Recording()) {
            recording.enable("jdk.CPUTimeSample").with("throttle", "1ms");
            recording.enable("jdk.CPUTimeSamplesLost");
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
        long sampled = 0;
        long samples = 0;
        long lost = 0;
        long withoutStack = 0;
        for (RecordedEvent e : RecordingFile.readAllEvents(file)) {
            switch (e.getEventType().getName()) {
                case "jdk.CPUTimeSamplesLost" -> lost += e.getInt("lostSamples");
                case "jdk.CPUTimeSample" -> {
                    if (e.getStackTrace() == null || e.getStackTrace().getFrames().isEmpty()) {
                        withoutStack++;
                        continue;
                    }
                    List<RecordedFrame> frames = e.getStackTrace().getFrames(); // innermost first
                    long nanos = e.getDuration("samplingPeriod").toNanos();
                    samples++;
                    sampled += nanos;
                    if (frames.stream().anyMatch(f -> inServer(type(f)))) {
                        components.merge(SERVER, nanos, Long::sum);
                        continue;
                    }
                    components.merge(innermost(frames, f -> component(type(f))).orElse(OTHER), nanos, Long::sum);
                    innermost(frames, CpuProfile::nacreMethod).ifPresent(m -> methods.merge(m, nanos, Long::sum));
                }
                default -> { }
            }
        }
        return new CpuProfile(queries, cpu, sampled, samples, lost, withoutStack, sorted(components), sorted(methods));
    }

    private static String type(RecordedFrame f) {
        return f.getMethod().getType().getName();
    }

    private static boolean inServer(String type) {
        return SERVER_PACKAGES.stream().anyMatch(type::startsWith);
    }

    /** The first name {@code name} gives (not null), innermost frame first. */
    private static Optional<String> innermost(List<RecordedFrame> frames, Function<RecordedFrame, String> name) {
        for (RecordedFrame f : frames) {
            String n = name.apply(f);
            if (n != null) return Optional.of(n);
        }
        return Optional.empty();
    }

    private static String nacreMethod(RecordedFrame f) {
        String type = type(f);
        if (!type.startsWith("dev.nacre.") || type.startsWith("dev.nacre.bench.") || type.contains("$$Lambda")) return null;
        return type.substring(type.lastIndexOf('.') + 1) + "." + f.getMethod().getName();
    }

    /** The component of a frame's class; null for none, or for classes that count for their caller. */
    private static String component(String type) {
        for (var c : COMPONENTS) {
            if (type.startsWith(c.getKey())) return c.getValue().equals(CALLER) ? null : c.getValue();
        }
        return null;
    }

    private static List<Share> sorted(Map<String, Long> nanos) {
        var out = new ArrayList<Share>();
        nanos.forEach((k, v) -> out.add(new Share(k, v)));
        out.sort(Comparator.comparingLong(Share::nanos).reversed().thenComparing(Share::name));
        return List.copyOf(out);
    }

    /** The share, 0–1, of the sampled CPU time that went to the named component (0 when none did). */
    double share(String component) {
        return share(components.stream().filter(s -> s.name().equals(component)).mapToLong(Share::nanos).sum());
    }

    /** The share, 0–1, of the sampled CPU time that went to {@code s}. */
    double share(Share s) {
        return share(s.nanos());
    }

    private double share(long nanos) {
        return sampledNanos == 0 ? 0 : nanos / (double) sampledNanos;
    }

    /** Process CPU microseconds per query (every thread, JIT and GC included). */
    double cpuMicrosPerQuery() {
        return queries == 0 ? 0 : processCpuNanos / 1e3 / queries;
    }

    /** Sampled CPU microseconds per query. */
    double sampledMicrosPerQuery() {
        return queries == 0 ? 0 : sampledNanos / 1e3 / queries;
    }
}
