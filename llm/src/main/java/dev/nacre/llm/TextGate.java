package dev.nacre.llm;

import dev.nacre.runtime.ModelStream;

/**
 * Decides which streamed answer text reaches the user: no leading blank lines and no tool call
 * written as text. When the answer may be a bare JSON tool call it is held until the reply is
 * complete, then shown only if it turned out to be an answer after all.
 */
final class TextGate {
    private final ModelStream stream;
    private final boolean bareJsonPossible;
    private final StringBuilder held = new StringBuilder();
    private boolean started;
    private boolean holdingJson;
    private boolean swallowing;

    TextGate(ModelStream stream, boolean bareJsonPossible) {
        this.stream = stream;
        this.bareJsonPossible = bareJsonPossible;
    }

    void feed(String piece) {
        if (swallowing) return;
        held.append(piece);
        if (!started) {
            int first = 0;
            while (first < held.length() && Character.isWhitespace(held.charAt(first))) first++;
            held.delete(0, first);
            if (held.isEmpty()) return;
            started = true;
            holdingJson = bareJsonPossible && (held.charAt(0) == '{' || held.charAt(0) == '[');
        }
        if (holdingJson) return;
        int marker = firstMarker();
        if (marker >= 0) {
            emit(marker);
            swallowing = true;
            held.setLength(0);
            return;
        }
        emit(safeLength());
    }

    /** The reply is complete; {@code finalText} is the answer once tool calls were taken out. */
    void finish(String finalText) {
        if (holdingJson) {
            if (!finalText.isEmpty()) stream.text(finalText);
        } else if (!swallowing) {
            emit(held.length());
        }
    }

    private int firstMarker() {
        int best = -1;
        for (String m : TextToolCalls.MARKERS) {
            int i = held.indexOf(m);
            if (i >= 0 && (best < 0 || i < best)) best = i;
        }
        return best;
    }

    private int safeLength() {
        for (int i = Math.max(0, held.length() - 16); i < held.length(); i++) {
            String tail = held.substring(i);
            for (String m : TextToolCalls.MARKERS) if (m.startsWith(tail)) return i;
        }
        return held.length();
    }

    private void emit(int count) {
        if (count <= 0) return;
        stream.text(held.substring(0, count));
        held.delete(0, count);
    }
}
