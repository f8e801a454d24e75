package dev.nacre.cli;

import dev.nacre.llm.FallbackClient;
import dev.nacre.llm.OpenAiClient;
import dev.nacre.llm.ProviderConfig;
import dev.nacre.runtime.ModelClient;
import java.util.List;

/** Turns configured providers into a model client. */
final class Providers {
    private Providers() {}

    /** Command-line flags win over the environment and the file. */
    static Config override(Config config, String baseUrl, String model) {
        var p = config.provider();
        return config.withProvider(new Config.Provider(baseUrl.isBlank() ? p.baseUrl() : baseUrl.strip(),
                model.isBlank() ? p.model() : model.strip(), p.apiKey(), p.timeout(), p.maxRetries()));
    }

    static ModelClient client(Config config) {
        var primary = settings(config.provider());
        if (config.fallbacks().isEmpty()) return OpenAiClient.create(primary);
        var fallbacks = config.fallbacks().stream().map(Providers::settings).toArray(ProviderConfig[]::new);
        return FallbackClient.from(primary.withFallbacks(fallbacks));
    }

    static List<String> listModels(Config.Provider provider) {
        try (var client = OpenAiClient.create(settings(provider).withMaxRetries(0))) {
            return client.listModels();
        }
    }

    private static ProviderConfig settings(Config.Provider p) {
        ConfigLoader.checkBaseUrl(p.baseUrl(), "the provider's base URL");
        return ProviderConfig.of(p.baseUrl(), p.model()).withApiKey(p.apiKey())
                .withTimeout(p.timeout()).withMaxRetries(p.maxRetries());
    }
}
