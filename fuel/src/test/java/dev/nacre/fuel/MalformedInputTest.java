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
}
