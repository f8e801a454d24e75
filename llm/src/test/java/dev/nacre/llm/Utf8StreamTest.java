package dev.nacre.llm;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class Utf8StreamTest {
    private static final String TEXT = "a é ✓ 😀 z"; // characters of 1, 2, 3 and 4 bytes

    @Test
    void aCharacterCutAnywhereComesOutWhole() {
        byte[] bytes = TEXT.getBytes(StandardCharsets.UTF_8);
        for (int cut = 0; cut <= bytes.length; cut++) {
            var utf8 = new Utf8Stream();
            String first = utf8.decode(bytes, 0, cut);
            String second = utf8.decode(bytes, cut, bytes.length - cut);
            assertThat(first + second + utf8.end()).as("cut at %d", cut).isEqualTo(TEXT);
            assertThat(first).doesNotContain("\uFFFD");
        }
    }

    @Test
    void byteByByteGivesTheSameText() {
        byte[] bytes = TEXT.getBytes(StandardCharsets.UTF_8);
        var utf8 = new Utf8Stream();
        var out = new StringBuilder();
        for (int i = 0; i < bytes.length; i++) out.append(utf8.decode(bytes, i, 1));
        assertThat(out.append(utf8.end()).toString()).isEqualTo(TEXT);
    }

    @Test
    void malformedBytesAndACharacterLeftUnfinishedBecomeReplacementCharacters() {
        var utf8 = new Utf8Stream();
        byte[] bad = {'o', (byte) 0xFF, 'k', (byte) 0xE2, (byte) 0x9C};
        assertThat(utf8.decode(bad, 0, bad.length)).isEqualTo("o\uFFFDk");
        assertThat(utf8.end()).isEqualTo("\uFFFD");
        assertThat(utf8.end()).isEmpty();
    }
}
