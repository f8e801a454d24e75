package dev.nacre.core;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class JsonTest {

    @ParameterizedTest
    @ValueSource(strings = {
            "null", "true", "false", "0", "-0", "42", "-17", "3.25", "-0.5", "1e10", "1E-7", "2.5e+3",
            "\"\"", "\"hi\"", "[]", "{}", "[1,[2,[3]],{\"a\":null}]",
            "{\"z\":1,\"a\":[true,false],\"m\":{\"k\":\"v\"}}",
    })
    void compactTextPrintsBackUnchanged(String text) {
        assertThat(Json.parse(text).print()).isEqualTo(text);
    }

    @Test
    void whitespaceAroundTokensIsDropped() {
        assertThat(Json.parse(" \t\r\n{ \"a\" : [ 1 , 2 ] ,\n\"b\" : { } }\n ").print()).isEqualTo("{\"a\":[1,2],\"b\":{}}");
    }

    @Test
    void parsedValuesAreTheExpectedTypes() {
        var obj = (Json.Obj) Json.parse("{\"s\":\"x\",\"n\":7,\"b\":true,\"z\":null,\"a\":[1],\"o\":{}}");
        assertThat(obj.string("s", "")).isEqualTo("x");
        assertThat(obj.number("n", 0)).isEqualTo(7);
        assertThat(obj.bool("b", false)).isTrue();
        assertThat(obj.get("z")).contains(Json.NULL);
        assertThat(obj.array("a")).containsExactly(Json.of(1));
        assertThat(obj.object("o")).isEqualTo(Json.EMPTY_OBJ);
        assertThat(obj.get("missing")).isEmpty();
        assertThat(obj.string("n", "fallback")).isEqualTo("fallback");
    }

    @Test
    void bigIntegersAndDecimalsKeepTheirExactText() {
        String big = "123456789012345678901234567890123456789";
        String text = "[" + big + ",-" + big + ",0.1000000000000000055511151231257827,1.5E+300]";
        assertThat(Json.parse(text).print()).isEqualTo(text);
        assertThat(Json.parse(big)).isEqualTo(new Json.Num(big));
    }

    @Test
    void numbersConvertToLongAndDouble() {
        assertThat(((Json.Num) Json.parse("-9223372036854775808")).asLong()).isEqualTo(Long.MIN_VALUE);
        assertThat(((Json.Num) Json.parse("1e3")).asLong()).isEqualTo(1000);
        assertThat(((Json.Num) Json.parse("2.75")).asDouble()).isEqualTo(2.75);
        assertThat(Json.of(-5).print()).isEqualTo("-5");
    }

    @Test
    void escapesAreDecoded() {
        var s = (Json.Str) Json.parse("\"q\\\" b\\\\ s\\/ \\b\\f\\n\\r\\t \\u0041\\u00e9\\u20AC\"");
        assertThat(s.value()).isEqualTo("q\" b\\ s/ \b\f\n\r\t Aé€");
    }

    @Test
    void surrogatePairEscapeDecodesToOneCodePoint() {
        var s = (Json.Str) Json.parse("\"\\ud83d\\ude00\"");
        assertThat(s.value()).isEqualTo("😀");
        assertThat(s.value().codePointCount(0, s.value().length())).isEqualTo(1);
    }

    @Test
    void nonAsciiIsPrintedRawAndControlCharactersEscaped() {
        var s = Json.of("😀é\u0001\u001f\"\\\n\t\b\f\r");
        assertThat(s.print()).isEqualTo("\"😀é\\u0001\\u001f\\\"\\\\\\n\\t\\b\\f\\r\"");
        assertThat(Json.parse(s.print())).isEqualTo(s);
    }

    @Test
    void everyCharBelow0x80RoundTrips() {
        var sb = new StringBuilder();
        for (char c = 0; c < 0x80; c++) sb.append(c);
        var s = Json.of(sb.toString());
        assertThat(Json.parse(s.print())).isEqualTo(s);
    }

    @Test
    void buildersKeepInsertionOrder() {
        var o = Json.object().put("b", 1).put("a", "x").put("c", true).put("d", Json.array(List.of(Json.NULL))).build();
        assertThat(o.print()).isEqualTo("{\"b\":1,\"a\":\"x\",\"c\":true,\"d\":[null]}");
        assertThat(o.with("a", Json.of(2)).print()).isEqualTo("{\"b\":1,\"a\":2,\"c\":true,\"d\":[null]}");
        assertThat(o.with("e", Json.FALSE).print()).endsWith(",\"e\":false}");
    }

    @Test
    void canonicalPrintingSortsKeysAtEveryLevel() {
        var json = Json.parse("{\"b\":{\"y\":1,\"x\":2},\"a\":[{\"d\":0,\"c\":0}],\"B\":0,\"é\":0,\"aa\":0}");
        assertThat(json.canonical()).isEqualTo("{\"B\":0,\"a\":[{\"c\":0,\"d\":0}],\"aa\":0,\"b\":{\"x\":2,\"y\":1},\"é\":0}");
        assertThat(json.print()).startsWith("{\"b\":{\"y\":1");
    }

    @Test
    void canonicalFormIgnoresInsertionOrder() {
        var one = Json.object().put("x", 1).put("y", 2).build();
        var two = Json.object().put("y", 2).put("x", 1).build();
        assertThat(one.print()).isNotEqualTo(two.print());
        assertThat(one.canonical()).isEqualTo(two.canonical());
        assertThat(one).isEqualTo(two);
    }

    @Test
    void duplicateKeysKeepTheLastValue() {
        assertThat(Json.parse("{\"a\":1,\"a\":2}").print()).isEqualTo("{\"a\":2}");
    }

    @Test
    void valuesAreImmutable() {
        var list = new java.util.ArrayList<Json>(List.of(Json.of(1)));
        var arr = (Json.Arr) Json.array(list);
        list.add(Json.of(2));
        assertThat(arr.items()).hasSize(1);
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> arr.items().add(Json.NULL))
                .isInstanceOf(UnsupportedOperationException.class);
        var obj = (Json.Obj) Json.parse("{\"a\":1}");
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> obj.fields().put("b", Json.NULL))
                .isInstanceOf(UnsupportedOperationException.class);
    }

    @Test
    void aBuilderUsedAgainAfterBuildLeavesWhatItBuiltAlone() {
        var builder = Json.object().put("a", 1);
        var first = builder.build();
        var second = builder.put("b", 2).build();
        assertThat(first.print()).isEqualTo("{\"a\":1}");
        assertThat(second.print()).isEqualTo("{\"a\":1,\"b\":2}");
        var source = new java.util.LinkedHashMap<String, Json>(java.util.Map.of("x", Json.TRUE));
        var obj = new Json.Obj(source);
        source.put("y", Json.NULL);
        assertThat(obj.fields()).containsOnlyKeys("x");
        assertThat(obj.with("z", Json.of(3)).print()).isEqualTo("{\"x\":true,\"z\":3}");
        assertThat(obj).isEqualTo(Json.parse("{\"x\":true}")).hasSameHashCodeAs(Json.parse("{\"x\":true}"));
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> obj.fields().entrySet().iterator().next().setValue(Json.NULL))
                .isInstanceOf(UnsupportedOperationException.class);
    }

    @Test
    void nestingUpToTheCapParses() {
        int depth = JsonParser.MAX_DEPTH;
        String arrays = "[".repeat(depth) + "1" + "]".repeat(depth);
        assertThat(Json.parse(arrays).print()).isEqualTo(arrays);
        String objects = "{\"a\":".repeat(depth) + "\"x\"" + "}".repeat(depth);
        assertThat(Json.parse(objects).print()).isEqualTo(objects);
    }
}
