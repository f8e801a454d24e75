package dev.nacre.tools;

import java.util.Optional;
import java.util.regex.Pattern;

/**
 * What may go into memory. Memory is replayed into every future system prompt, so text that
 * hides characters or poses as instructions to the model is refused rather than stored.
 */
final class EntryRules {
    static final int MAX_ENTRY_CHARS = 600;
    private static final int ZERO_WIDTH_JOINER = 0x200D; // inside emoji sequences; harmless

    /** Chat-template tokens and instruction overrides: text a note has no reason to contain. */
    private static final Pattern INJECTION = Pattern.compile(
            "<\\|[a-z_]{2,30}\\|>"
            + "|\\[/?INST]|<</?SYS>>"
            + "|</?(system|tool_call|tool_response|im_start|im_end)\\b[^>]*>"
            + "|\\b(ignore|disregard|forget|override)\\s+(all\\s+|any\\s+)?(of\\s+)?(the\\s+|your\\s+)?"
            + "(previous|prior|above|earlier|system|original)\\s+(instructions|prompts?|rules|messages)",
            Pattern.CASE_INSENSITIVE);

    private EntryRules() {}

    /** The entry as it will be stored, or an exception saying what to change. */
    static String check(String raw) {
        String entry = raw.replace("\r\n", "\n").replace('\r', '\n').strip();
        if (entry.isEmpty()) throw new ToolArgumentException("'content' is empty; write the fact to remember");
        hidden(entry).ifPresent(cp -> {
            throw new ToolArgumentException(String.format(
                    "content contains the invisible or control character U+%04X; send plain text", cp));
        });
        for (String line : entry.split("\n")) {
            if (line.strip().equals(MemoryEntries.SEPARATOR)) {
                throw new ToolArgumentException("content has a line holding only § (the entry separator); send one entry per call");
            }
        }
        if (entry.length() > MAX_ENTRY_CHARS) {
            throw new ToolArgumentException("content is " + entry.length() + " chars; an entry holds at most "
                    + MAX_ENTRY_CHARS + ": say it shorter or split it into separate facts");
        }
        injection(entry).ifPresent(marker -> {
            throw new ToolArgumentException("content looks like an instruction to the model ('" + marker
                    + "'); memory keeps facts and preferences, not prompts");
        });
        return entry;
    }

    /** The first marker of an instruction override in the text, if any. */
    static Optional<String> injection(String text) {
        var m = INJECTION.matcher(text);
        return m.find() ? Optional.of(m.group()) : Optional.empty();
    }

    /** The text without control (other than newline and tab) and invisible formatting characters. */
    static String visible(String text) {
        var out = new StringBuilder(text.length());
        text.codePoints().filter(cp -> !isHidden(cp)).forEach(out::appendCodePoint);
        return out.toString();
    }

    private static Optional<Integer> hidden(String text) {
        return text.codePoints().filter(EntryRules::isHidden).boxed().findFirst();
    }

    private static boolean isHidden(int cp) {
        if (cp == '\n' || cp == '\t' || cp == ZERO_WIDTH_JOINER) return false;
        int type = Character.getType(cp);
        // FORMAT covers zero-width spaces, bidi overrides and the tag block used to smuggle hidden text.
        return type == Character.CONTROL || type == Character.FORMAT || type == Character.SURROGATE;
    }
}
