package dev.nacre.store;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class MatchQueryTest {
    @Test
    void eachWordBecomesAQuotedPhrase() {
        assertThat(MatchQuery.of("kraken sleeps")).contains("\"kraken\" \"sleeps\"");
        assertThat(MatchQuery.of("say \"hi\" -now")).contains("\"say\" \"\"\"hi\"\"\" \"-now\"");
        assertThat(MatchQuery.of("NEAR(a b)")).contains("\"NEAR(a\" \"b)\"");
    }

    @Test
    void aTrailingStarIsAPrefixSearch() {
        assertThat(MatchQuery.of("krak*")).contains("\"krak\"*");
        assertThat(MatchQuery.of("*krak")).contains("\"*krak\"");
    }

    @Test
    void textWithoutWordsIsNoQuery() {
        assertThat(MatchQuery.of("")).isEmpty();
        assertThat(MatchQuery.of("  - \" * ()  ")).isEmpty();
        assertThat(MatchQuery.of("\u0000")).isEmpty();
    }
}
