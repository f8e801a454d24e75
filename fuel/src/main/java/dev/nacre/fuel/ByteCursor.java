package dev.nacre.fuel;

/** Reads LEB128 integers and bytes from a Wasm binary, failing with a {@link FuelException}. */
final class ByteCursor {
    private final byte[] bytes;
    private final int end;
    private int position;

    ByteCursor(byte[] bytes, int start, int end) {
        this.bytes = bytes;
        this.position = start;
        this.end = end;
    }

    int position() {
        return position;
    }

    boolean atEnd() {
        return position >= end;
    }

    int u8() {
        if (position >= end) {
            throw new FuelException("malformed Wasm: unexpected end at byte " + position);
        }
        return bytes[position++] & 0xFF;
    }

    int u32() {
        long result = 0;
        for (int shift = 0; shift < 35; shift += 7) {
            int b = u8();
            result |= (long) (b & 0x7F) << shift;
            if ((b & 0x80) == 0) {
                if (result > Integer.MAX_VALUE) {
                    throw new FuelException("malformed Wasm: integer too large at byte " + position);
                }
                return (int) result;
            }
        }
        throw new FuelException("malformed Wasm: integer too long at byte " + position);
    }

    void skip(int count) {
        if (count < 0 || end - position < count) {
            throw new FuelException("malformed Wasm: length " + count + " runs past the end at byte " + position);
        }
        position += count;
    }
}
