package dev.nacre.core;

import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/** Prints JSON compactly; in canonical mode object keys are sorted so equal values hash equally. */
final class JsonWriter {
    private static final char[] HEX = "0123456789abcdef".toCharArray();

    private JsonWriter() {}

    static String write(Json value, boolean canonical) {
        var out = new StringBuilder();
        write(value, canonical, out);
        return out.toString();
    }

    private static void write(Json value, boolean canonical, StringBuilder out) {
        switch (value) {
            case Json.Null n -> out.append("null");
            case Json.Bool(boolean b) -> out.append(b ? "true" : "false");
            case Json.Num(String text) -> out.append(text);
            case Json.Str(String s) -> quote(s, out);
            case Json.Arr(List<Json> items) -> {
                out.append('[');
                for (int i = 0; i < items.size(); i++) {
                    if (i > 0) out.append(',');
                    write(items.get(i), canonical, out);
                }
                out.append(']');
            }
            case Json.Obj(Map<String, Json> fields) -> {
                out.append('{');
                boolean first = true;
                for (var e : (canonical ? new TreeMap<>(fields) : fields).entrySet()) {
                    if (!first) out.append(',');
                    first = false;
                    quote(e.getKey(), out);
                    out.append(':');
                    write(e.getValue(), canonical, out);
                }
                out.append('}');
            }
        }
    }

    static void quote(String s, StringBuilder out) {
        out.append('"');
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            switch (c) {
                case '"' -> out.append("\\\"");
                case '\\' -> out.append("\\\\");
                case '\n' -> out.append("\\n");
                case '\r' -> out.append("\\r");
                case '\t' -> out.append("\\t");
                case '\b' -> out.append("\\b");
                case '\f' -> out.append("\\f");
                default -> {
                    if (c < 0x20) {
                        out.append("\\u00").append(HEX[c >> 4]).append(HEX[c & 0xf]);
                    } else {
                        out.append(c);
                    }
                }
            }
        }
        out.append('"');
    }
}
