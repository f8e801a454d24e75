package dev.nacre.fuel;

import java.util.ArrayList;
import java.util.List;

/**
 * One section of a Wasm binary, as a byte range of the original: {@code [start, end)} is the whole
 * section (id, size, content) and {@code [contentStart, end)} its content.
 */
record Section(int id, int start, int contentStart, int end) {
    static final int CUSTOM = 0;
    static final int FUNCTION = 3;
    static final int GLOBAL = 6;
    static final int EXPORT = 7;
    static final int CODE = 10;

    private static final byte[] HEADER = {0x00, 0x61, 0x73, 0x6D, 0x01, 0x00, 0x00, 0x00};

    static int headerLength() {
        return HEADER.length;
    }

    /** Splits a binary into its sections without decoding them. */
    static List<Section> split(byte[] wasm) {
        if (wasm.length < HEADER.length) {
            throw new FuelException("malformed Wasm: " + wasm.length + " bytes is shorter than the header");
        }
        for (int i = 0; i < HEADER.length; i++) {
            if (wasm[i] != HEADER[i]) {
                throw new FuelException("malformed Wasm: not a version 1 Wasm binary (bad magic or version)");
            }
        }
        List<Section> sections = new ArrayList<>();
        ByteCursor in = new ByteCursor(wasm, HEADER.length, wasm.length);
        while (!in.atEnd()) {
            int start = in.position();
            int id = in.u8();
            int size = in.u32();
            int contentStart = in.position();
            in.skip(size);
            sections.add(new Section(id, start, contentStart, in.position()));
        }
        return sections;
    }

    /**
     * Where a non-custom section must appear: the binary format orders them type, import,
     * function, table, memory, tag, global, export, start, element, data count, code, data.
     */
    static int rank(int id) {
        return switch (id) {
            case 1, 2, 3, 4, 5 -> id;
            case 13 -> 6;
            case 6, 7, 8, 9 -> id + 1;
            case 12 -> 11;
            case 10 -> 12;
            case 11 -> 13;
            default -> throw new FuelException("malformed Wasm: unknown section id " + id);
        };
    }
}
