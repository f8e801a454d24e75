package dev.nacre.tools;

import java.util.ArrayList;
import java.util.List;

/** The file format: entries separated by a line that holds only {@code §}. */
final class MemoryEntries {
    static final String SEPARATOR = "§";
    private static final String JOINER = "\n" + SEPARATOR + "\n";

    private MemoryEntries() {}

    static List<String> parse(String text) {
        var entries = new ArrayList<String>();
        var current = new StringBuilder();
        for (String line : text.replace("\r\n", "\n").replace('\r', '\n').split("\n", -1)) {
            if (line.strip().equals(SEPARATOR)) {
                add(entries, current);
            } else {
                if (!current.isEmpty()) current.append('\n');
                current.append(line);
            }
        }
        add(entries, current);
        return List.copyOf(entries);
    }

    private static void add(List<String> entries, StringBuilder current) {
        String entry = current.toString().strip();
        if (!entry.isEmpty()) entries.add(entry);
        current.setLength(0);
    }

    /** The file's text, without a trailing newline; its length is what counts against the limit. */
    static String join(List<String> entries) {
        return String.join(JOINER, entries);
    }

    static int usage(List<String> entries) {
        return join(entries).length();
    }
}
