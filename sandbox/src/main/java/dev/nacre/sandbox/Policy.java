package dev.nacre.sandbox;

import dev.nacre.core.Json;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/**
 * What a tool module may touch, written by the operator; everything else is denied. The agent
 * never builds or widens one: policies come from files next to the module or from the host's code.
 */
public record Policy(List<StorageGrant> storage, List<HostPattern> network, List<String> env,
                     List<SecretGrant> secrets, Limits limits) {

    public Policy {
        storage = List.copyOf(storage);
        network = List.copyOf(network);
        env = List.copyOf(env);
        secrets = List.copyOf(secrets);
    }

    /** Nothing granted, default limits. */
    public static Policy denyAll() {
        return new Policy(List.of(), List.of(), List.of(), List.of(), Limits.DEFAULTS);
    }

    /** Parses policy YAML; {@code source} names the file in error messages. */
    public static Policy parse(String yaml, String source) {
        return PolicyParser.parse(yaml, source);
    }

    public static Policy load(Path file) {
        try {
            return parse(Files.readString(file, StandardCharsets.UTF_8), file.toString());
        } catch (IOException e) {
            throw new PolicyException(file + ": cannot read policy (" + e.getMessage() + ")");
        }
    }

    public Policy withLimits(Limits l) {
        return new Policy(storage, network, env, secrets, l);
    }

    /** Whether some network grant names {@code host} (any port). */
    public boolean allowsHost(String host) {
        return network.stream().anyMatch(h -> h.matches(host));
    }

    /** Whether some network grant allows {@code host} on {@code port} (see {@link HostPattern#matches(String, int)}). */
    public boolean allowsHost(String host, int port) {
        return network.stream().anyMatch(h -> h.matches(host, port));
    }

    public Optional<SecretGrant> secret(String name) {
        return secrets.stream().filter(s -> s.name().equals(name)).findFirst();
    }

    /** The policy as JSON; its canonical form is what {@link #sha256()} hashes. */
    public Json toJson() {
        var grants = storage.stream().map(g -> (Json) Json.object()
                .put("uri", g.uri())
                .put("access", Json.array(access(g))).build()).toList();
        var hosts = network.stream().map(h -> {
            var o = Json.object().put("host", h.pattern());
            // only when set: policies without ports keep their sha256
            if (!h.ports().isEmpty()) o.put("ports", Json.array(h.ports().stream().map(p -> Json.of((long) p)).toList()));
            return (Json) o.build();
        }).toList();
        var secretList = secrets.stream().map(s -> (Json) Json.object()
                .put("name", s.name())
                .put("hosts", Json.array(s.hosts().stream().map(h -> Json.of(h.pattern())).toList()))
                .put("header", s.header())
                .put("prefix", s.prefix()).build()).toList();
        return Json.object()
                .put("storage", Json.array(grants))
                .put("network", Json.array(hosts))
                .put("env", Json.array(env.stream().map(Json::of).toList()))
                .put("secrets", Json.array(secretList))
                .put("limits", limits.toJson())
                .build();
    }

    public String sha256() {
        return Sha256.hex(toJson().canonical());
    }

    private static List<Json> access(StorageGrant g) {
        if (g.read() && g.write()) return List.of(Json.of("read"), Json.of("write"));
        return List.of(Json.of(g.read() ? "read" : "write"));
    }
}
