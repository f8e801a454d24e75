package dev.nacre.llm;

import java.time.Duration;
import java.util.List;
import java.util.Objects;

/**
 * Where a model is served and how patiently to talk to it. {@code maxRetries} is the number of
 * attempts after the first (default 2: three tries). {@code stallTimeout} is how long the server
 * may send nothing at all (a local server processing a long prompt sends nothing for a while);
 * {@code timeout} bounds a whole reply. {@code fallbacks} are tried in order when this one fails.
 */
public record ProviderConfig(String baseUrl, String model, String apiKey, Duration timeout, Duration stallTimeout,
                             int maxRetries, boolean stream, List<ProviderConfig> fallbacks) {

    public ProviderConfig {
        Objects.requireNonNull(baseUrl, "baseUrl");
        Objects.requireNonNull(model, "model");
        Objects.requireNonNull(apiKey, "apiKey");
        Objects.requireNonNull(timeout, "timeout");
        Objects.requireNonNull(stallTimeout, "stallTimeout");
        while (baseUrl.endsWith("/")) baseUrl = baseUrl.substring(0, baseUrl.length() - 1);
        if (maxRetries < 0) throw new IllegalArgumentException("maxRetries must be 0 or more, not " + maxRetries);
        // It goes into an Authorization header, where a line break would end the header (both transports).
        if (apiKey.indexOf('\n') >= 0 || apiKey.indexOf('\r') >= 0) throw new IllegalArgumentException("the API key contains a line break");
        fallbacks = List.copyOf(fallbacks);
    }

    /** No key, 10 minute reply timeout, 2 minute stall timeout, three tries, streaming, no fallbacks. */
    public static ProviderConfig of(String baseUrl, String model) {
        return new ProviderConfig(baseUrl, model, "", Duration.ofMinutes(10), Duration.ofMinutes(2), 2, true, List.of());
    }

    public ProviderConfig withApiKey(String key) {
        return new ProviderConfig(baseUrl, model, key, timeout, stallTimeout, maxRetries, stream, fallbacks);
    }

    public ProviderConfig withTimeout(Duration total) {
        return new ProviderConfig(baseUrl, model, apiKey, total, stallTimeout, maxRetries, stream, fallbacks);
    }

    public ProviderConfig withStallTimeout(Duration stall) {
        return new ProviderConfig(baseUrl, model, apiKey, timeout, stall, maxRetries, stream, fallbacks);
    }

    public ProviderConfig withMaxRetries(int retries) {
        return new ProviderConfig(baseUrl, model, apiKey, timeout, stallTimeout, retries, stream, fallbacks);
    }

    public ProviderConfig withStream(boolean streaming) {
        return new ProviderConfig(baseUrl, model, apiKey, timeout, stallTimeout, maxRetries, streaming, fallbacks);
    }

    public ProviderConfig withFallbacks(ProviderConfig... next) {
        return new ProviderConfig(baseUrl, model, apiKey, timeout, stallTimeout, maxRetries, stream, List.of(next));
    }

    /** Never shows the key, only whether there is one. */
    @Override
    public String toString() {
        return "ProviderConfig[baseUrl=" + baseUrl + ", model=" + model + ", apiKey=" + (apiKey.isEmpty() ? "none" : "(set)")
                + ", timeout=" + timeout + ", stallTimeout=" + stallTimeout + ", maxRetries=" + maxRetries
                + ", stream=" + stream + ", fallbacks=" + fallbacks + "]";
    }
}
