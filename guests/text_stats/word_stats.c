#include <string.h>

#include "counter.h"
#include "stats.h"

/* Common English words, left out of top_words unless include_stopwords is set. Sorted. */
static const char *const STOPWORDS[] = {
    "a", "about", "after", "all", "also", "am", "an", "and", "any", "are", "as", "at", "be", "been",
    "before", "being", "but", "by", "can", "could", "did", "do", "does", "for", "from", "had", "has",
    "have", "he", "her", "him", "his", "how", "i", "if", "in", "into", "is", "it", "it's", "its", "just",
    "me", "more", "most", "my", "no", "not", "of", "on", "one", "only", "or", "other", "our", "out",
    "over", "she", "so", "some", "such", "than", "that", "the", "their", "them", "then", "there",
    "these", "they", "this", "those", "to", "up", "us", "was", "we", "were", "what", "when", "where",
    "which", "while", "who", "will", "with", "would", "you", "your"};

static int is_stopword(const char *w, size_t n) {
    size_t lo = 0, hi = sizeof STOPWORDS / sizeof STOPWORDS[0];
    while (lo < hi) {
        size_t mid = (lo + hi) / 2;
        const char *s = STOPWORDS[mid];
        size_t sl = strlen(s), k = sl < n ? sl : n;
        int r = memcmp(s, w, k);
        if (!r) r = (sl > n) - (sl < n);
        if (!r) return 1;
        if (r < 0) lo = mid + 1;
        else hi = mid;
    }
    return 0;
}

/* Letters, digits and any non-ASCII byte (so UTF-8 letters stay inside words). */
static int word_byte(unsigned char c) {
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c >= 0x80;
}

void word_stats(const char *s, size_t len, size_t top, int include_stopwords, sbuf *o) {
    counter words;
    counter_init(&words, MAX_WORDS);
    size_t nwords = 0, word_chars = 0, lines = 0, nonblank_lines = 0, sentences = 0, paragraphs = 0;
    size_t longest_len = 0, longest_at = 0;
    int open_sentence = 0; /* words seen since the last sentence end */
    char buf[64];

    /* Lines and paragraphs. */
    int line_has_text = 0, in_paragraph = 0;
    for (size_t i = 0; i < len; i++) {
        unsigned char c = (unsigned char)s[i];
        if (c == '\n') {
            lines++;
            if (line_has_text) nonblank_lines++;
            else in_paragraph = 0;
            line_has_text = 0;
        } else if (c != ' ' && c != '\t' && c != '\r' && !line_has_text) {
            line_has_text = 1;
            if (!in_paragraph) { paragraphs++; in_paragraph = 1; }
        }
    }
    if (len && s[len - 1] != '\n') { lines++; if (line_has_text) nonblank_lines++; }

    /* Words and sentences. */
    for (size_t i = 0; i < len;) {
        unsigned char c = (unsigned char)s[i];
        if (!word_byte(c)) {
            if ((c == '.' || c == '!' || c == '?') && open_sentence &&
                (i + 1 >= len || s[i + 1] == ' ' || s[i + 1] == '\n' || s[i + 1] == '\r' || s[i + 1] == '"'))
                sentences++, open_sentence = 0;
            i++;
            continue;
        }
        size_t start = i;
        /* Apostrophes and hyphens join the parts of a word (don't, well-known). */
        while (i < len && (word_byte((unsigned char)s[i]) ||
                           ((s[i] == '\'' || s[i] == '-') && i + 1 < len && word_byte((unsigned char)s[i + 1]))))
            i++;
        size_t n = i - start;
        nwords++;
        open_sentence = 1;
        size_t chars = utf8_count(s + start, n);
        word_chars += chars;
        if (chars > longest_len) { longest_len = chars; longest_at = start; }
        if (n >= sizeof buf) continue; /* too long to be a word worth counting */
        /* Lower case for ASCII and Latin-1 letters (À-Þ are C3 80-9E in UTF-8). */
        for (size_t k = 0; k < n; k++) {
            unsigned char ch = (unsigned char)s[start + k];
            if (ch >= 'A' && ch <= 'Z') ch = (unsigned char)(ch - 'A' + 'a');
            else if (k > 0 && (unsigned char)s[start + k - 1] == 0xC3 && ch >= 0x80 && ch <= 0x9E && ch != 0x97)
                ch = (unsigned char)(ch + 0x20);
            buf[k] = (char)ch;
        }
        if (!include_stopwords && is_stopword(buf, n)) continue;
        counter_add(&words, buf, n);
    }
    /* Text that does not end with a full stop still has a last sentence. */
    if (open_sentence) sentences++;

    sb_printf(o, "{\"format\":\"text\",\"characters\":%zu,\"bytes\":%zu,\"lines\":%zu,\"non_blank_lines\":%zu,"
                 "\"paragraphs\":%zu,\"words\":%zu,\"sentences\":%zu",
              utf8_count(s, len), len, lines, nonblank_lines, paragraphs, nwords, sentences);
    sb_puts(o, ",\"average_word_length\":");
    put_num(o, nwords ? (double)word_chars / (double)nwords : 0);
    sb_puts(o, ",\"words_per_sentence\":");
    put_num(o, sentences ? (double)nwords / (double)sentences : 0);
    if (nwords) {
        sb_puts(o, ",\"longest_word\":");
        size_t n = longest_at;
        while (n < len && (word_byte((unsigned char)s[n]) ||
                           ((s[n] == '\'' || s[n] == '-') && n + 1 < len && word_byte((unsigned char)s[n + 1]))))
            n++;
        sb_json_str(o, s + longest_at, utf8_clip(s + longest_at, n - longest_at, 100));
    }
    sb_printf(o, ",\"distinct_words\":%zu", words.n);
    if (words.capped) sb_puts(o, ",\"distinct_words_capped\":true");
    if (!include_stopwords) sb_puts(o, ",\"stopwords_excluded\":true");
    sb_puts(o, ",\"top_words\":[");
    centry *best[100];
    size_t k = counter_top(&words, best, top < 100 ? top : 100);
    for (size_t i = 0; i < k; i++) {
        if (i) sb_putc(o, ',');
        sb_puts(o, "{\"word\":");
        sb_json_str(o, best[i]->s, best[i]->len);
        sb_printf(o, ",\"count\":%zu}", best[i]->count);
    }
    sb_puts(o, "]}");
}
