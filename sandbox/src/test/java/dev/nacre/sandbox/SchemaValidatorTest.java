package dev.nacre.sandbox;

import static org.assertj.core.api.Assertions.assertThat;

import dev.nacre.core.Json;
import org.junit.jupiter.api.Test;

class SchemaValidatorTest {
    static String check(String schema, String value) {
        return SchemaValidator.validate(Json.parse(schema), Json.parse(value)).orElse("ok");
    }

    @Test
    void types() {
        assertThat(check("{\"type\":\"integer\"}", "3")).isEqualTo("ok");
        assertThat(check("{\"type\":\"integer\"}", "3.0")).isEqualTo("ok");
        assertThat(check("{\"type\":\"integer\"}", "3.5")).isEqualTo("at $: must be an integer, not a number");
        assertThat(check("{\"type\":[\"string\",\"null\"]}", "null")).isEqualTo("ok");
        assertThat(check("{\"type\":\"object\"}", "[]")).isEqualTo("at $: must be an object, not an array");
    }

    @Test
    void objects() {
        String s = "{\"type\":\"object\",\"properties\":{\"a\":{\"type\":\"object\",\"properties\":{\"b\":{\"type\":\"string\"}}}},"
                + "\"required\":[\"a\"],\"additionalProperties\":false}";
        assertThat(check(s, "{\"a\":{\"b\":\"x\"}}")).isEqualTo("ok");
        assertThat(check(s, "{}")).isEqualTo("at $: missing required property 'a'");
        assertThat(check(s, "{\"a\":{\"b\":1}}")).isEqualTo("at $.a.b: must be a string, not an integer");
        assertThat(check(s, "{\"a\":{},\"c\":1}")).isEqualTo("at $: property 'c' is not allowed");
        assertThat(check("{\"additionalProperties\":{\"type\":\"number\"}}", "{\"x\":\"y\"}"))
                .isEqualTo("at $.x: must be a number, not a string");
    }

    @Test
    void arraysEnumsConsts() {
        String s = "{\"type\":\"array\",\"items\":{\"enum\":[\"a\",\"b\",1]},\"minItems\":1,\"maxItems\":2}";
        assertThat(check(s, "[\"a\",1.0]")).isEqualTo("ok");
        assertThat(check(s, "[]")).isEqualTo("at $: must have at least 1 items");
        assertThat(check(s, "[\"a\",\"b\",\"a\"]")).isEqualTo("at $: must have at most 2 items");
        assertThat(check(s, "[\"c\"]")).isEqualTo("at $[0]: must be one of [\"a\",\"b\",1]");
        assertThat(check("{\"const\":{\"k\":[1]}}", "{\"k\":[1]}")).isEqualTo("ok");
        assertThat(check("{\"const\":5}", "6")).isEqualTo("at $: must be 5");
    }

    @Test
    void numbersAndStrings() {
        assertThat(check("{\"minimum\":1,\"maximum\":10}", "0")).isEqualTo("at $: must be at least 1");
        assertThat(check("{\"minimum\":1,\"maximum\":10}", "10.5")).isEqualTo("at $: must be at most 10");
        assertThat(check("{\"exclusiveMinimum\":0}", "0")).isEqualTo("at $: must be greater than 0");
        assertThat(check("{\"minLength\":2,\"maxLength\":3}", "\"é\"")).isEqualTo("at $: must be at least 2 characters");
        assertThat(check("{\"maxLength\":3}", "\"abcd\"")).isEqualTo("at $: must be at most 3 characters");
        assertThat(check("{\"pattern\":\"^[a-z]+$\"}", "\"abc\"")).isEqualTo("ok");
        assertThat(check("{\"pattern\":\"^[a-z]+$\"}", "\"ab1\"")).isEqualTo("at $: must match pattern ^[a-z]+$");
    }

    @Test
    void catastrophicPatternIsStopped() {
        String evil = "{\"pattern\":\"^(a*)*\\\\1b$\"}"; // 15 s on JDK 25 without the bound
        String input = "\"" + "a".repeat(28) + "!\"";
        assertThat(check(evil, input)).contains("took too long");
    }
}
