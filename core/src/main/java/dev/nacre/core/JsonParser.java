package dev.nacre.core;

import java.util.ArrayList;
import java.util.LinkedHashMap;

/** A strict RFC 8259 parser with a nesting-depth cap, so hostile input cannot overflow the stack. */
final class JsonParser {
    static final int MAX_DEPTH = 512;

    private final String text;
    private int pos;

    private JsonParser(String text) {
        this.text = text;
    }

    static Json parse(String text) {
        if (text == null) throw new JsonException("no JSON text", 0);
        var parser = new JsonParser(text);
        parser.skipSpace();
        Json value = parser.value(0);
        parser.skipSpace();
        if (parser.pos != text.length()) throw new JsonException("unexpected text after the JSON value", parser.pos);
        return value;
    }

    private Json value(int depth) {
        if (pos >= text.length()) throw new JsonException("unexpected end of JSON", pos);
        char c = text.charAt(pos);
        return switch (c) {
            case '{' -> object(depth);
            case '[' -> array(depth);
            case '"' -> new Json.Str(string());
            case 't' -> literal("true", Json.TRUE);
            case 'f' -> literal("false", Json.FALSE);
            case 'n' -> literal("null", Json.NULL);
            default -> {
                if (c == '-' || (c >= '0' && c <= '9')) yield number();
                throw new JsonException("unexpected character '" + c + "'", pos);
            }
        };
    }

    private Json object(int depth) {
        enter(depth);
        var fields = new LinkedHashMap<String, Json>();
        skipSpace();
        if (peek() == '}') {
            pos++;
            return new Json.Obj(JsonFields.owning(fields));
        }
        while (true) {
            skipSpace();
            if (peek() != '"') throw new JsonException("expected a quoted object key", pos);
            String key = string();
            skipSpace();
            expect(':');
            skipSpace();
            fields.put(key, value(depth + 1));
            skipSpace();
            char c = next("',' or '}'");
            if (c == '}') return new Json.Obj(JsonFields.owning(fields));
            if (c != ',') throw new JsonException("expected ',' or '}'", pos - 1);
        }
    }

    private Json array(int depth) {
        enter(depth);
        var items = new ArrayList<Json>();
        skipSpace();
        if (peek() == ']') {
            pos++;
            return new Json.Arr(items);
        }
        while (true) {
            skipSpace();
            items.add(value(depth + 1));
            skipSpace();
            char c = next("',' or ']'");
            if (c == ']') return new Json.Arr(items);
            if (c != ',') throw new JsonException("expected ',' or ']'", pos - 1);
        }
    }

    // depth counts containers from 0: MAX_DEPTH nested arrays or objects parse, one more does not.
    private void enter(int depth) {
        if (depth >= MAX_DEPTH) throw new JsonException("JSON nested deeper than " + MAX_DEPTH, pos);
        pos++;
    }

    private String string() {
        int start = ++pos;
        // Most strings have no escape: one scan and one substring, no per-character appends.
        while (pos < text.length()) {
            char c = text.charAt(pos);
            if (c == '"') return text.substring(start, pos++);
            if (c == '\\' || c < 0x20) break;
            pos++;
        }
        var out = new StringBuilder(pos - start + 16).append(text, start, pos);
        while (true) {
            if (pos >= text.length()) throw new JsonException("unterminated string", pos);
            char c = text.charAt(pos++);
            if (c == '"') return out.toString();
            if (c < 0x20) throw new JsonException("control character in string", pos - 1);
            if (c != '\\') {
                out.append(c);
                continue;
            }
            char e = next("an escape character");
            switch (e) {
                case '"', '\\', '/' -> out.append(e);
                case 'b' -> out.append('\b');
                case 'f' -> out.append('\f');
                case 'n' -> out.append('\n');
                case 'r' -> out.append('\r');
                case 't' -> out.append('\t');
                case 'u' -> out.append(unicode());
                default -> throw new JsonException("invalid escape '\\" + e + "'", pos - 1);
            }
        }
    }

    private char unicode() {
        if (pos + 4 > text.length()) throw new JsonException("truncated \\u escape", pos);
        int v = 0;
        for (int i = 0; i < 4; i++) {
            int d = hexDigit(text.charAt(pos + i));
            if (d < 0) throw new JsonException("invalid \\u escape", pos);
            v = v * 16 + d;
        }
        pos += 4;
        return (char) v;
    }

    // Character.digit would also accept non-ASCII digits such as U+0663; JSON allows only [0-9a-fA-F].
    private static int hexDigit(char c) {
        if (c >= '0' && c <= '9') return c - '0';
        if (c >= 'a' && c <= 'f') return c - 'a' + 10;
        if (c >= 'A' && c <= 'F') return c - 'A' + 10;
        return -1;
    }

    private Json number() {
        int start = pos;
        if (peek() == '-') pos++;
        if (peek() == '0') {
            pos++;
            if (peek() >= '0' && peek() <= '9') throw new JsonException("leading zero in number", start);
        } else if (!digits()) {
            throw new JsonException("invalid number", start);
        }
        if (peek() == '.') {
            pos++;
            if (!digits()) throw new JsonException("invalid number", start);
        }
        if (peek() == 'e' || peek() == 'E') {
            pos++;
            if (peek() == '+' || peek() == '-') pos++;
            if (!digits()) throw new JsonException("invalid number", start);
        }
        return new Json.Num(text.substring(start, pos));
    }

    private boolean digits() {
        int start = pos;
        while (pos < text.length() && text.charAt(pos) >= '0' && text.charAt(pos) <= '9') pos++;
        return pos > start;
    }

    private Json literal(String word, Json value) {
        if (!text.startsWith(word, pos)) throw new JsonException("expected '" + word + "'", pos);
        pos += word.length();
        return value;
    }

    private void skipSpace() {
        while (pos < text.length()) {
            char c = text.charAt(pos);
            if (c != ' ' && c != '\t' && c != '\n' && c != '\r') return;
            pos++;
        }
    }

    private char peek() {
        return pos < text.length() ? text.charAt(pos) : '\0';
    }

    private char next(String expected) {
        if (pos >= text.length()) throw new JsonException("unexpected end of JSON, expected " + expected, pos);
        return text.charAt(pos++);
    }

    private void expect(char c) {
        if (next("'" + c + "'") != c) throw new JsonException("expected '" + c + "'", pos - 1);
    }
}
