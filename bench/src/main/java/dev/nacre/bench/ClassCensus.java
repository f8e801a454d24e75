package dev.nacre.bench;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Where a process's classes came from, read from one extra run with {@code -Xlog:class+load}:
 * the CDS archive (mapped, nearly free), the JDK's modules (parsed and verified at start),
 * application jars, and classes generated at run time (lambdas, method handles, proxies).
 * The later fast-start work needs this more than another timing.
 *
 * @param lastLoadMillis JVM uptime when the last class loaded: roughly when the process stopped starting up
 */
record ClassCensus(int total, int cds, int jdk, int jars, int generated, int nacre, double lastLoadMillis) {

    static ClassCensus of(Launch launch, Path scratch) {
        Path log = scratch.resolve(launch.name() + "-class-load.log");
        launch.withEnv("JAVA_TOOL_OPTIONS", "-Xlog:class+load:file=" + log).time(scratch);
        try (var lines = Files.lines(log)) {
            var counts = new int[6];
            double[] last = {0};
            lines.filter(l -> l.contains(" source: ")).forEach(line -> {
                counts[0]++;
                String source = line.substring(line.indexOf(" source: ") + 9);
                if (source.startsWith("shared objects file")) counts[1]++;
                else if (source.startsWith("jrt:/")) counts[2]++;
                else if (source.startsWith("file:") || source.startsWith("jar:")) counts[3]++;
                else counts[4]++;
                if (line.contains("] dev.nacre.")) counts[5]++;
                last[0] = uptimeMillis(line);
            });
            return new ClassCensus(counts[0], counts[1], counts[2], counts[3], counts[4], counts[5], last[0]);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the class-load log " + log, e);
        }
    }

    /** {@code [0.123s][info][class,load] ...} -> 123.0 */
    private static double uptimeMillis(String line) {
        int end = line.indexOf("s]");
        if (!line.startsWith("[") || end < 0) return 0;
        try {
            return Double.parseDouble(line.substring(1, end)) * 1000;
        } catch (NumberFormatException e) {
            return 0;
        }
    }
}
