package dev.nacre.sandbox;

import java.util.Set;

/** The host names that always mean this machine; the one list used for plain-http and port rules. */
final class Loopback {
    private static final Set<String> HOSTS = Set.of("127.0.0.1", "::1", "[::1]", "localhost");

    private Loopback() {}

    static boolean is(String host) {
        return host != null && HOSTS.contains(Sizes.lower(host));
    }
}
