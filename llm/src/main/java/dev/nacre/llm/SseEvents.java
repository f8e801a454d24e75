package dev.nacre.llm;

/** Frames Server-Sent Events: collects {@code data:} lines and yields an event's data at the blank line ending it. */
final class SseEvents {
    private final StringBuilder data = new StringBuilder();
    private boolean hasData;

    /** The data of the event this line completes, or null. */
    String accept(String line) {
        if (line.isEmpty()) return take();
        if (line.startsWith(":")) return null;
        int colon = line.indexOf(':');
        String field = colon < 0 ? line : line.substring(0, colon);
        if (!field.equals("data")) return null;
        String value = colon < 0 ? "" : line.substring(colon + 1);
        if (value.startsWith(" ")) value = value.substring(1);
        if (hasData) data.append('\n');
        data.append(value);
        hasData = true;
        return null;
    }

    /** The data of an event the stream ended without a blank line after, or null. */
    String take() {
        if (!hasData) return null;
        String d = data.toString();
        data.setLength(0);
        hasData = false;
        return d;
    }
}
