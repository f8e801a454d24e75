package dev.nacre.testkit;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** What the scripted server does with one request: answer, or fail in one of the ways real servers fail. */
public sealed interface Reply {

    /** A completion. {@code chunks} is how the answer text is split into stream deltas. */
    record Answer(List<String> chunks, List<String> reasoningChunks, List<Call> toolCalls,
                  String finishReason, int promptTokens, int completionTokens) implements Reply {
        public Answer {
            chunks = List.copyOf(chunks);
            reasoningChunks = List.copyOf(reasoningChunks);
            toolCalls = List.copyOf(toolCalls);
        }

        public String text() {
            return String.join("", chunks);
        }

        public String reasoning() {
            return String.join("", reasoningChunks);
        }
    }

    /** A native tool call; {@code arguments} is sent verbatim, so it may be malformed on purpose. */
    record Call(String id, String name, String arguments) {}

    /** An HTTP error with this body and these headers. */
    record Status(int status, String body, Map<String, String> headers) implements Reply {
        public Status {
            headers = Map.copyOf(headers);
        }
    }

    /** 401 with the body the dialect sends for a bad key. */
    record Unauthorized() implements Reply {}

    /** 404 naming the requested model, in the dialect's shape. */
    record UnknownModel() implements Reply {}

    /** Accepts the request and sends nothing for {@code millis}, then drops the connection. */
    record Stall(long millis) implements Reply {}

    /** 200 with an event stream whose events are not JSON. */
    record MalformedSse() implements Reply {}

    /** 200 whose JSON (the whole body, or the last stream event) stops half way. */
    record TruncatedJson() implements Reply {}

    /** Starts streaming the answer, then drops the connection without finishing it. */
    record CutMidStream(String textBeforeCut) implements Reply {}

    /**
     * 200 with exactly these bytes as the body, each piece written and flushed on its own: line
     * endings, a character split between two writes, whatever a real server or proxy sends.
     */
    record Raw(String contentType, List<byte[]> pieces) implements Reply {
        public Raw {
            pieces = List.copyOf(pieces);
        }
    }

    static Reply text(String text) {
        return builder().text(text).build();
    }

    static Reply toolCall(String name, String arguments) {
        return builder().toolCall(name, arguments).build();
    }

    static Reply status(int status, String body) {
        return new Status(status, body, Map.of());
    }

    static Reply status(int status, String body, Map<String, String> headers) {
        return new Status(status, body, headers);
    }

    static Reply serverError() {
        return status(500, "{\"error\":{\"message\":\"internal server error\",\"type\":\"server_error\"}}");
    }

    static Reply rateLimited(int retryAfterSeconds) {
        return status(429, "{\"error\":{\"message\":\"Rate limit reached\",\"type\":\"requests\",\"code\":\"rate_limit_exceeded\"}}",
                Map.of("Retry-After", Integer.toString(retryAfterSeconds)));
    }

    static Reply unauthorized() {
        return new Unauthorized();
    }

    static Reply unknownModel() {
        return new UnknownModel();
    }

    static Reply stall(long millis) {
        return new Stall(millis);
    }

    static Reply malformedSse() {
        return new MalformedSse();
    }

    static Reply truncatedJson() {
        return new TruncatedJson();
    }

    static Reply cutMidStream(String textBeforeCut) {
        return new CutMidStream(textBeforeCut);
    }

    static Reply raw(String contentType, byte[]... pieces) {
        return new Raw(contentType, List.of(pieces));
    }

    static Builder builder() {
        return new Builder();
    }

    /** Builds an {@link Answer}; text is split into 4-character chunks unless given as chunks. */
    final class Builder {
        private final List<String> chunks = new ArrayList<>();
        private final List<String> reasoning = new ArrayList<>();
        private final List<Call> calls = new ArrayList<>();
        private String finishReason;
        private int promptTokens = 100;
        private int completionTokens = 50;

        public Builder text(String text) {
            chunks.addAll(split(text, 4));
            return this;
        }

        /** Text sent as exactly these stream deltas (to split a tag across chunks, say). */
        public Builder chunks(String... pieces) {
            chunks.addAll(List.of(pieces));
            return this;
        }

        public Builder reasoning(String text) {
            reasoning.addAll(split(text, 4));
            return this;
        }

        public Builder toolCall(String name, String arguments) {
            return toolCall("call_" + name + "_" + calls.size(), name, arguments);
        }

        public Builder toolCall(String id, String name, String arguments) {
            calls.add(new Call(id, name, arguments));
            return this;
        }

        public Builder finishReason(String reason) {
            this.finishReason = reason;
            return this;
        }

        public Builder usage(int prompt, int completion) {
            this.promptTokens = prompt;
            this.completionTokens = completion;
            return this;
        }

        public Answer build() {
            String finish = finishReason != null ? finishReason : calls.isEmpty() ? "stop" : "tool_calls";
            return new Answer(chunks, reasoning, calls, finish, promptTokens, completionTokens);
        }

        static List<String> split(String text, int size) {
            var pieces = new ArrayList<String>();
            for (int i = 0; i < text.length(); i += size) pieces.add(text.substring(i, Math.min(text.length(), i + size)));
            return pieces;
        }
    }
}
