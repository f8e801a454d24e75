package dev.nacre.core;

import java.util.AbstractMap;
import java.util.Collection;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.function.BiConsumer;

/**
 * The fields of a {@link Json.Obj}: an insertion-ordered map no one can change. The parser and
 * the builder hand over a map they never touch again, so it is wrapped, not copied a second time.
 */
final class JsonFields extends AbstractMap<String, Json> {
    private final Map<String, Json> view;

    private JsonFields(LinkedHashMap<String, Json> owned) {
        this.view = Collections.unmodifiableMap(owned);
    }

    static JsonFields copyOf(Map<String, Json> fields) {
        return fields instanceof JsonFields f ? f : new JsonFields(new LinkedHashMap<>(fields));
    }

    /** Takes {@code fields} as they are: the caller must never change them afterwards. */
    static JsonFields owning(LinkedHashMap<String, Json> fields) {
        return new JsonFields(fields);
    }

    @Override
    public Json get(Object key) {
        return view.get(key);
    }

    @Override
    public boolean containsKey(Object key) {
        return view.containsKey(key);
    }

    @Override
    public int size() {
        return view.size();
    }

    @Override
    public boolean isEmpty() {
        return view.isEmpty();
    }

    @Override
    public Set<Entry<String, Json>> entrySet() {
        return view.entrySet();
    }

    @Override
    public Set<String> keySet() {
        return view.keySet();
    }

    @Override
    public Collection<Json> values() {
        return view.values();
    }

    @Override
    public void forEach(BiConsumer<? super String, ? super Json> action) {
        view.forEach(action);
    }

    @Override
    public boolean equals(Object o) {
        return o == this || view.equals(o);
    }

    @Override
    public int hashCode() {
        return view.hashCode();
    }
}
