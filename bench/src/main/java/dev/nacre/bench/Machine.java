package dev.nacre.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;

/** What the numbers were measured on. Read from the JVM and, on Linux, from /proc; "unknown" elsewhere. */
record Machine(int cores, String memory, String cpu, String os, String jdk, String loadAverage) {

    static Machine current() {
        return new Machine(Runtime.getRuntime().availableProcessors(), readMemory(), readCpu(),
                System.getProperty("os.name") + " " + System.getProperty("os.version") + " (" + System.getProperty("os.arch") + ")",
                Jdk.version(), readLoad());
    }

    String markdown() {
        return """
                | | |
                |---|---|
                | CPU | %s |
                | cores (availableProcessors) | %d |
                | memory | %s |
                | OS | %s |
                | JDK | %s |
                | load average at start (1, 5, 15 min) | %s |
                """.formatted(cpu, cores, memory, os, jdk, loadAverage);
    }

    private static String readCpu() {
        return field(Path.of("/proc/cpuinfo"), "model name");
    }

    private static String readMemory() {
        String kb = field(Path.of("/proc/meminfo"), "MemTotal").replace("kB", "").strip();
        try {
            return String.format(Locale.ROOT, "%.1f GiB", Long.parseLong(kb) / 1024.0 / 1024.0);
        } catch (NumberFormatException e) {
            return kb;
        }
    }

    private static String readLoad() {
        try {
            String[] parts = Files.readString(Path.of("/proc/loadavg")).strip().split("\\s+");
            return parts[0] + ", " + parts[1] + ", " + parts[2];
        } catch (IOException | RuntimeException e) {
            return "unknown";
        }
    }

    /** The value of the first {@code name: value} line of a /proc file. */
    private static String field(Path file, String name) {
        try (var lines = Files.lines(file)) {
            return lines.filter(l -> l.startsWith(name)).map(l -> l.substring(l.indexOf(':') + 1).strip())
                    .findFirst().orElse("unknown");
        } catch (IOException | RuntimeException e) {
            return "unknown";
        }
    }
}
