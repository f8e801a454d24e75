package dev.nacre.sandbox;

/** A granted HTTP host: exact ("api.github.com") or one wildcard label ("*.example.org", which does not match "example.org"). */
public record HostPattern(String pattern) {

    public HostPattern {
        pattern = Sizes.lower(pattern);
    }

    public boolean matches(String host) {
        String h = Sizes.lower(host);
        if (h.endsWith(".")) h = h.substring(0, h.length() - 1);
        if (pattern.startsWith("*.")) {
            String suffix = pattern.substring(1);
            return h.endsWith(suffix) && h.length() > suffix.length();
        }
        return h.equals(pattern);
    }
}
