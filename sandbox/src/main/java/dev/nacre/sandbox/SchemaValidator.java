package dev.nacre.sandbox;

import dev.nacre.core.Json;
import java.math.BigDecimal;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

/**
 * The common subset of JSON Schema that tool input schemas use: type (with "integer"),
 * properties, required, additionalProperties, enum, const, items, minItems/maxItems,
 * minimum/maximum, exclusiveMinimum/exclusiveMaximum (numeric), minLength/maxLength, pattern.
 * Other keywords are ignored. The first violation is reported with its JSON path ("$.a[0].b").
 */
public final class SchemaValidator {
    private static final int MAX_DEPTH = 64;
    /** pattern is matched against model-written text: bound the work so a bad regex cannot hang the host. */
    private static final int MAX_REGEX_STEPS = 1_000_000;
    private static final Map<String, Pattern> PATTERNS = new ConcurrentHashMap<>();

    private SchemaValidator() {}

    /** The first violation as "at PATH: what is wrong", or empty if {@code value} conforms. */
    public static Optional<String> validate(Json schema, Json value) {
        try {
            check(schema, value, "$", 0);
            return Optional.empty();
        } catch (Violation v) {
            return Optional.of("at " + v.path + ": " + v.getMessage());
        }
    }

    private static final class Violation extends RuntimeException {
        final String path;

        Violation(String path, String message) {
            super(message, null, false, false);
            this.path = path;
        }
    }

    private static void check(Json schema, Json value, String path, int depth) {
        if (depth > MAX_DEPTH) throw new Violation(path, "nested too deeply");
        if (schema instanceof Json.Bool(boolean b)) {
            if (!b) throw new Violation(path, "no value is allowed here");
            return;
        }
        if (!(schema instanceof Json.Obj s)) return;
        s.get("type").ifPresent(t -> checkType(t, value, path));
        s.get("const").ifPresent(c -> {
            if (!same(c, value)) throw new Violation(path, "must be " + c.print());
        });
        if (s.get("enum").orElse(null) instanceof Json.Arr(List<Json> options)
                && options.stream().noneMatch(o -> same(o, value))) {
            throw new Violation(path, "must be one of " + new Json.Arr(options).print());
        }
        switch (value) {
            case Json.Obj o -> checkObject(s, o, path, depth);
            case Json.Arr a -> checkArray(s, a, path, depth);
            case Json.Str(String str) -> checkString(s, str, path);
            case Json.Num n -> checkNumber(s, n, path);
            default -> { }
        }
    }

    private static void checkType(Json type, Json value, String path) {
        List<Json> types = type instanceof Json.Arr(List<Json> items) ? items : List.of(type);
        for (Json t : types) if (t instanceof Json.Str(String name) && hasType(name, value)) return;
        String expected = types.stream().map(t -> t instanceof Json.Str(String n) ? n : t.print())
                .reduce((a, b) -> a + " or " + b).orElse("?");
        throw new Violation(path, "must be " + article(expected) + ", not " + typeOf(value));
    }

    private static boolean hasType(String name, Json value) {
        return switch (name) {
            case "object" -> value instanceof Json.Obj;
            case "array" -> value instanceof Json.Arr;
            case "string" -> value instanceof Json.Str;
            case "number" -> value instanceof Json.Num;
            case "integer" -> value instanceof Json.Num n && isInteger(n);
            case "boolean" -> value instanceof Json.Bool;
            case "null" -> value instanceof Json.Null;
            default -> false;
        };
    }

    private static void checkObject(Json.Obj s, Json.Obj o, String path, int depth) {
        for (Json r : s.array("required")) {
            if (r instanceof Json.Str(String key) && !o.fields().containsKey(key)) {
                throw new Violation(path, "missing required property '" + key + "'");
            }
        }
        var properties = s.object("properties");
        Json additional = s.get("additionalProperties").orElse(Json.TRUE);
        for (var e : o.fields().entrySet()) {
            String child = path + "." + e.getKey();
            var propertySchema = properties.get(e.getKey());
            if (propertySchema.isPresent()) {
                check(propertySchema.get(), e.getValue(), child, depth + 1);
            } else if (additional instanceof Json.Bool(boolean allowed)) {
                if (!allowed) throw new Violation(path, "property '" + e.getKey() + "' is not allowed");
            } else {
                check(additional, e.getValue(), child, depth + 1);
            }
        }
    }

    private static void checkArray(Json.Obj s, Json.Arr a, String path, int depth) {
        int n = a.items().size();
        if (s.get("minItems").orElse(null) instanceof Json.Num min && n < min.asDouble()) {
            throw new Violation(path, "must have at least " + min.text() + " items");
        }
        if (s.get("maxItems").orElse(null) instanceof Json.Num max && n > max.asDouble()) {
            throw new Violation(path, "must have at most " + max.text() + " items");
        }
        var items = s.get("items");
        if (items.isPresent()) {
            for (int i = 0; i < n; i++) check(items.get(), a.items().get(i), path + "[" + i + "]", depth + 1);
        }
    }

    private static void checkString(Json.Obj s, String str, String path) {
        int length = str.codePointCount(0, str.length());
        if (s.get("minLength").orElse(null) instanceof Json.Num min && length < min.asDouble()) {
            throw new Violation(path, "must be at least " + min.text() + " characters");
        }
        if (s.get("maxLength").orElse(null) instanceof Json.Num max && length > max.asDouble()) {
            throw new Violation(path, "must be at most " + max.text() + " characters");
        }
        if (s.get("pattern").orElse(null) instanceof Json.Str(String regex)) {
            Pattern p;
            try {
                p = PATTERNS.computeIfAbsent(regex, Pattern::compile);
            } catch (PatternSyntaxException e) {
                throw new Violation(path, "the schema's pattern is not a valid regular expression");
            }
            boolean found;
            try {
                found = p.matcher(new BoundedChars(str, MAX_REGEX_STEPS)).find();
            } catch (BoundedChars.TooMuchWork e) {
                throw new Violation(path, "matching pattern " + regex + " took too long");
            }
            if (!found) throw new Violation(path, "must match pattern " + regex);
        }
    }

    private static void checkNumber(Json.Obj s, Json.Num n, String path) {
        BigDecimal v = decimal(n);
        if (v == null) return;
        if (s.get("minimum").orElse(null) instanceof Json.Num min && v.compareTo(decimal(min)) < 0) {
            throw new Violation(path, "must be at least " + min.text());
        }
        if (s.get("maximum").orElse(null) instanceof Json.Num max && v.compareTo(decimal(max)) > 0) {
            throw new Violation(path, "must be at most " + max.text());
        }
        if (s.get("exclusiveMinimum").orElse(null) instanceof Json.Num min && v.compareTo(decimal(min)) <= 0) {
            throw new Violation(path, "must be greater than " + min.text());
        }
        if (s.get("exclusiveMaximum").orElse(null) instanceof Json.Num max && v.compareTo(decimal(max)) >= 0) {
            throw new Violation(path, "must be less than " + max.text());
        }
    }

    private static boolean same(Json a, Json b) {
        if (a instanceof Json.Num x && b instanceof Json.Num y) {
            BigDecimal dx = decimal(x);
            BigDecimal dy = decimal(y);
            return dx != null && dy != null && dx.compareTo(dy) == 0;
        }
        if (a instanceof Json.Arr(List<Json> xs) && b instanceof Json.Arr(List<Json> ys)) {
            if (xs.size() != ys.size()) return false;
            for (int i = 0; i < xs.size(); i++) if (!same(xs.get(i), ys.get(i))) return false;
            return true;
        }
        if (a instanceof Json.Obj x && b instanceof Json.Obj y) {
            if (!x.fields().keySet().equals(y.fields().keySet())) return false;
            for (var e : x.fields().entrySet()) if (!same(e.getValue(), y.fields().get(e.getKey()))) return false;
            return true;
        }
        return a.equals(b);
    }

    private static boolean isInteger(Json.Num n) {
        BigDecimal d = decimal(n);
        return d != null && d.stripTrailingZeros().scale() <= 0;
    }

    private static BigDecimal decimal(Json.Num n) {
        try {
            return new BigDecimal(n.text());
        } catch (NumberFormatException e) {
            return null;
        }
    }

    private static String typeOf(Json v) {
        return switch (v) {
            case Json.Obj o -> "an object";
            case Json.Arr a -> "an array";
            case Json.Str s -> "a string";
            case Json.Num n -> isInteger(n) ? "an integer" : "a number";
            case Json.Bool b -> "a boolean";
            case Json.Null z -> "null";
        };
    }

    private static String article(String type) {
        return type.equals("null") ? "null" : ("aeiou".indexOf(type.charAt(0)) >= 0 ? "an " : "a ") + type;
    }
}
