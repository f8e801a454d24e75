package dev.nacre.store;

import java.util.ArrayList;
import java.util.Optional;

/**
 * Turns what a user typed into an FTS5 query that cannot be a syntax error: each
 * whitespace-separated word becomes a quoted phrase (so {@code - : ( ) ^ + AND NEAR} are plain
 * text), the words are ANDed, and a trailing {@code *} keeps its meaning as a prefix search.
 */
final class MatchQuery {
    private MatchQuery() {}

    /** Empty when the text has no word that the tokenizer would index (letters or digits). */
    static Optional<String> of(String userText) {
        var terms = new ArrayList<String>();
        // FTS5 reads its query as a C string: a NUL would cut a quoted term short
        for (String word : userText.replaceAll("\\p{Cntrl}", " ").strip().split("\\s+")) {
            boolean prefix = word.endsWith("*");
            String body = word.replaceAll("\\*+$", "");
            if (body.codePoints().noneMatch(Character::isLetterOrDigit)) continue;
            terms.add('"' + body.replace("\"", "\"\"") + '"' + (prefix ? "*" : ""));
        }
        return terms.isEmpty() ? Optional.empty() : Optional.of(String.join(" ", terms));
    }
}
