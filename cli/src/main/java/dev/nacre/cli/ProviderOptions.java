package dev.nacre.cli;

import picocli.CommandLine.Option;

/** The flags {@code run} and {@code chat} share: which provider and model, and the iteration budget. */
final class ProviderOptions {
    @Option(names = "--model", description = "Model name (overrides NACRE_MODEL and config).")
    String model = "";

    @Option(names = "--base-url", description = "OpenAI-compatible base URL, e.g. http://localhost:11434/v1.")
    String baseUrl = "";

    @Option(names = "--max-turns", description = "Iteration budget: model calls per message (default: config, 90).")
    int maxTurns;

    /** The configuration with these flags on top; empty when no provider is configured at all. */
    java.util.Optional<Config> config(Context context) {
        if (maxTurns < 0) throw new UsageError("--max-turns must be at least 1");
        var config = Providers.override(context.config(), baseUrl, model);
        if (!config.provider().configured()) {
            ProviderGuide.print(context.err(), context.home());
            return java.util.Optional.empty();
        }
        return java.util.Optional.of(config);
    }

    int turns(Config config) {
        return maxTurns > 0 ? maxTurns : config.maxTurns();
    }
}
