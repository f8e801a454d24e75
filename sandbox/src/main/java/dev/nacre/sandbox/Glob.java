package dev.nacre.sandbox;

import java.util.regex.Pattern;

/**
 * A path glob over '/'-separated relative paths: {@code **} crosses directories, {@code *} and
 * {@code ?} do not. {@code dir/**} also matches {@code dir} itself.
 */
record Glob(String text, Pattern regex) {

    static Glob of(String text) {
        var re = new StringBuilder();
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (text.startsWith("/**", i) && i + 3 == text.length()) {
                re.append("(?:/.*)?"); // "dir/**" is the directory and everything under it
                break;
            } else if (text.startsWith("**/", i)) {
                re.append("(?:.*/)?");
                i += 2;
            } else if (text.startsWith("**", i)) {
                re.append(".*");
                i += 1;
            } else if (c == '*') {
                re.append("[^/]*");
            } else if (c == '?') {
                re.append("[^/]");
            } else {
                re.append(Pattern.quote(String.valueOf(c)));
            }
        }
        return new Glob(text, Pattern.compile(re.toString()));
    }

    boolean matches(String relativePath) {
        return regex.matcher(relativePath).matches();
    }

    /** The longest leading directory without wildcards: where copying in starts. */
    String fixedPrefix() {
        int wild = indexOfWildcard(text);
        if (wild < 0) return text;
        int slash = text.lastIndexOf('/', wild);
        return slash < 0 ? "" : text.substring(0, slash);
    }

    boolean hasWildcard() {
        return indexOfWildcard(text) >= 0;
    }

    private static int indexOfWildcard(String s) {
        int star = s.indexOf('*');
        int q = s.indexOf('?');
        if (star < 0) return q;
        if (q < 0) return star;
        return Math.min(star, q);
    }
}
