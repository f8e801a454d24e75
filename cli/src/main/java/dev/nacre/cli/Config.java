package dev.nacre.cli;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Set;

/** Nacre's settings, from {@code config.yaml} with the environment on top. */
record Config(Provider provider, List<Provider> fallbacks, int maxTurns, Set<String> toolsets, List<Path> toolModules) {

    static final Set<String> DEFAULT_TOOLSETS = Set.of("todo", "memory", "session_search", "clarify", "wasm");
    static final List<String> KNOWN_TOOLSETS = List.of("todo", "memory", "session_search", "clarify", "wasm");

    /** One OpenAI-compatible endpoint. An empty base URL means none is configured. */
    record Provider(String baseUrl, String model, String apiKey, Duration timeout, int maxRetries) {
        boolean configured() {
            return !baseUrl.isBlank();
        }

        @Override
        public String toString() {
            return "Provider[" + baseUrl + ", model=" + model + ", key=" + (apiKey.isEmpty() ? "none" : "set") + "]";
        }
    }

    Config withProvider(Provider p) {
        return new Config(p, fallbacks, maxTurns, toolsets, toolModules);
    }
}
