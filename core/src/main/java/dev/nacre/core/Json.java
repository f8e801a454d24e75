package dev.nacre.core;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * An immutable JSON value. Core keeps its own type (no Jackson) so it can compile to
 * WebAssembly-GC with TeaVM. Objects keep insertion order so printed output is stable.
 */
public sealed interface Json {

    Null NULL = new Null();
    Bool TRUE = new Bool(true);
    Bool FALSE = new Bool(false);

    record Null() implements Json {}

    record Bool(boolean value) implements Json {}

    /** A number kept as its JSON text, so large integers and decimals survive a round trip. */
    record Num(String text) implements Json {
        public long asLong() {
            try {
                return Long.parseLong(text);
            } catch (NumberFormatException e) {
                return (long) Double.parseDouble(text);
            }
        }

        public double asDouble() {
            return Double.parseDouble(text);
        }
    }

    record Str(String value) implements Json {
        public Str {
            if (value == null) throw new IllegalArgumentException("JSON string value is null");
        }
    }

    record Arr(List<Json> items) implements Json {
        public Arr {
            items = List.copyOf(items);
        }
    }

    record Obj(Map<String, Json> fields) implements Json {
        public Obj {
            fields = JsonFields.copyOf(fields);
        }

        public Optional<Json> get(String key) {
            return Optional.ofNullable(fields.get(key));
        }

        public String string(String key, String fallback) {
            return fields.get(key) instanceof Str(String v) ? v : fallback;
        }

        public long number(String key, long fallback) {
            return fields.get(key) instanceof Num n ? n.asLong() : fallback;
        }

        public boolean bool(String key, boolean fallback) {
            return fields.get(key) instanceof Bool(boolean v) ? v : fallback;
        }

        public Obj object(String key) {
            return fields.get(key) instanceof Obj o ? o : EMPTY_OBJ;
        }

        public List<Json> array(String key) {
            return fields.get(key) instanceof Arr(List<Json> items) ? items : List.of();
        }

        public Obj with(String key, Json value) {
            var copy = new LinkedHashMap<>(fields);
            copy.put(key, value);
            return new Obj(JsonFields.owning(copy));
        }
    }

    Obj EMPTY_OBJ = new Obj(Map.of());

    static Json of(String s) {
        return new Str(s);
    }

    static Json of(long n) {
        return new Num(Long.toString(n));
    }

    static Json of(boolean b) {
        return b ? TRUE : FALSE;
    }

    static Json array(List<? extends Json> items) {
        return new Arr(new ArrayList<>(items));
    }

    static ObjBuilder object() {
        return new ObjBuilder();
    }

    static Json parse(String text) {
        return JsonParser.parse(text);
    }

    /** Compact JSON, fields in insertion order. */
    default String print() {
        return JsonWriter.write(this, false);
    }

    /** Canonical JSON: compact, object keys sorted; the form that is hashed. */
    default String canonical() {
        return JsonWriter.write(this, true);
    }

    /** Builds an object in insertion order. */
    final class ObjBuilder {
        private LinkedHashMap<String, Json> fields = new LinkedHashMap<>();
        private boolean built; // fields now belong to an Obj: the next put starts from a copy

        public ObjBuilder put(String key, Json value) {
            if (built) {
                fields = new LinkedHashMap<>(fields);
                built = false;
            }
            fields.put(key, value);
            return this;
        }

        public ObjBuilder put(String key, String value) {
            return put(key, new Str(value));
        }

        public ObjBuilder put(String key, long value) {
            return put(key, Json.of(value));
        }

        public ObjBuilder put(String key, boolean value) {
            return put(key, Json.of(value));
        }

        public Obj build() {
            built = true;
            return new Obj(JsonFields.owning(fields));
        }
    }
}
