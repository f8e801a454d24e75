package dev.nacre.llm;

import dev.nacre.core.Json;
import dev.nacre.core.Message;
import dev.nacre.core.ToolSpec;
import dev.nacre.runtime.ModelReply;
import dev.nacre.runtime.ModelRequest;
import dev.nacre.runtime.ModelStream;
import dev.nacre.testkit.ScriptedModelServer;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

/** Shared test pieces: a client for a scripted server, a stream that records, a sleeper that does not sleep. */
final class Fixture {
    static final ToolSpec READ_FILE = ToolSpec.of("read_file", "Reads a file",
            Json.parse("{\"type\":\"object\",\"properties\":{\"path\":{\"type\":\"string\"}}}"), "files");
    static final ToolSpec SEARCH = ToolSpec.of("search", "Searches",
            Json.parse("{\"type\":\"object\",\"properties\":{\"query\":{\"type\":\"string\"}}}"), "web");

    private Fixture() {}

    static ProviderConfig config(ScriptedModelServer server) {
        return ProviderConfig.of(server.baseUrl(), "test-model").withStallTimeout(Duration.ofSeconds(5))
                .withTimeout(Duration.ofSeconds(10));
    }

    static OpenAiClient client(ProviderConfig config, Sleeps sleeps) {
        return OpenAiClient.create(config, Backoff.standard().withRandom(new SplittableRandom(42)), sleeps);
    }

    static ModelRequest ask(String text) {
        return new ModelRequest("", List.of(new Message.User(text)), List.of(READ_FILE, SEARCH));
    }

    static ModelRequest askWithoutTools(String text) {
        return new ModelRequest("", List.of(new Message.User(text)), List.of());
    }

    /** Records what was streamed. */
    static final class Recorder implements ModelStream {
        final StringBuilder text = new StringBuilder();
        final StringBuilder reasoning = new StringBuilder();
        final List<String> restarts = new ArrayList<>();

        @Override
        public synchronized void text(String delta) {
            text.append(delta);
        }

        @Override
        public synchronized void reasoning(String delta) {
            reasoning.append(delta);
        }

        @Override
        public synchronized void restart(String why) {
            restarts.add(why);
            text.setLength(0);
            reasoning.setLength(0);
        }
    }

    /** Records the waits asked for instead of waiting. */
    static final class Sleeps implements Sleeper {
        final List<Duration> asked = new ArrayList<>();

        @Override
        public synchronized void sleep(Duration duration) {
            asked.add(duration);
        }
    }

    static ModelReply complete(OpenAiClient client, ModelRequest request, Recorder recorder) {
        return client.complete(request, recorder);
    }
}
