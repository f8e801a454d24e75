package dev.nacre.llm;

import dev.nacre.core.Json;
import dev.nacre.core.JsonException;
import dev.nacre.core.ToolSpec;
import dev.nacre.runtime.ModelClient;
import dev.nacre.runtime.ModelException;
import dev.nacre.runtime.ModelException.Kind;
import dev.nacre.runtime.ModelReply;
import dev.nacre.runtime.ModelRequest;
import dev.nacre.runtime.ModelStream;
import java.io.IOException;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * A {@link ModelClient} for any OpenAI-compatible {@code /chat/completions} endpoint (OpenAI, vLLM,
 * llama.cpp server, Ollama, OpenRouter, ...). Retries 429, 5xx, timeouts and lost connections with
 * jittered backoff, honouring Retry-After; everything else fails at once with one clear line.
 */
public final class OpenAiClient implements ModelClient, AutoCloseable {
    private static final Duration MAX_RETRY_AFTER = Duration.ofMinutes(2);
    private static final int ERROR_BODY_LIMIT = 16_384;

    private final ProviderConfig config;
    private final Backoff backoff;
    private final Sleeper sleeper;
    private final URI base;
    private final URI completions;
    private final ErrorReport report;
    private final Transport transport;

    private OpenAiClient(ProviderConfig config, Backoff backoff, Sleeper sleeper) {
        this.config = config;
        this.backoff = backoff;
        this.sleeper = sleeper;
        this.base = URI.create(config.baseUrl());
        this.completions = URI.create(config.baseUrl() + "/chat/completions");
        this.report = new ErrorReport(base, config.apiKey());
        this.transport = Transport.create(base, config.apiKey(), min(config.stallTimeout(), Duration.ofSeconds(10)));
    }

    public static OpenAiClient create(ProviderConfig config) {
        return new OpenAiClient(config, Backoff.standard(), Sleeper.SYSTEM);
    }

    /** With a given backoff (and its random source) and a given way to wait, for tests and replays. */
    public static OpenAiClient create(ProviderConfig config, Backoff backoff, Sleeper sleeper) {
        return new OpenAiClient(config, backoff, sleeper);
    }

    public ProviderConfig config() {
        return config;
    }

    @Override
    public String defaultModel() {
        return config.model();
    }

    @Override
    public ModelReply complete(ModelRequest request, ModelStream stream) {
        String model = request.model().isEmpty() ? config.model() : request.model();
        PrintedTools tools = printedTools(request.tools());
        String body = RequestBody.print(request.messages(), tools.json(), model, config.stream());
        for (int attempt = 1; ; attempt++) {
            try {
                return attempt(body, model, tools.names(), stream);
            } catch (AttemptFailed failed) {
                if (!failed.retryable || attempt > config.maxRetries()) throw failed.error;
                int retry = attempt;
                Duration wait = failed.retryAfter.orElseGet(() -> backoff.delay(retry));
                if (wait.compareTo(MAX_RETRY_AFTER) > 0) throw failed.error;
                pause(wait);
                stream.restart(failed.error.getMessage());
            }
        }
    }

    /** A tool list printed once: every request of a session, and of sessions sharing a toolbox, sends the same list object. */
    private record PrintedTools(List<ToolSpec> specs, String json, Set<String> names) {}

    private volatile PrintedTools printedTools;

    private PrintedTools printedTools(List<ToolSpec> tools) {
        var p = printedTools;
        if (p == null || p.specs() != tools) {
            p = new PrintedTools(tools, RequestBody.tools(tools), Set.copyOf(tools.stream().map(ToolSpec::name).toList()));
            printedTools = p;
        }
        return p;
    }

    /** The model ids the server lists at {@code GET /models}. */
    public List<String> listModels() {
        var request = new Transport.Request("GET", URI.create(config.baseUrl() + "/models"), "application/json", "");
        try (var exchange = transport.send(request, config.stallTimeout(), min(config.timeout(), Duration.ofSeconds(30)))) {
            var head = exchange.head();
            String body = exchange.rest(4 * 1024 * 1024);
            if (head.status() / 100 != 2) {
                throw report.status(head, body, config.model(), List::of).error;
            }
            var ids = new ArrayList<String>();
            if (Json.parse(body) instanceof Json.Obj o) {
                for (Json m : o.array("data")) if (m instanceof Json.Obj mo) ids.add(mo.string("id", ""));
                for (Json m : o.array("models")) if (m instanceof Json.Obj mo && ids.isEmpty()) ids.add(mo.string("name", mo.string("model", "")));
            }
            ids.removeIf(String::isEmpty);
            return List.copyOf(ids);
        } catch (InterruptedException e) {
            throw interrupted();
        } catch (LineExchange.Timeout t) {
            throw report.timeout(t, config.stallTimeout(), config.timeout()).error;
        } catch (IOException e) {
            throw report.connection(e, false).error;
        } catch (JsonException e) {
            throw report.error(Kind.PROTOCOL, report.host() + " answered /models with something that is not JSON");
        }
    }

    private ModelReply attempt(String body, String model, Set<String> toolNames, ModelStream stream) throws AttemptFailed {
        var request = new Transport.Request("POST", completions, config.stream() ? "text/event-stream" : "application/json", body);
        boolean responded = false;
        try (var exchange = transport.send(request, config.stallTimeout(), config.timeout())) {
            var head = exchange.head();
            responded = true;
            if (head.status() / 100 != 2) {
                String error = exchange.rest(ERROR_BODY_LIMIT);
                throw report.status(head, error, model, this::listModels);
            }
            String type = head.header("content-type");
            return type.contains("text/event-stream")
                    ? new StreamReader(report, exchange, stream, toolNames).read()
                    : WholeReply.parse(report, exchange.rest(Integer.MAX_VALUE), stream, toolNames);
        } catch (InterruptedException e) {
            throw AttemptFailed.fatal(interrupted());
        } catch (LineExchange.Timeout t) {
            throw report.timeout(t, config.stallTimeout(), config.timeout());
        } catch (IOException e) {
            if (Thread.currentThread().isInterrupted()) throw AttemptFailed.fatal(interrupted());
            throw report.connection(e, responded);
        }
    }

    private void pause(Duration wait) {
        try {
            sleeper.sleep(wait);
        } catch (InterruptedException e) {
            throw interrupted();
        }
    }

    private ModelException interrupted() {
        Thread.currentThread().interrupt();
        return report.error(Kind.INTERRUPTED, "the request to " + report.host() + " was interrupted");
    }

    private static Duration min(Duration a, Duration b) {
        return a.compareTo(b) <= 0 ? a : b;
    }

    @Override
    public void close() {
        transport.close();
    }

    @Override
    public String toString() {
        return "OpenAiClient[" + config + "]";
    }
}
