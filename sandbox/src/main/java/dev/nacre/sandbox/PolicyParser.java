package dev.nacre.sandbox;

import java.math.BigInteger;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;
import org.snakeyaml.engine.v2.api.Load;
import org.snakeyaml.engine.v2.api.LoadSettings;
import org.snakeyaml.engine.v2.exceptions.YamlEngineException;

/** Policy YAML to {@link Policy}; strict: unknown keys and bad values are one-line errors naming file and key. */
final class PolicyParser {
    private static final Set<String> TOP = Set.of("storage", "network", "env", "secrets", "limits");
    private static final Set<String> LIMIT_KEYS =
            Set.of("memory", "fuel", "timeout", "output", "files", "response", "requests", "entries");
    private static final Pattern ENV_KEY = Pattern.compile("[A-Za-z_][A-Za-z0-9_]*");
    private static final Pattern SECRET_NAME = Pattern.compile("[A-Za-z0-9_-]{1,64}");
    private static final Pattern HOST = Pattern.compile("(\\*\\.)?[a-z0-9]([a-z0-9-]*[a-z0-9])?(\\.[a-z0-9]([a-z0-9-]*[a-z0-9])?)*");
    private static final Pattern HEADER = Pattern.compile("[A-Za-z0-9-]{1,64}");

    private final String source;

    private PolicyParser(String source) {
        this.source = source;
    }

    static Policy parse(String yaml, String source) {
        return new PolicyParser(source).parse(yaml);
    }

    private Policy parse(String yaml) {
        Object root;
        try {
            var settings = LoadSettings.builder().setLabel(source).setAllowDuplicateKeys(false)
                    .setMaxAliasesForCollections(10).setCodePointLimit(1 << 20).build();
            root = new Load(settings).loadFromString(yaml);
        } catch (YamlEngineException e) {
            throw fail("", "not valid YAML (" + e.getMessage().lines().findFirst().orElse("") + ")");
        }
        if (root == null) return Policy.denyAll();
        var top = map(root, "");
        for (var key : top.keySet()) if (!TOP.contains(key)) throw fail(key, "unknown key");
        return new Policy(storage(list(top.get("storage"), "storage")), network(list(top.get("network"), "network")),
                env(list(top.get("env"), "env")), secrets(list(top.get("secrets"), "secrets")),
                limits(top.get("limits")));
    }

    private List<StorageGrant> storage(List<Object> items) {
        var out = new ArrayList<StorageGrant>();
        for (int i = 0; i < items.size(); i++) {
            String at = "storage[" + i + "]";
            var m = map(items.get(i), at);
            only(m, at, "uri", "access");
            String uri = string(m.get("uri"), at + ".uri");
            if (!uri.startsWith("fs://")) throw fail(at + ".uri", "must start with fs:// (got '" + uri + "')");
            String path = uri.substring(5);
            while (path.endsWith("/") && !path.isEmpty()) path = path.substring(0, path.length() - 1);
            checkPath(path, at + ".uri");
            boolean read = false;
            boolean write = false;
            var access = list(m.get("access"), at + ".access");
            if (access.isEmpty()) throw fail(at + ".access", "must list read and/or write");
            for (Object a : access) {
                switch (string(a, at + ".access")) {
                    case "read" -> read = true;
                    case "write" -> write = true;
                    default -> throw fail(at + ".access", "unknown access '" + a + "' (use read, write)");
                }
            }
            out.add(new StorageGrant(path.equals("**") ? "" : path, read, write));
        }
        return out;
    }

    private void checkPath(String path, String at) {
        if (path.startsWith("/")) throw fail(at, "must be relative to the workspace (no leading /)");
        if (path.contains("\\") || path.indexOf('\0') >= 0) throw fail(at, "must use / separators");
        if (path.isEmpty()) return;
        for (String seg : path.split("/", -1)) {
            if (seg.isEmpty() || seg.equals(".") || seg.equals("..")) {
                throw fail(at, "must not contain empty, '.' or '..' segments");
            }
        }
    }

    private List<HostPattern> network(List<Object> items) {
        var out = new ArrayList<HostPattern>();
        for (int i = 0; i < items.size(); i++) {
            String at = "network[" + i + "]";
            var m = map(items.get(i), at);
            only(m, at, "host", "port", "ports");
            var host = host(m.get("host"), at + ".host");
            if (m.containsKey("port") && m.containsKey("ports")) throw fail(at, "give port or ports, not both");
            var ports = new ArrayList<Integer>();
            if (m.containsKey("port")) ports.add(port(m.get("port"), at + ".port"));
            var portList = list(m.get("ports"), at + ".ports");
            if (m.containsKey("ports") && portList.isEmpty()) throw fail(at + ".ports", "must list at least one port");
            for (int j = 0; j < portList.size(); j++) ports.add(port(portList.get(j), at + ".ports[" + j + "]"));
            out.add(new HostPattern(host.pattern(), ports));
        }
        return out;
    }

    private HostPattern host(Object value, String at) {
        String h = Sizes.lower(string(value, at));
        if (!HOST.matcher(h).matches()) throw fail(at, "'" + h + "' is not a host name or *.domain pattern");
        return new HostPattern(h);
    }

    private int port(Object value, String at) {
        if (!(value instanceof Integer p) || p < 1 || p > 65535) throw fail(at, "'" + value + "' is not a port (1-65535)");
        return p;
    }

    private List<String> env(List<Object> items) {
        var out = new ArrayList<String>();
        for (int i = 0; i < items.size(); i++) {
            String key = string(items.get(i), "env[" + i + "]");
            if (!ENV_KEY.matcher(key).matches()) throw fail("env[" + i + "]", "'" + key + "' is not an environment key");
            if (key.startsWith(SecretSource.ENV_PREFIX)) {
                throw fail("env[" + i + "]", key + " holds a secret; grant it under secrets instead");
            }
            out.add(key);
        }
        return out;
    }

    private List<SecretGrant> secrets(List<Object> items) {
        var out = new ArrayList<SecretGrant>();
        for (int i = 0; i < items.size(); i++) {
            String at = "secrets[" + i + "]";
            var m = map(items.get(i), at);
            only(m, at, "name", "hosts", "header", "prefix");
            String name = string(m.get("name"), at + ".name");
            if (!SECRET_NAME.matcher(name).matches()) throw fail(at + ".name", "'" + name + "' is not a secret name");
            var hosts = new ArrayList<HostPattern>();
            var hostList = list(m.get("hosts"), at + ".hosts");
            if (hostList.isEmpty()) throw fail(at + ".hosts", "must list at least one host");
            for (int j = 0; j < hostList.size(); j++) hosts.add(host(hostList.get(j), at + ".hosts[" + j + "]"));
            String header = m.containsKey("header") ? string(m.get("header"), at + ".header") : "Authorization";
            if (!HEADER.matcher(header).matches()) throw fail(at + ".header", "'" + header + "' is not a header name");
            String prefix = m.containsKey("prefix") ? string(m.get("prefix"), at + ".prefix")
                    : header.equalsIgnoreCase("Authorization") ? "Bearer " : "";
            if (prefix.chars().anyMatch(c -> c < 0x20 || c == 0x7f)) throw fail(at + ".prefix", "has control characters");
            out.add(new SecretGrant(name, hosts, header, prefix));
        }
        return out;
    }

    private Limits limits(Object value) {
        var d = Limits.DEFAULTS;
        if (value == null) return d;
        var m = map(value, "limits");
        for (var key : m.keySet()) if (!LIMIT_KEYS.contains(key)) throw fail("limits." + key, "unknown key");
        long memory = m.containsKey("memory") ? size(m.get("memory"), "limits.memory", Limits.MAXIMA.memory()) : d.memory();
        if (memory < 65536) throw fail("limits.memory", "must be at least 64Ki (one Wasm page)");
        long fuel = m.containsKey("fuel") ? count(m.get("fuel"), "limits.fuel", Limits.MAXIMA.fuel()) : d.fuel();
        Duration timeout = m.containsKey("timeout") ? duration(m.get("timeout"), "limits.timeout") : d.timeout();
        long output = m.containsKey("output") ? size(m.get("output"), "limits.output", Limits.MAXIMA.output()) : d.output();
        long files = m.containsKey("files") ? size(m.get("files"), "limits.files", Limits.MAXIMA.files()) : d.files();
        long response = m.containsKey("response")
                ? size(m.get("response"), "limits.response", Limits.MAXIMA.response()) : d.response();
        long requests = m.containsKey("requests")
                ? count(m.get("requests"), "limits.requests", Limits.MAXIMA.requests()) : d.requests();
        long entries = m.containsKey("entries")
                ? count(m.get("entries"), "limits.entries", Limits.MAXIMA.entries()) : d.entries();
        if (fuel < 1) throw fail("limits.fuel", "must be positive");
        return new Limits(memory, fuel, timeout, output, files, response, (int) requests, entries);
    }

    private long size(Object v, String at, long max) {
        long n = v instanceof Integer || v instanceof Long ? ((Number) v).longValue()
                : v instanceof String s ? Sizes.bytes(s) : -1;
        if (n < 0) throw fail(at, "'" + v + "' is not a size (e.g. 64Mi, 512Ki, 1048576)");
        if (n > max) throw fail(at, Sizes.bytesText(n) + " exceeds the maximum " + Sizes.bytesText(max));
        return n;
    }

    private long count(Object v, String at, long max) {
        long n;
        if (v instanceof Integer || v instanceof Long) {
            n = ((Number) v).longValue();
        } else if (v instanceof BigInteger) {
            n = Long.MAX_VALUE;
        } else if (v instanceof Double dbl && dbl == Math.rint(dbl) && dbl >= 0 && dbl < 9.2e18) {
            n = dbl.longValue();
        } else if (v instanceof String s && s.replace("_", "").matches("\\d{1,18}")) {
            n = Long.parseLong(s.replace("_", ""));
        } else {
            throw fail(at, "'" + v + "' is not a whole number");
        }
        if (n < 0) throw fail(at, "must not be negative");
        if (n > max) throw fail(at, n + " exceeds the maximum " + max);
        return n;
    }

    private Duration duration(Object v, String at) {
        Duration d = v instanceof String s ? Sizes.duration(s) : null;
        if (d == null || d.isZero()) throw fail(at, "'" + v + "' is not a duration (e.g. 500ms, 5s, 2m)");
        if (d.compareTo(Limits.MAXIMA.timeout()) > 0) {
            throw fail(at, Sizes.durationText(d) + " exceeds the maximum " + Sizes.durationText(Limits.MAXIMA.timeout()));
        }
        return d;
    }

    @SuppressWarnings("unchecked")
    private Map<String, Object> map(Object v, String at) {
        if (!(v instanceof Map<?, ?> m)) throw fail(at, "must be a mapping");
        for (Object k : m.keySet()) if (!(k instanceof String)) throw fail(at, "keys must be strings");
        return (Map<String, Object>) m;
    }

    @SuppressWarnings("unchecked")
    private List<Object> list(Object v, String at) {
        if (v == null) return List.of();
        if (!(v instanceof List<?> l)) throw fail(at, "must be a list");
        return (List<Object>) l;
    }

    private String string(Object v, String at) {
        if (v == null) throw fail(at, "is missing");
        if (!(v instanceof String s)) throw fail(at, "must be a string");
        return s;
    }

    private void only(Map<String, Object> m, String at, String... keys) {
        var allowed = Set.of(keys);
        for (var k : m.keySet()) if (!allowed.contains(k)) throw fail(at + "." + k, "unknown key");
    }

    private PolicyException fail(String key, String why) {
        String where = key.isEmpty() ? source : source + ": " + key;
        return new PolicyException(where + ": " + why.replace('\n', ' '));
    }
}
