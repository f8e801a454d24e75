package dev.nacre.cli;

import java.io.PrintStream;

/** What to say when no model provider is configured. */
final class ProviderGuide {
    private ProviderGuide() {}

    static void print(PrintStream err, NacreHome home) {
        err.println("nacre: no model provider is configured. Point Nacre at any OpenAI-compatible server:");
        err.println("  Ollama:     export NACRE_BASE_URL=http://localhost:11434/v1 NACRE_MODEL=qwen3:8b");
        err.println("  llama.cpp:  export NACRE_BASE_URL=http://localhost:8080/v1 NACRE_MODEL=local   (llama-server -m model.gguf --jinja)");
        err.println("  vLLM:       export NACRE_BASE_URL=http://localhost:8000/v1 NACRE_MODEL=Qwen/Qwen3-8B");
        err.println("  OpenAI:     export NACRE_BASE_URL=https://api.openai.com/v1 NACRE_MODEL=gpt-4.1-mini NACRE_API_KEY=sk-...");
        err.println("or write the same under 'provider:' (base_url, model, api_key) in " + home.config() + ".");
        err.println("Check the result with: nacre doctor");
    }
}
