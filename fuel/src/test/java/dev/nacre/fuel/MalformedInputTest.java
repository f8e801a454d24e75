package dev.nacre.fuel;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Arrays;
import org.junit.jupiter.api.Test;

class MalformedInputTest {
    private static final byte[] VALID = Guest.wat("(module (func (export \"f\") (result i32) (i32.const 1)))");

    @Test
    void rejectsBytesThatAreNotWasm() {
        assertThatThrownBy(() -> Fuel.instrument("hello, world".getBytes()))
                .isInstanceOf(FuelException.class)
                .hasMessageContaining("not a version 1 Wasm binary");
        assertThatThrownBy(() -> Fuel.instrument(new byte[0]))
                .isInstanceOf(FuelException.class)
                .hasMessageContaining("shorter than the header");
    }

    @Test
    void rejectsAModuleTruncatedInsideASection() {
        var boundaries = Section.split(VALID).stream().map(Section::end).toList();
        for (int length = 9; length < VALID.length; length++) {
            if (boundaries.contains(length)) {
                continue; // a prefix that ends between sections is a valid, smaller module
            }
            byte[] truncated = Arrays.copyOf(VALID, length);
            assertThatThrownBy(() -> Fuel.instrument(truncated))
                    .as("truncated to %d bytes", length)
                    .isInstanceOf(FuelException.class)
                    .hasMessageNotContaining("\n");
        }
    }

    @Test
    void rejectsACorruptedCodeSection() {
        byte[] corrupted = VALID.clone();
        corrupted[corrupted.length - 1] = (byte) 0xFF; // the function's final end becomes an unknown opcode
        assertThatThrownBy(() -> Fuel.instrument(corrupted)).isInstanceOf(FuelException.class);
    }

    @Test
    void refusesToInstrumentTwice() {
        byte[] once = Fuel.instrument(VALID);
        assertThatThrownBy(() -> Fuel.instrument(once))
                .isInstanceOf(FuelException.class)
                .hasMessage("module already exports nacre_fuel: it is instrumented already");
    }

    @Test
    void rejectsAGuestAccessToTheIndexTheFuelGlobalWillHave() {
        // global.set 0 in a module with one global, patched to global.set 1: invalid in the
        // original, but after instrumentation index 1 would be the fuel global.
        byte[] wasm = Guest.wat("""
                (module (global $g (mut i64) (i64.const 0))
                  (func (export "f") (global.set $g (i64.const 77))))""");
        byte[] patched = wasm.clone();
        int at = indexOf(patched, new byte[] {0x42, (byte) 0xCD, 0x00, 0x24, 0x00});
        patched[at + 4] = 1;
        assertThatThrownBy(() -> Fuel.instrument(patched))
                .isInstanceOf(FuelException.class)
                .hasMessageContaining("global 1"); // Endive's parser or the instrumenter
        Fuel.instrument(wasm);
    }

    private static int indexOf(byte[] haystack, byte[] needle) {
        outer:
        for (int i = 0; i + needle.length <= haystack.length; i++) {
            for (int k = 0; k < needle.length; k++) {
                if (haystack[i + k] != needle[k]) {
                    continue outer;
                }
            }
            return i;
        }
        throw new AssertionError("pattern not found");
    }
}
