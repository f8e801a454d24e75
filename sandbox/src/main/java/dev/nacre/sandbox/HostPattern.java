package dev.nacre.sandbox;

import java.util.List;

/**
 * A granted HTTP host: exact ("api.github.com") or one wildcard label ("*.example.org", which does
 * not match "example.org"), with the ports it may be reached on. Empty {@code ports} means the
 * default: 443 (https) for named hosts, any port for loopback hosts (127.0.0.1, ::1, localhost).
 */
public record HostPattern(String pattern, List<Integer> ports) {

    public HostPattern {
        pattern = Sizes.lower(pattern);
        ports = List.copyOf(ports);
        for (int p : ports) if (p < 1 || p > 65535) throw new IllegalArgumentException("port " + p + " is not 1-65535");
    }

    /** A host with the default ports. */
    public HostPattern(String pattern) {
        this(pattern, List.of());
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

    /** Whether {@code host} matches and {@code port} (the URL's, or its scheme's default) is allowed. */
    public boolean matches(String host, int port) {
        if (!matches(host)) return false;
        if (!ports.isEmpty()) return ports.contains(port);
        return Loopback.is(host) || port == 443;
    }
}
