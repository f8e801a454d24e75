package dev.nacre.runtime;

import dev.nacre.core.Event;
import dev.nacre.core.EventCodec;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/** The journal's hash chain: {@code sha256(previous hash || canonical JSON of the event)}, in hex. */
public final class EventHash {
    /** The "previous hash" of a session's first event. */
    public static final String GENESIS = "0".repeat(64);

    private EventHash() {}

    public static String next(String previous, Event event) {
        return next(previous, EventCodec.encode(event).canonical());
    }

    public static String next(String previous, String canonicalJson) {
        try {
            var digest = MessageDigest.getInstance("SHA-256");
            digest.update(previous.getBytes(StandardCharsets.US_ASCII));
            digest.update(canonicalJson.getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(digest.digest());
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("the JDK has no SHA-256", e);
        }
    }
}
