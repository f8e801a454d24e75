package dev.nacre.llm;

import dev.nacre.core.Json;
import dev.nacre.core.JsonException;
import java.util.ArrayDeque;

/**
 * Parses JSON that a model wrote, repairing only mistakes with one obvious fix: trailing commas,
 * Python's None/True/False, raw newlines inside strings, brackets, braces or a string left open
 * at the end, and single-quoted strings when the text has no double quote at all.
 */
final class JsonRepair {
    private JsonRepair() {}

    /** The parsed value; throws the strict parser's error when no unambiguous repair exists. */
    static Json parse(String raw) {
        String text = stripFence(raw.strip());
        try {
            return Json.parse(text);
        } catch (JsonException strict) {
            String fixed = repair(text);
            if (fixed != null) {
                try {
                    return Json.parse(fixed);
                } catch (JsonException ignored) {
                    // fall through to the original, more useful, message
                }
            }
            throw strict;
        }
    }

    static String stripFence(String s) {
        if (!s.startsWith("```")) return s;
        int firstLine = s.indexOf('\n');
        if (firstLine < 0) return s;
        String body = s.substring(firstLine + 1);
        int end = body.lastIndexOf("```");
        return (end >= 0 ? body.substring(0, end) : body).strip();
    }

    /** The repaired text, or null when the damage is ambiguous. */
    static String repair(String s) {
        boolean singleQuoted = s.indexOf('"') < 0 && s.indexOf('\'') >= 0;
        var out = new StringBuilder(s.length() + 8);
        var open = new ArrayDeque<Character>();
        boolean inString = false;
        boolean escaped = false;
        char quote = '"';
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (inString) {
                if (escaped) {
                    if (!(singleQuoted && c == '\'')) out.append('\\');
                    out.append(c);
                    escaped = false;
                } else if (c == '\\') {
                    escaped = true;
                } else if (c == quote) {
                    out.append('"');
                    inString = false;
                } else if (c == '\n') {
                    out.append("\\n");
                } else if (c == '\r') {
                    out.append("\\r");
                } else if (c == '\t') {
                    out.append("\\t");
                } else {
                    out.append(c);
                }
                continue;
            }
            if (c == '"' || (singleQuoted && c == '\'')) {
                inString = true;
                quote = c;
                out.append('"');
            } else if (c == '{' || c == '[') {
                open.push(c);
                out.append(c);
            } else if (c == '}' || c == ']') {
                if (open.isEmpty() || open.pop() != (c == '}' ? '{' : '[')) return null;
                dropTrailingComma(out);
                out.append(c);
            } else if (Character.isLetter(c)) {
                int end = i;
                while (end < s.length() && Character.isLetterOrDigit(s.charAt(end))) end++;
                String word = s.substring(i, end);
                out.append(switch (word) {
                    case "None" -> "null";
                    case "True" -> "true";
                    case "False" -> "false";
                    default -> word;
                });
                i = end - 1;
            } else {
                out.append(c);
            }
        }
        if (inString) out.append('"');
        dropTrailingComma(out);
        if (!out.isEmpty() && out.charAt(out.length() - 1) == ':') return null;
        while (!open.isEmpty()) {
            dropTrailingComma(out);
            out.append(open.pop() == '{' ? '}' : ']');
        }
        return out.toString();
    }

    private static void dropTrailingComma(StringBuilder out) {
        int end = out.length();
        while (end > 0 && Character.isWhitespace(out.charAt(end - 1))) end--;
        if (end > 0 && out.charAt(end - 1) == ',') out.setLength(end - 1);
        else out.setLength(end);
    }
}
