package dev.nacre.llm;

import java.io.IOException;
import java.time.Duration;
import java.util.Map;

/**
 * One HTTP exchange whose body the calling thread reads line by line, with a stall timeout (no bytes
 * for a while) and an overall deadline. Subclasses say where the text comes from ({@link SocketExchange}
 * over plain http, {@link JdkExchange} over https); the line splitting is the same for both, so CR, LF
 * and CRLF endings and lines split across deliveries are handled once.
 */
abstract sealed class LineExchange implements AutoCloseable permits JdkExchange, SocketExchange {
    /** A response's status and headers; names in lower case, the first value of each. */
    record Head(int status, Map<String, String> headers) {
        String header(String lowerCaseName) {
            return headers.getOrDefault(lowerCaseName, "");
        }
    }

    /** The server sent nothing within the stall timeout, or the whole exchange took too long. */
    static final class Timeout extends Exception {
        final boolean stalled;
        /** While the request was being written: the server stopped reading it. */
        final boolean writing;

        Timeout(boolean stalled) {
            this(stalled, false);
        }

        Timeout(boolean stalled, boolean writing) {
            super(stalled ? "stalled" : "deadline", null, false, false);
            this.stalled = stalled;
            this.writing = writing;
        }
    }

    private final StringBuilder pending = new StringBuilder(); // text received, not yet returned as lines
    private int start; // where the next line starts in pending
    private int scanned; // pending has no line ending between start and here: a long line is scanned once
    private boolean afterCr; // the last line ended with a CR: an LF right after it belongs to that ending
    private boolean ended;

    abstract Head head() throws IOException, InterruptedException, Timeout;

    /** The next piece of body text as it arrives, or null at the end of the body. */
    abstract String more() throws IOException, InterruptedException, Timeout;

    /**
     * Reads what is left of a body whose content already ended (e.g. after {@code [DONE]}), waiting
     * briefly: a body read to its end lets its connection serve the next request.
     */
    abstract void drain(Duration patience) throws InterruptedException;

    /** Gives up a response still in flight; one read to its end is left alone, so its connection survives. */
    @Override
    public abstract void close();

    /** The next line of the body (without its CR, LF or CRLF ending), or null at its end. */
    final String nextLine() throws IOException, InterruptedException, Timeout {
        while (true) {
            if (afterCr && start < pending.length()) {
                if (pending.charAt(start) == '\n') start++;
                afterCr = false;
            }
            for (int i = Math.max(start, scanned); i < pending.length(); i++) {
                char c = pending.charAt(i);
                if (c == '\n' || c == '\r') {
                    String line = pending.substring(start, i);
                    start = i + 1;
                    scanned = start;
                    afterCr = c == '\r';
                    return line;
                }
            }
            if (ended) {
                if (start == pending.length()) return null;
                String last = pending.substring(start);
                start = pending.length();
                scanned = start;
                return last;
            }
            String text = more();
            if (text == null) {
                ended = true;
            } else {
                pending.delete(0, start);
                scanned = pending.length();
                start = 0;
                pending.append(text);
            }
        }
    }

    /** The rest of the body (at most {@code limit} characters kept), lines joined by newlines. */
    final String rest(int limit) throws IOException, InterruptedException, Timeout {
        var sb = new StringBuilder();
        for (String line; (line = nextLine()) != null; ) {
            if (sb.length() < limit) sb.append(line).append('\n');
        }
        return sb.length() > limit ? sb.substring(0, limit) : sb.toString();
    }
}
