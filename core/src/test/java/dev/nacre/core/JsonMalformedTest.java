package dev.nacre.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class JsonMalformedTest {

    static Stream<Arguments> malformed() {
        return Stream.of(
                // input, offset, a word of the message
                Arguments.of("", 0, "end of JSON"),
                Arguments.of("   ", 3, "end of JSON"),
                Arguments.of("{", 1, "key"),
                Arguments.of("{\"a\"", 4, "':'"),
                Arguments.of("{\"a\":", 5, "end of JSON"),
                Arguments.of("{\"a\":1", 6, "'}'"),
                Arguments.of("[", 1, "end of JSON"),
                Arguments.of("[1", 2, "']'"),
                Arguments.of("[1 2]", 3, "']'"),
                Arguments.of("{\"a\":1 \"b\":2}", 7, "'}'"),
                Arguments.of("\"abc", 4, "unterminated string"),
                Arguments.of("\"abc\\", 5, "escape"),
                Arguments.of("[1,]", 3, "']'"),
                Arguments.of("{\"a\":1,}", 7, "key"),
                Arguments.of("[,1]", 1, "','"),
                Arguments.of("{a:1}", 1, "key"),
                Arguments.of("01", 0, "leading zero"),
                Arguments.of("[-01]", 1, "leading zero"),
                Arguments.of("-", 0, "number"),
                Arguments.of("1.", 0, "number"),
                Arguments.of(".5", 0, "'.'"),
                Arguments.of("1e", 0, "number"),
                Arguments.of("1e+", 0, "number"),
                Arguments.of("+1", 0, "'+'"),
                Arguments.of("tru", 0, "true"),
                Arguments.of("nul", 0, "null"),
                Arguments.of("True", 0, "'T'"),
                Arguments.of("hello", 0, "'h'"),
                Arguments.of("NaN", 0, "'N'"),
                Arguments.of("\"a\u0001b\"", 2, "control character"),
                Arguments.of("\"tab\there\"", 4, "control character"),
                Arguments.of("\"line\nbreak\"", 5, "control character"),
                Arguments.of("\"\\x41\"", 2, "escape"),
                Arguments.of("\"\\u12\"", 3, "\\u escape"),
                Arguments.of("\"\\u12g4\"", 3, "\\u escape"),
                Arguments.of("\"\\u\u0663\u0663\u0663\u0663\"", 3, "\\u escape"),
                Arguments.of("\"\\u00", 3, "\\u escape"),
                Arguments.of("{} x", 3, "after the JSON value"),
                Arguments.of("[1]]", 3, "after the JSON value"),
                Arguments.of("truex", 4, "after the JSON value"),
                Arguments.of("1 2", 2, "after the JSON value"),
                Arguments.of("{\"a\":1}{", 7, "after the JSON value"),
                Arguments.of("'a'", 0, "'''"),
                Arguments.of("\u00a0{}", 0, "unexpected character"));
    }

    @ParameterizedTest
    @MethodSource("malformed")
    void malformedInputThrowsJsonExceptionAtTheOffendingOffset(String input, int offset, String messagePart) {
        var e = catchThrowableOfType(JsonException.class, () -> Json.parse(input));
        assertThat(e).as("parsing %s", input).isNotNull();
        assertThat(e.offset()).as("offset for %s (%s)", input, e.getMessage()).isEqualTo(offset);
        assertThat(e.getMessage()).contains(messagePart).endsWith("at offset " + offset);
    }

    @Test
    void nullTextIsAJsonException() {
        assertThat(catchThrowableOfType(JsonException.class, () -> Json.parse(null))).isNotNull();
    }

    @Test
    void nestingOneDeeperThanTheCapIsRejected() {
        int depth = JsonParser.MAX_DEPTH + 1;
        var e = catchThrowableOfType(JsonException.class, () -> Json.parse("[".repeat(depth) + "]".repeat(depth)));
        assertThat(e.getMessage()).contains("deeper than 512");
    }

    @Test
    void hostileDeepNestingIsAJsonExceptionNotAStackOverflow() {
        assertThat(catchThrowableOfType(JsonException.class, () -> Json.parse("[".repeat(100_000)))).isNotNull();
        assertThat(catchThrowableOfType(JsonException.class, () -> Json.parse("{\"a\":".repeat(100_000)))).isNotNull();
        assertThat(catchThrowableOfType(JsonException.class, () -> Json.parse("[{\"a\":".repeat(50_000)))).isNotNull();
    }
}
