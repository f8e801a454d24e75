package dev.nacre.cli;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.snakeyaml.engine.v2.api.Load;
import org.snakeyaml.engine.v2.api.LoadSettings;
import org.snakeyaml.engine.v2.exceptions.YamlEngineException;

/**
 * Reads {@code config.yaml}, then lets {@code NACRE_BASE_URL}, {@code NACRE_MODEL} and
 * {@code NACRE_API_KEY} override it. Unknown keys are errors, because a setting silently ignored
 * is worse than one refused.
 */
final class ConfigLoader {
    private static final Set<String> TOP = Set.of("provider", "fallbacks", "agent", "tools");
    private static final Set<String> TOOLS = Set.of("modules");
    private static final Set<String> PROVIDER = Set.of("base_url", "model", "api_key", "api_key_env", "timeout", "max_retries");
    private static final Set<String> AGENT = Set.of("max_turns", "toolsets");

    private final Map<String, String> env;

    ConfigLoader(Map<String, String> env) {
        this.env = env;
    }

    Config load(Path file) {
        Map<String, Object> root = read(file);
        String where = file.getFileName().toString();
        keys(root, TOP, where);
        var provider = provider(map(root.get("provider"), where + ": provider"), where + ": provider");
        var fallbacks = new ArrayList<Config.Provider>();
        if (root.get("fallbacks") != null) {
            if (!(root.get("fallbacks") instanceof List<?> list)) throw new UsageError(where + ": fallbacks must be a list of providers");
            for (int i = 0; i < list.size(); i++) {
                String at = where + ": fallbacks[" + i + "]";
                var fallback = provider(map(list.get(i), at), at);
                if (!fallback.configured()) throw new UsageError(at + " needs a base_url");
                fallbacks.add(fallback);
            }
        }
        var agent = map(root.get("agent"), where + ": agent");
        keys(agent, AGENT, where + ": agent");
        int maxTurns = integer(agent.get("max_turns"), 90, where + ": agent.max_turns");
        if (maxTurns < 1) throw new UsageError(where + ": agent.max_turns must be at least 1");
        Set<String> toolsets = Config.DEFAULT_TOOLSETS;
        if (agent.get("toolsets") instanceof List<?> list) {
            toolsets = new LinkedHashSet<>();
            for (Object o : list) {
                if (!Config.KNOWN_TOOLSETS.contains(String.valueOf(o))) {
                    throw new UsageError(where + ": agent.toolsets: unknown toolset '" + o + "' (known: "
                            + String.join(", ", Config.KNOWN_TOOLSETS) + ")");
                }
                toolsets.add(String.valueOf(o));
            }
        } else if (agent.get("toolsets") != null) {
            throw new UsageError(where + ": agent.toolsets must be a list of toolset names");
        }
        return new Config(overrideFromEnv(provider), List.copyOf(fallbacks), maxTurns, toolsets,
                modules(map(root.get("tools"), where + ": tools"), file.getParent(), where + ": tools"));
    }

    /** Wasm modules named in config, besides those in {@code $NACRE_HOME/tools}; relative paths are from the config's directory. */
    private static List<Path> modules(Map<String, Object> tools, Path base, String where) {
        keys(tools, TOOLS, where);
        Object modules = tools.get("modules");
        if (modules == null) return List.of();
        if (!(modules instanceof List<?> list)) throw new UsageError(where + ".modules must be a list of .wasm paths");
        var paths = new ArrayList<Path>();
        for (Object o : list) paths.add(base.resolve(string(o, where + ".modules")).normalize());
        return List.copyOf(paths);
    }

    private Config.Provider overrideFromEnv(Config.Provider p) {
        String key = env.containsKey("NACRE_API_KEY") ? apiKey(env.get("NACRE_API_KEY"), "NACRE_API_KEY") : p.apiKey();
        return new Config.Provider(env.getOrDefault("NACRE_BASE_URL", p.baseUrl()).strip(),
                env.getOrDefault("NACRE_MODEL", p.model()).strip(), key, p.timeout(), p.maxRetries());
    }

    /**
     * The key, without surrounding whitespace (a YAML block or a shell's trailing newline). A line
     * break inside it would end the Authorization header it goes into: refused in one line.
     */
    private static String apiKey(String key, String from) {
        String k = key.strip();
        if (k.indexOf('\n') >= 0 || k.indexOf('\r') >= 0) throw new UsageError("the API key contains a line break: check " + from);
        return k;
    }

    /** One line when a base URL cannot be an OpenAI-compatible endpoint; empty means "not configured". */
    static String checkBaseUrl(String url, String where) {
        if (url.isEmpty()) return url;
        try {
            var uri = new java.net.URI(url);
            String scheme = uri.getScheme() == null ? "" : uri.getScheme();
            if ((scheme.equals("http") || scheme.equals("https")) && uri.getHost() != null) return url;
        } catch (java.net.URISyntaxException e) {
            // reported below
        }
        throw new UsageError(where + " must look like http(s)://host[:port]/v1, not '" + url + "'");
    }

    private Config.Provider provider(Map<String, Object> m, String where) {
        keys(m, PROVIDER, where);
        String key = apiKey(string(m.get("api_key"), where + ".api_key"), where + ".api_key");
        String keyEnv = string(m.get("api_key_env"), where + ".api_key_env");
        if (key.isEmpty() && !keyEnv.isEmpty()) key = apiKey(env.getOrDefault(keyEnv, ""), keyEnv + " (" + where + ".api_key_env)");
        Duration timeout = duration(m.get("timeout"), Duration.ofSeconds(120), where + ".timeout");
        int retries = integer(m.get("max_retries"), 2, where + ".max_retries");
        if (retries < 0) throw new UsageError(where + ".max_retries must be 0 or more");
        if (timeout.isNegative() || timeout.isZero()) throw new UsageError(where + ".timeout must be longer than zero");
        String baseUrl = checkBaseUrl(string(m.get("base_url"), where + ".base_url"), where + ".base_url");
        return new Config.Provider(baseUrl, string(m.get("model"), where + ".model"), key, timeout, retries);
    }

    private static Map<String, Object> read(Path file) {
        String text;
        try {
            text = Files.readString(file);
        } catch (NoSuchFileException e) {
            return Map.of();
        } catch (IOException e) {
            throw new UsageError("cannot read " + file + ": " + e.getMessage());
        }
        try {
            Object doc = new Load(LoadSettings.builder().setLabel(file.toString()).build()).loadFromString(text);
            if (doc == null) return Map.of();
            return map(doc, file.getFileName().toString());
        } catch (YamlEngineException e) {
            String first = e.getMessage() == null ? "invalid YAML" : e.getMessage().lines().findFirst().orElse("invalid YAML");
            throw new UsageError(file + " is not valid YAML: " + first);
        }
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> map(Object o, String where) {
        if (o == null) return Map.of();
        if (o instanceof Map<?, ?> m) {
            for (Object key : m.keySet()) {
                if (!(key instanceof String)) throw new UsageError(where + ": setting names must be words, not '" + key + "'");
            }
            return (Map<String, Object>) m;
        }
        throw new UsageError(where + " must be a mapping of keys to values");
    }

    private static void keys(Map<String, Object> m, Set<String> allowed, String where) {
        for (String k : m.keySet()) {
            if (!allowed.contains(k)) {
                throw new UsageError(where + ": unknown setting '" + k + "' (known: " + String.join(", ", allowed.stream().sorted().toList()) + ")");
            }
        }
    }

    private static String string(Object o, String where) {
        if (o == null) return "";
        if (o instanceof String || o instanceof Number || o instanceof Boolean) return String.valueOf(o).strip();
        throw new UsageError(where + " must be a single value");
    }

    private static int integer(Object o, int fallback, String where) {
        if (o == null) return fallback;
        if (o instanceof Integer || o instanceof Long) return ((Number) o).intValue();
        throw new UsageError(where + " must be a whole number");
    }

    static Duration duration(Object o, Duration fallback, String where) {
        if (o == null) return fallback;
        if (o instanceof Number n) return Duration.ofMillis((long) (n.doubleValue() * 1000));
        String s = String.valueOf(o).strip();
        try {
            if (s.endsWith("ms")) return Duration.ofMillis(Long.parseLong(s.substring(0, s.length() - 2)));
            if (s.endsWith("s")) return Duration.ofMillis((long) (Double.parseDouble(s.substring(0, s.length() - 1)) * 1000));
            if (s.endsWith("m")) return Duration.ofSeconds(Long.parseLong(s.substring(0, s.length() - 1)) * 60);
        } catch (NumberFormatException ignored) {
            // falls through to the error below
        }
        throw new UsageError(where + " must be a duration such as 30s, 500ms or 2m, not '" + s + "'");
    }
}
