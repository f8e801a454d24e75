package dev.nacre.sandbox;

import java.time.Duration;
import java.util.Locale;
import java.util.regex.Pattern;

/** Parses and prints the sizes ("64Mi", "512k", "1024") and durations ("5s", "250ms", "2m") of a policy. */
final class Sizes {
    private static final Pattern SIZE = Pattern.compile("(\\d+)\\s*(Ki|Mi|Gi|k|M|G|B)?");
    private static final Pattern DURATION = Pattern.compile("(\\d+)\\s*(ms|s|m)");

    private Sizes() {}

    /** Bytes, or -1 if the text is not a size. */
    static long bytes(String text) {
        var m = SIZE.matcher(text.strip());
        if (!m.matches()) return -1;
        long n;
        try {
            n = Long.parseLong(m.group(1));
        } catch (NumberFormatException e) {
            return -1;
        }
        long unit = switch (m.group(2) == null ? "B" : m.group(2)) {
            case "Ki" -> 1L << 10;
            case "Mi" -> 1L << 20;
            case "Gi" -> 1L << 30;
            case "k" -> 1_000L;
            case "M" -> 1_000_000L;
            case "G" -> 1_000_000_000L;
            default -> 1L;
        };
        return n > Long.MAX_VALUE / unit ? -1 : n * unit;
    }

    /** A duration, or null if the text is not one. */
    static Duration duration(String text) {
        var m = DURATION.matcher(text.strip());
        if (!m.matches()) return null;
        long n;
        try {
            n = Long.parseLong(m.group(1));
        } catch (NumberFormatException e) {
            return null;
        }
        return switch (m.group(2)) {
            case "ms" -> Duration.ofMillis(n);
            case "s" -> Duration.ofSeconds(n);
            default -> Duration.ofMinutes(n);
        };
    }

    static String bytesText(long bytes) {
        if (bytes % (1L << 30) == 0 && bytes != 0) return bytes / (1L << 30) + "Gi";
        if (bytes % (1L << 20) == 0 && bytes != 0) return bytes / (1L << 20) + "Mi";
        if (bytes % (1L << 10) == 0 && bytes != 0) return bytes / (1L << 10) + "Ki";
        return Long.toString(bytes);
    }

    static String durationText(Duration d) {
        long ms = d.toMillis();
        return ms % 1000 == 0 ? (ms / 1000) + "s" : ms + "ms";
    }

    static String lower(String s) {
        return s.toLowerCase(Locale.ROOT);
    }
}
