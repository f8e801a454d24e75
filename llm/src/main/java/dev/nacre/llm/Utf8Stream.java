package dev.nacre.llm;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * Decodes UTF-8 that arrives in pieces (socket reads, the JDK client's buffers): the first bytes of a
 * character whose last bytes are still to come are held back for the next piece. Malformed bytes
 * become U+FFFD, as {@code new String(bytes, UTF_8)} makes them.
 */
final class Utf8Stream {
    private byte[] carry = new byte[0];

    /** The text of {@code len} bytes from {@code off}, less a character cut off at their end. */
    String decode(byte[] b, int off, int len) {
        if (carry.length > 0) {
            byte[] joined = new byte[carry.length + len];
            System.arraycopy(carry, 0, joined, 0, carry.length);
            System.arraycopy(b, off, joined, carry.length, len);
            b = joined;
            off = 0;
            len = joined.length;
            carry = new byte[0];
        }
        int end = off + len;
        int cut = end;
        for (int i = end - 1; i >= Math.max(off, end - 3); i--) {
            int c = b[i] & 0xFF;
            if (c < 0x80) break;
            if (c >= 0xC0) {
                int size = c >= 0xF0 ? 4 : c >= 0xE0 ? 3 : 2;
                if (end - i < size) cut = i;
                break;
            }
        }
        if (cut < end) carry = Arrays.copyOfRange(b, cut, end);
        return new String(b, off, cut - off, StandardCharsets.UTF_8);
    }

    /** At the end of the stream: what was held back (a character that never got its last bytes), or "". */
    String end() {
        String s = new String(carry, StandardCharsets.UTF_8);
        carry = new byte[0];
        return s;
    }
}
