package dev.nacre.llm;

import java.util.List;

/**
 * Separates reasoning written inline as {@code <think>}, {@code <thinking>} or {@code <reasoning>}
 * from the answer, as text arrives in pieces. A tag split across pieces is held back until it is
 * complete, so it never leaks into the answer; an unterminated tag makes the rest reasoning.
 */
final class ThinkSplitter {
    /** Receives the two sides of the split. */
    interface Sink {
        void text(String piece);

        void reasoning(String piece);
    }

    private static final List<String> TAGS = List.of("think", "thinking", "reasoning");
    private static final List<String> OPENING = TAGS.stream().map(t -> "<" + t + ">").toList();

    private final Sink sink;
    private final StringBuilder pending = new StringBuilder();
    private String closing;

    ThinkSplitter(Sink sink) {
        this.sink = sink;
    }

    /** Splits a whole text at once: {@code [answer, reasoning]}. */
    static String[] split(String text) {
        var answer = new StringBuilder();
        var reasoning = new StringBuilder();
        var splitter = new ThinkSplitter(new Sink() {
            public void text(String piece) {
                answer.append(piece);
            }

            public void reasoning(String piece) {
                reasoning.append(piece);
            }
        });
        splitter.feed(text);
        splitter.finish();
        return new String[] {answer.toString(), reasoning.toString()};
    }

    void feed(String piece) {
        pending.append(piece);
        while (true) {
            if (closing == null) {
                int at = -1;
                String found = null;
                for (int t = 0; t < TAGS.size(); t++) {
                    String tag = TAGS.get(t);
                    int i = pending.indexOf(OPENING.get(t));
                    if (i >= 0 && (at < 0 || i < at)) {
                        at = i;
                        found = tag;
                    }
                }
                if (found == null) {
                    emit(false, heldBack(OPENING));
                    return;
                }
                emit(false, at);
                pending.delete(0, found.length() + 2);
                closing = "</" + found + ">";
            } else {
                int at = pending.indexOf(closing);
                if (at < 0) {
                    emit(true, heldBack(List.of(closing)));
                    return;
                }
                emit(true, at);
                pending.delete(0, closing.length());
                closing = null;
            }
        }
    }

    /** Flushes what was held back: an unterminated reasoning block stays reasoning. */
    void finish() {
        emit(closing != null, pending.length());
    }

    /** How much of {@code pending} can be emitted: all but a suffix that could still become a tag. */
    private int heldBack(List<String> tags) {
        int start = Math.max(0, pending.length() - 12);
        for (int i = start; i < pending.length(); i++) {
            if (pending.charAt(i) != '<') continue;
            String tail = pending.substring(i);
            for (String tag : tags) if (tag.startsWith(tail)) return i;
        }
        return pending.length();
    }

    private void emit(boolean reasoning, int count) {
        if (count <= 0) return;
        String piece = pending.substring(0, count);
        pending.delete(0, count);
        if (reasoning) sink.reasoning(piece);
        else sink.text(piece);
    }
}
