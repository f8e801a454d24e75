package dev.nacre.store;

import java.util.OptionalLong;

/**
 * The outcome of re-walking a session's hash chain. {@code firstBrokenSeq} is the first entry
 * whose hash or position does not follow from the ones before it; empty when the chain holds.
 * A chain cannot show that entries were cut off its end: anchor the last hash elsewhere for that.
 */
public record ChainCheck(String sessionId, long entries, OptionalLong firstBrokenSeq, String problem) {

    static ChainCheck intact(String sessionId, long entries) {
        return new ChainCheck(sessionId, entries, OptionalLong.empty(), "");
    }

    static ChainCheck broken(String sessionId, long entries, long seq, String problem) {
        return new ChainCheck(sessionId, entries, OptionalLong.of(seq), problem);
    }

    public boolean isIntact() {
        return firstBrokenSeq.isEmpty();
    }
}
