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
        Provider {
            // The key goes into an Authorization header, where a line break would end the header: refused here, in one line.
            if (apiKey.indexOf('\n') >= 0 || apiKey.indexOf('\r') >= 0) {
                throw new UsageError("the API key contains a line break: check NACRE_API_KEY or api_key in config.yaml");
            }
        }

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
