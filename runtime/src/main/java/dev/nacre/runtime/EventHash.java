package dev.nacre.runtime;

import dev.nacre.core.Event;
import dev.nacre.core.EventCodec;
import dev.nacre.core.ToolSpec;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;

/** The journal's hash chain: {@code sha256(previous hash || canonical JSON of the event)}, in hex. */
public final class EventHash {
    /** The "previous hash" of a session's first event. */
    public static final String GENESIS = "0".repeat(64);

    // Cloning a digest is cheaper than looking one up through the providers for every event.
    private static final MessageDigest SHA_256 = sha256();

    private EventHash() {}

    public static String next(String previous, Event event) {
        return next(previous, canonical(event));
    }

    /**
     * The canonical JSON of an event: {@code EventCodec.encode(event).canonical()}, but a session
     * start's tool schemas, most of its text and the same for every session of a server, are
     * printed once per tool list (the list object a {@link Toolbox} hands out) and spliced in.
     */
    public static String canonical(Event event) {
        if (!(event instanceof Event.SessionStarted s) || s.tools().isEmpty()) return EventCodec.encode(event).canonical();
        var tools = lastTools;
        if (tools == null || tools.specs() != s.tools()) {
            tools = new PrintedTools(s.tools(), EventCodec.encodeSpecs(s.tools()).canonical());
            lastTools = tools;
        }
        String without = EventCodec.encode(new Event.SessionStarted(s.systemPrompt(), List.of(), s.maxTurns())).canonical();
        // Outside a JSON string a quote is never escaped, so this is the top-level key, not prompt text.
        int at = without.indexOf(EMPTY_TOOLS);
        if (at < 0) return EventCodec.encode(event).canonical();
        return without.substring(0, at) + "\"tools\":" + tools.canonical() + without.substring(at + EMPTY_TOOLS.length());
    }

    private static final String EMPTY_TOOLS = "\"tools\":[]";

    private record PrintedTools(List<ToolSpec> specs, String canonical) {}

    private static volatile PrintedTools lastTools;

    public static String next(String previous, String canonicalJson) {
        MessageDigest digest;
        try {
            digest = (MessageDigest) SHA_256.clone();
        } catch (CloneNotSupportedException e) {
            digest = sha256();
        }
        digest.update(previous.getBytes(StandardCharsets.US_ASCII));
        digest.update(canonicalJson.getBytes(StandardCharsets.UTF_8));
        return HexFormat.of().formatHex(digest.digest());
    }

    private static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("the JDK has no SHA-256", e);
        }
    }
}
