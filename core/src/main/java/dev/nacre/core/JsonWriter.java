package dev.nacre.core;

import java.util.Arrays;
import java.util.List;
import java.util.Map;

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
                if (canonical) {
                    String[] keys = fields.keySet().toArray(new String[0]);
                    Arrays.sort(keys);
                    for (int i = 0; i < keys.length; i++) {
                        if (i > 0) out.append(',');
                        quote(keys[i], out);
                        out.append(':');
                        write(fields.get(keys[i]), true, out);
                    }
                } else {
                    boolean first = true;
                    for (var e : fields.entrySet()) {
                        if (!first) out.append(',');
                        first = false;
                        quote(e.getKey(), out);
                        out.append(':');
                        write(e.getValue(), false, out);
                    }
                }
                out.append('}');
            }
        }
    }

    static void quote(String s, StringBuilder out) {
        out.append('"');
        int run = 0; // start of the characters not yet copied: copied in runs, not one by one
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c >= 0x20 && c != '"' && c != '\\') continue;
            out.append(s, run, i);
            run = i + 1;
            switch (c) {
                case '"' -> out.append("\\\"");
                case '\\' -> out.append("\\\\");
                case '\n' -> out.append("\\n");
                case '\r' -> out.append("\\r");
                case '\t' -> out.append("\\t");
                case '\b' -> out.append("\\b");
                case '\f' -> out.append("\\f");
                default -> out.append("\\u00").append(HEX[c >> 4]).append(HEX[c & 0xf]);
            }
        }
        out.append(s, run, s.length());
        out.append('"');
    }
}
