package dev.nacre.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;

import dev.nacre.core.Event;
import dev.nacre.core.Message;
import dev.nacre.core.Usage;
import dev.nacre.runtime.SearchHit;
import dev.nacre.runtime.SessionInfo;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.io.TempDir;

class SearchTest {
    @TempDir Path dir;
    SqliteJournal journal;

    @BeforeEach
    void index() {
        journal = SqliteJournal.open(dir.resolve("state.db"));
        journal.create(new SessionInfo("sea", "Sea monsters", "m", 1, ""));
        journal.create(new SessionInfo("code", "Build fixes", "m", 2, ""));
        journal.append("sea", new Event.SessionStarted("kraken kraken kraken in the system prompt is not indexed", List.of(), 5), 10);
        journal.append("sea", new Event.UserMessage("Tell me about the kraken."), 11);
        journal.append("sea", new Event.ModelResponded(Message.Assistant.text(
                "Sailors tell many stories. Among them, in the far north, a long tale mentions a sea creature"
                        + " of enormous size that sleeps below the waves, which some call the kraken, and others a whale."),
                Usage.ZERO), 12);
        journal.append("code", new Event.UserMessage("Kraken kraken KRAKEN: the build named kraken fails"), 20);
        journal.append("code", new Event.ToolResults(List.of(
                new Message.Tool("c1", "terminal", "error: foo-bar.c:12: undefined reference to `main'", true),
                new Message.Tool("c2", "terminal", "running tests (all 12 passed) \"quoted\" naïve café", false))), 21);
    }

    @AfterEach
    void close() {
        journal.close();
    }

    @Test
    void hitsAreRankedByBm25WithMarkedSnippets() {
        List<SearchHit> hits = journal.search("kraken", 10);
        assertThat(hits).hasSize(3);
        assertThat(hits.getFirst().sessionId()).isEqualTo("code");
        assertThat(hits.getFirst().sessionTitle()).isEqualTo("Build fixes");
        assertThat(hits.getFirst().role()).isEqualTo("user");
        assertThat(hits.getFirst().atMillis()).isEqualTo(20);
        assertThat(hits).extracting(SearchHit::rank).isSorted();
        assertThat(hits.getLast().role()).isEqualTo("assistant");
        assertThat(hits.getLast().snippet()).contains("«kraken»").startsWith("…");
        assertThat(hits).allSatisfy(h -> assertThat(h.snippet()).containsPattern("«(?i:kraken)»"));
    }

    @Test
    void limitCapsTheHits() {
        assertThat(journal.search("kraken", 1)).hasSize(1);
        assertThat(journal.search("kraken", 0)).isEmpty();
    }

    @Test
    void allWordsMustMatchAndStemsAndPrefixesWork() {
        assertThat(journal.search("kraken build", 10)).singleElement()
                .satisfies(h -> assertThat(h.sessionId()).isEqualTo("code"));
        assertThat(journal.search("sleeping", 10)).singleElement() // porter: sleeping ~ sleeps
                .satisfies(h -> assertThat(h.snippet()).contains("«sleeps»"));
        assertThat(journal.search("undef*", 10)).singleElement()
                .satisfies(h -> assertThat(h.role()).isEqualTo("tool"));
        assertThat(journal.search("cafe naive", 10)).hasSize(1);
    }

    @Test
    void anEmptyQueryFindsNothing() {
        assertThat(journal.search("", 10)).isEmpty();
        assertThat(journal.search("   \t\n", 10)).isEmpty();
        assertThat(journal.search("\"", 10)).isEmpty();
        assertThat(journal.search("- * ( ) :", 10)).isEmpty();
    }

    @ParameterizedTest
    @ValueSource(strings = {"\"", "\"kraken", "kraken\"", "\"\"kraken\"\"", "-kraken", "kraken -build", "kraken:",
            "content:kraken", "kraken*", "*kraken", "(kraken", "kraken)", "NEAR(kraken build)", "kraken AND", "OR kraken",
            "NOT kraken", "^kraken", "+kraken", "kraken'", "k'raken", "{kraken}", "[kraken]", "kraken\\", "kraken;--",
            "foo-bar.c:12", "`main'", "(all 12 passed)", "\u0000kraken", "🐙 kraken"})
    void syntaxCharactersAreTextNotSyntax(String query) {
        assertThatCode(() -> journal.search(query, 10)).doesNotThrowAnyException();
    }

    @Test
    void punctuationInsideWordsStillFindsThem() {
        assertThat(journal.search("-kraken", 10)).hasSize(3);
        assertThat(journal.search("\"kraken", 10)).hasSize(3);
        assertThat(journal.search("foo-bar.c:12", 10)).singleElement()
                .satisfies(h -> assertThat(h.snippet()).contains("«foo-bar.c:12»"));
        assertThat(journal.search("(all 12 passed)", 10)).hasSize(1);
        assertThat(journal.search("NOT kraken", 10)).isEmpty(); // "not" is a word here, and no message has it with kraken
    }

    @Test
    void theSystemPromptIsNotIndexed() {
        assertThat(journal.search("indexed", 10)).isEmpty();
    }
}
