package dev.nacre.sandbox;

import java.util.List;

/**
 * A named secret the host may add to requests to {@code hosts}: header {@code header} with value
 * {@code prefix + SECRET}. The value itself comes from the operator's {@link SecretSource}.
 */
public record SecretGrant(String name, List<HostPattern> hosts, String header, String prefix) {

    public SecretGrant {
        hosts = List.copyOf(hosts);
    }

    public boolean allows(String host) {
        return hosts.stream().anyMatch(h -> h.matches(host));
    }
}
