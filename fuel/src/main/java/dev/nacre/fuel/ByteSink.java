package dev.nacre.fuel;

import java.util.Arrays;

/** A growable byte buffer with the Wasm encodings the instrumenter writes. */
final class ByteSink {
    private byte[] bytes = new byte[256];
    private int size;

    void u8(int b) {
        if (size == bytes.length) {
            bytes = Arrays.copyOf(bytes, bytes.length * 2);
        }
        bytes[size++] = (byte) b;
    }

    void u32(long value) {
        do {
            int b = (int) (value & 0x7F);
            value >>>= 7;
            u8(value == 0 ? b : b | 0x80);
        } while (value != 0);
    }

    void s64(long value) {
        while (true) {
            int b = (int) (value & 0x7F);
            value >>= 7;
            boolean done = (value == 0 && (b & 0x40) == 0) || (value == -1 && (b & 0x40) != 0);
            u8(done ? b : b | 0x80);
            if (done) {
                return;
            }
        }
    }

    void copy(byte[] source, int from, int to) {
        int length = to - from;
        if (size + length > bytes.length) {
            bytes = Arrays.copyOf(bytes, Math.max(bytes.length * 2, size + length));
        }
        System.arraycopy(source, from, bytes, size, length);
        size += length;
    }

    void append(ByteSink other) {
        copy(other.bytes, 0, other.size);
    }

    /** Writes {@code content} prefixed by its length, as sections and function bodies are. */
    void sized(ByteSink content) {
        u32(content.size);
        append(content);
    }

    int size() {
        return size;
    }

    byte[] toByteArray() {
        return Arrays.copyOf(bytes, size);
    }
}
