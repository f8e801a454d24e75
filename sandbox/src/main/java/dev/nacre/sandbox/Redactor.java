package dev.nacre.sandbox;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Replaces the values of a policy's secrets, and their common encodings (JSON-escaped,
 * URL-encoded with upper or lower hex, base64 and base64url at any alignment), with
 * {@code [secret NAME]}. Defence in depth only: a server that transforms a secret in any other
 * way (compression, other encodings, splitting) can still hand it back.
 */
final class Redactor {
    /** Base64 fragments shorter than this are not redacted: they would match unrelated text. */
    private static final int MIN_BASE64_FRAGMENT = 8;
    static final Redactor NONE = new Redactor(List.of());

    private record Needle(String text, String replacement) {}

    private final List<Needle> needles;

    private Redactor(List<Needle> needles) {
        this.needles = needles;
    }

    /** The secrets of {@code policy} as configured in {@code source}, looked up once. */
    static Redactor of(Policy policy, SecretSource source) {
        var values = new LinkedHashMap<String, String>();
        for (var grant : policy.secrets()) {
            source.secret(grant.name()).filter(v -> !v.isEmpty()).ifPresent(v -> values.put(grant.name(), v));
        }
        return of(values);
    }

    /** name to value. */
    static Redactor of(Map<String, String> secrets) {
        var out = new ArrayList<Needle>();
        secrets.forEach((name, value) -> {
            String replacement = "[secret " + name + "]";
            for (String form : forms(value)) {
                if (!form.isEmpty()) out.add(new Needle(form, replacement));
            }
        });
        out.sort(Comparator.comparingInt((Needle n) -> n.text().length()).reversed()); // longest first
        return new Redactor(List.copyOf(out));
    }

    String redact(String text) {
        if (text == null || needles.isEmpty()) return text;
        String out = text;
        for (var n : needles) if (out.contains(n.text())) out = out.replace(n.text(), n.replacement());
        return out;
    }

    boolean isEmpty() {
        return needles.isEmpty();
    }

    static List<String> forms(String value) {
        var forms = new java.util.LinkedHashSet<String>();
        forms.add(value);
        for (boolean slash : new boolean[] {false, true}) {
            for (int unicode = 0; unicode < 3; unicode++) forms.add(jsonEscaped(value, slash, unicode));
        }
        String form = URLEncoder.encode(value, StandardCharsets.UTF_8);
        forms.add(form);
        forms.add(lowerHex(form));
        forms.add(form.replace("+", "%20"));
        forms.add(lowerHex(form.replace("+", "%20")));
        String all = percentAll(value);
        forms.add(all);
        forms.add(all.toLowerCase(Locale.ROOT));
        byte[] bytes = value.getBytes(StandardCharsets.UTF_8);
        for (var enc : List.of(Base64.getEncoder(), Base64.getUrlEncoder())) {
            for (int offset = 0; offset < 3; offset++) {
                String fragment = base64Fragment(enc, bytes, offset);
                if (fragment.length() >= MIN_BASE64_FRAGMENT) forms.add(fragment);
            }
        }
        return List.copyOf(forms);
    }

    /** unicode: 0 = non-ASCII as is, 1 = as lower-case backslash-u escapes, 2 = upper-case. */
    private static String jsonEscaped(String s, boolean escapeSlash, int unicode) {
        var b = new StringBuilder();
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            switch (c) {
                case '"' -> b.append("\\\"");
                case '\\' -> b.append("\\\\");
                case '/' -> b.append(escapeSlash ? "\\/" : "/");
                case '\n' -> b.append("\\n");
                case '\r' -> b.append("\\r");
                case '\t' -> b.append("\\t");
                case '\b' -> b.append("\\b");
                case '\f' -> b.append("\\f");
                default -> {
                    if (c < 0x20 || (c > 0x7e && unicode > 0)) {
                        String hex = String.format("\\u%04x", (int) c);
                        b.append(unicode == 2 ? "\\u" + hex.substring(2).toUpperCase(Locale.ROOT) : hex);
                    } else {
                        b.append(c);
                    }
                }
            }
        }
        return b.toString();
    }

    private static String lowerHex(String encoded) {
        var b = new StringBuilder(encoded);
        for (int i = 0; i + 2 < b.length(); i++) {
            if (b.charAt(i) == '%') {
                b.setCharAt(i + 1, Character.toLowerCase(b.charAt(i + 1)));
                b.setCharAt(i + 2, Character.toLowerCase(b.charAt(i + 2)));
            }
        }
        return b.toString();
    }

    private static String percentAll(String s) {
        var b = new StringBuilder();
        for (byte x : s.getBytes(StandardCharsets.UTF_8)) b.append('%').append(String.format("%02X", x & 0xff));
        return b.toString();
    }

    /**
     * The base64 characters that depend only on the secret when it starts {@code offset} bytes
     * into a 3-byte group: what appears inside any larger base64 text that contains it.
     */
    private static String base64Fragment(Base64.Encoder enc, byte[] secret, int offset) {
        byte[] padded = new byte[offset + secret.length];
        System.arraycopy(secret, 0, padded, offset, secret.length);
        String full = enc.withoutPadding().encodeToString(padded);
        int skip = offset == 0 ? 0 : offset == 1 ? 2 : 3; // characters mixing in the bytes before
        int end = (4 * padded.length) / 3; // characters made only of secret bits (none of the bytes after)
        return end > skip ? full.substring(skip, Math.min(end, full.length())) : "";
    }
}
