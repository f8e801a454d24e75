package dev.nacre.llm;

import dev.nacre.core.Json;
import dev.nacre.core.JsonException;
import dev.nacre.runtime.ModelException.Kind;
import dev.nacre.runtime.ModelReply;
import dev.nacre.runtime.ModelStream;
import java.io.IOException;
import java.util.Set;

/** Reads one streamed reply: SSE events, each a chat.completion.chunk, until {@code [DONE]}. */
final class StreamReader {
    private final ErrorReport report;
    private final LineExchange exchange;
    private final ChunkAssembler assembler;

    StreamReader(ErrorReport report, LineExchange exchange, ModelStream stream, Set<String> toolNames) {
        this.report = report;
        this.exchange = exchange;
        this.assembler = new ChunkAssembler(stream, toolNames);
    }

    private static final java.time.Duration DRAIN_PATIENCE = java.time.Duration.ofMillis(200);

    ModelReply read() throws IOException, InterruptedException, LineExchange.Timeout, AttemptFailed {
        var events = new SseEvents();
        for (String line; (line = exchange.nextLine()) != null; ) {
            String data = events.accept(line);
            if (data != null && event(data)) {
                exchange.drain(DRAIN_PATIENCE);
                return assembler.finish();
            }
        }
        String last = events.take();
        if ((last != null && event(last)) || assembler.finished()) return assembler.finish();
        throw AttemptFailed.transientError(report.error(Kind.SERVER, report.host() + " ended the stream before the reply was complete"));
    }

    /** Handles one event's data; true at the end of the stream. */
    private boolean event(String data) throws AttemptFailed {
        if (data.strip().equals("[DONE]")) return true;
        if (data.isBlank()) return false;
        Json json;
        try {
            json = Json.parse(data);
        } catch (JsonException e) {
            String quoted = data.length() > 80 ? data.substring(0, 80) + "..." : data;
            throw AttemptFailed.fatal(report.error(Kind.PROTOCOL, report.host() + " sent a stream event that is not JSON: " + quoted));
        }
        if (!(json instanceof Json.Obj chunk)) {
            throw AttemptFailed.fatal(report.error(Kind.PROTOCOL, report.host() + " sent a stream event that is not a JSON object"));
        }
        if (chunk.get("error").isPresent()) {
            throw AttemptFailed.transientError(report.error(Kind.SERVER,
                    report.host() + " reported an error mid-stream: " + ErrorReport.message(data)));
        }
        assembler.accept(chunk);
        return false;
    }
}
