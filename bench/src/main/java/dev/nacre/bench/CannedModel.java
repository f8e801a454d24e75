package dev.nacre.bench;

import dev.nacre.core.Message;
import dev.nacre.core.Usage;
import dev.nacre.runtime.ModelClient;
import dev.nacre.runtime.ModelReply;
import dev.nacre.runtime.ModelRequest;
import dev.nacre.runtime.ModelStream;

/**
 * A zero-latency provider: answers every request with "Hello!" at once, with the canned usage of
 * the reference benchmark (100 prompt, 50 completion tokens). What remains is the harness's own cost.
 */
final class CannedModel implements ModelClient {
    private static final ModelReply HELLO = new ModelReply(Message.Assistant.text("Hello!"), new Usage(100, 50), "stop");

    @Override
    public ModelReply complete(ModelRequest request, ModelStream stream) {
        stream.text("Hello!");
        return HELLO;
    }

    @Override
    public String defaultModel() {
        return "canned";
    }
}
