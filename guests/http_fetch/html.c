#include "html.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

static char *dup_n(const char *s, size_t n) {
    char *p = malloc(n + 1);
    if (!p) { fputs("out of memory\n", stderr); exit(1); }
    memcpy(p, s, n);
    p[n] = 0;
    return p;
}

static int lower(int c) { return c >= 'A' && c <= 'Z' ? c + 32 : c; }
static int is_space(int c) { return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f'; }

static int starts_ci(const char *s, size_t n, const char *w) {
    size_t k = strlen(w);
    if (n < k) return 0;
    for (size_t i = 0; i < k; i++) if (lower((unsigned char)s[i]) != w[i]) return 0;
    return 1;
}

/* ---------- entities ---------- */

static const struct { const char *name; const char *utf8; } ENTITIES[] = {
    {"amp", "&"}, {"lt", "<"}, {"gt", ">"}, {"quot", "\""}, {"apos", "'"}, {"nbsp", " "},
    {"copy", "\xC2\xA9"}, {"reg", "\xC2\xAE"}, {"trade", "\xE2\x84\xA2"}, {"hellip", "\xE2\x80\xA6"},
    {"mdash", "\xE2\x80\x94"}, {"ndash", "\xE2\x80\x93"}, {"lsquo", "\xE2\x80\x98"}, {"rsquo", "\xE2\x80\x99"},
    {"ldquo", "\xE2\x80\x9C"}, {"rdquo", "\xE2\x80\x9D"}, {"bull", "\xE2\x80\xA2"}, {"middot", "\xC2\xB7"},
    {"laquo", "\xC2\xAB"}, {"raquo", "\xC2\xBB"}, {"euro", "\xE2\x82\xAC"}, {"pound", "\xC2\xA3"},
    {"yen", "\xC2\xA5"}, {"cent", "\xC2\xA2"}, {"sect", "\xC2\xA7"}, {"deg", "\xC2\xB0"},
    {"times", "\xC3\x97"}, {"divide", "\xC3\xB7"}, {"para", "\xC2\xB6"}, {"shy", ""},
    {"zwj", ""}, {"zwnj", ""}, {"larr", "\xE2\x86\x90"}, {"rarr", "\xE2\x86\x92"}};

/* Latin-1 names, U+00A0 to U+00FF in order. */
static const char *const LATIN1[96] = {
    "nbsp", "iexcl", "cent", "pound", "curren", "yen", "brvbar", "sect", "uml", "copy", "ordf", "laquo",
    "not", "shy", "reg", "macr", "deg", "plusmn", "sup2", "sup3", "acute", "micro", "para", "middot",
    "cedil", "sup1", "ordm", "raquo", "frac14", "frac12", "frac34", "iquest", "Agrave", "Aacute", "Acirc",
    "Atilde", "Auml", "Aring", "AElig", "Ccedil", "Egrave", "Eacute", "Ecirc", "Euml", "Igrave", "Iacute",
    "Icirc", "Iuml", "ETH", "Ntilde", "Ograve", "Oacute", "Ocirc", "Otilde", "Ouml", "times", "Oslash",
    "Ugrave", "Uacute", "Ucirc", "Uuml", "Yacute", "THORN", "szlig", "agrave", "aacute", "acirc", "atilde",
    "auml", "aring", "aelig", "ccedil", "egrave", "eacute", "ecirc", "euml", "igrave", "iacute", "icirc",
    "iuml", "eth", "ntilde", "ograve", "oacute", "ocirc", "otilde", "ouml", "divide", "oslash", "ugrave",
    "uacute", "ucirc", "uuml", "yacute", "thorn", "yuml"};

static void put_cp(sbuf *b, unsigned cp) {
    char t[4];
    if (cp == 0 || (cp >= 0xD800 && cp <= 0xDFFF) || cp > 0x10FFFF) cp = 0xFFFD;
    if (cp == 0xA0) cp = ' ';
    if (cp < 0x80) { t[0] = (char)cp; sb_put(b, t, 1); }
    else if (cp < 0x800) { t[0] = (char)(0xC0 | cp >> 6); t[1] = (char)(0x80 | (cp & 0x3F)); sb_put(b, t, 2); }
    else if (cp < 0x10000) {
        t[0] = (char)(0xE0 | cp >> 12); t[1] = (char)(0x80 | ((cp >> 6) & 0x3F)); t[2] = (char)(0x80 | (cp & 0x3F));
        sb_put(b, t, 3);
    } else {
        t[0] = (char)(0xF0 | cp >> 18); t[1] = (char)(0x80 | ((cp >> 12) & 0x3F));
        t[2] = (char)(0x80 | ((cp >> 6) & 0x3F)); t[3] = (char)(0x80 | (cp & 0x3F));
        sb_put(b, t, 4);
    }
}

/* Decodes the entity at s[0] == '&' into b; returns the bytes consumed (1 if none). */
static size_t entity(const char *s, size_t n, sbuf *b) {
    size_t i = 1;
    if (i < n && s[i] == '#') {
        i++;
        int hex = i < n && (s[i] == 'x' || s[i] == 'X');
        if (hex) i++;
        unsigned cp = 0;
        size_t digits = 0;
        while (i < n && digits < 8) {
            int c = lower((unsigned char)s[i]), d;
            if (c >= '0' && c <= '9') d = c - '0';
            else if (hex && c >= 'a' && c <= 'f') d = c - 'a' + 10;
            else break;
            cp = cp * (hex ? 16 : 10) + (unsigned)d;
            i++, digits++;
        }
        if (!digits) { sb_putc(b, '&'); return 1; }
        if (i < n && s[i] == ';') i++;
        put_cp(b, cp);
        return i;
    }
    size_t start = i;
    while (i < n && i - start < 10 && ((s[i] >= 'a' && s[i] <= 'z') || (s[i] >= 'A' && s[i] <= 'Z'))) i++;
    for (size_t k = 0; k < sizeof ENTITIES / sizeof ENTITIES[0]; k++) {
        size_t el = strlen(ENTITIES[k].name);
        if (el == i - start && memcmp(s + start, ENTITIES[k].name, el) == 0) {
            sb_puts(b, ENTITIES[k].utf8);
            return i < n && s[i] == ';' ? i + 1 : i;
        }
    }
    for (unsigned k = 0; k < 96; k++) {
        size_t el = strlen(LATIN1[k]);
        if (el && el == i - start && memcmp(s + start, LATIN1[k], el) == 0) {
            put_cp(b, 0xA0 + k);
            return i < n && s[i] == ';' ? i + 1 : i;
        }
    }
    sb_putc(b, '&');
    return 1;
}

/* Entities decoded, whitespace collapsed and trimmed. */
static char *clean_text(const char *s, size_t n) {
    sbuf raw = {0}, out = {0};
    for (size_t i = 0; i < n;) {
        if (s[i] == '&') i += entity(s + i, n - i, &raw);
        else sb_putc(&raw, s[i++]);
    }
    int space = 0;
    for (size_t i = 0; i < raw.len; i++) {
        if (is_space((unsigned char)raw.p[i])) { space = out.len > 0; continue; }
        if (space) sb_putc(&out, ' ');
        space = 0;
        sb_putc(&out, raw.p[i]);
    }
    free(raw.p);
    if (!out.p) return dup_n("", 0);
    return out.p;
}

/* ---------- the walk ---------- */

typedef struct {
    html_doc *d;
    int pending_nl;     /* newlines owed before the next text */
    int pending_space;
    int pre;            /* inside <pre> */
    long link_open;     /* index in d->links of the open <a>, or -1 */
    size_t link_start;  /* d->text.len when it opened */
} walker;

static void emit_break(walker *w, int n) {
    if (n > w->pending_nl) w->pending_nl = n;
    w->pending_space = 0;
}

static void emit_bytes(walker *w, const char *s, size_t n) {
    sbuf *t = &w->d->text;
    if (t->len) {
        if (w->pending_nl) {
            while (t->len && t->p[t->len - 1] == ' ') t->len--; /* no trailing spaces on lines */
            int have = 0;
            while (have < (int)t->len && have < 2 && t->p[t->len - 1 - have] == '\n') have++;
            for (int k = have; k < (w->pending_nl > 2 ? 2 : w->pending_nl); k++) sb_putc(t, '\n');
        } else if (w->pending_space && t->p[t->len - 1] != ' ' && t->p[t->len - 1] != '\n') sb_putc(t, ' ');
    }
    w->pending_nl = 0;
    w->pending_space = 0;
    sb_put(t, s, n);
}

static void emit_text(walker *w, const char *s, size_t n) {
    sbuf dec = {0};
    for (size_t i = 0; i < n;) {
        if (s[i] == '&') i += entity(s + i, n - i, &dec);
        else sb_putc(&dec, s[i++]);
    }
    for (size_t i = 0; i < dec.len;) {
        if (w->pre) {
            if (dec.p[i] == '\n') { emit_break(w, 1); i++; continue; }
            size_t j = i;
            while (j < dec.len && dec.p[j] != '\n') j++;
            emit_bytes(w, dec.p + i, j - i);
            i = j;
            continue;
        }
        if (is_space((unsigned char)dec.p[i])) {
            w->pending_space = 1;
            i++;
            continue;
        }
        size_t j = i;
        while (j < dec.len && !is_space((unsigned char)dec.p[j])) j++;
        emit_bytes(w, dec.p + i, j - i);
        i = j;
    }
    free(dec.p);
}

/* Tags whose content is not text. */
static const char *const SKIP[] = {"script", "style", "noscript", "template", "svg", "iframe", "object",
                                   "canvas", "title", "select", "math"};
/* Tags that start a new line (paragraph-like ones get a blank line). */
static const char *const BLOCK[] = {"address", "article", "aside", "blockquote", "dd", "details", "div", "dl",
                                    "dt", "fieldset", "figcaption", "figure", "footer", "form", "header", "hr",
                                    "main", "nav", "ol", "p", "pre", "section", "summary", "table", "tr", "ul",
                                    "body", "html", "br", "li", "caption", "h1", "h2", "h3", "h4", "h5", "h6"};

static int in_list(const char *name, const char *const *list, size_t n) {
    for (size_t i = 0; i < n; i++) if (strcmp(name, list[i]) == 0) return 1;
    return 0;
}

typedef struct {
    char name[16];
    int closing;
    char *href, *attr_name, *property, *content;
} tag;

/* Parses the tag at s[0] == '<'; returns the bytes up to and including '>'. */
static size_t parse_tag(const char *s, size_t n, tag *t) {
    memset(t, 0, sizeof *t);
    size_t i = 1;
    if (i < n && s[i] == '/') { t->closing = 1; i++; }
    size_t k = 0;
    while (i < n && !is_space((unsigned char)s[i]) && s[i] != '>' && s[i] != '/') {
        if (k < sizeof t->name - 1) t->name[k++] = (char)lower((unsigned char)s[i]);
        i++;
    }
    t->name[k] = 0;
    for (;;) {
        while (i < n && (is_space((unsigned char)s[i]) || s[i] == '/')) i++;
        if (i >= n) return n;
        if (s[i] == '>') return i + 1;
        size_t as = i;
        while (i < n && !is_space((unsigned char)s[i]) && s[i] != '=' && s[i] != '>' && s[i] != '/') i++;
        size_t an = i - as;
        while (i < n && is_space((unsigned char)s[i])) i++;
        const char *val = NULL;
        size_t vn = 0;
        if (i < n && s[i] == '=') {
            i++;
            while (i < n && is_space((unsigned char)s[i])) i++;
            if (i < n && (s[i] == '"' || s[i] == '\'')) {
                char q = s[i++];
                val = s + i;
                while (i < n && s[i] != q) i++;
                vn = (size_t)(s + i - val);
                if (i < n) i++;
            } else {
                val = s + i;
                while (i < n && !is_space((unsigned char)s[i]) && s[i] != '>') i++;
                vn = (size_t)(s + i - val);
            }
        }
        if (!an && i < n && s[i] != '>') i++; /* stray character: step over it */
        if (!val) continue;
        char **slot = NULL;
        if (an == 4 && starts_ci(s + as, an, "href")) slot = &t->href;
        else if (an == 4 && starts_ci(s + as, an, "name")) slot = &t->attr_name;
        else if (an == 8 && starts_ci(s + as, an, "property")) slot = &t->property;
        else if (an == 7 && starts_ci(s + as, an, "content")) slot = &t->content;
        if (slot && !*slot) *slot = clean_text(val, vn);
    }
}

static void free_tag(tag *t) { free(t->href); free(t->attr_name); free(t->property); free(t->content); }

/* Position just past the "</name ... >" that closes a raw-text element, or n. */
static size_t skip_to_close(const char *s, size_t n, size_t i, const char *name, size_t *content_end) {
    size_t nl = strlen(name);
    for (; i + 1 < n; i++) {
        if (s[i] == '<' && s[i + 1] == '/' && starts_ci(s + i + 2, n - i - 2, name) &&
            (i + 2 + nl >= n || s[i + 2 + nl] == '>' || is_space((unsigned char)s[i + 2 + nl]))) {
            *content_end = i;
            const char *gt = memchr(s + i, '>', n - i);
            return gt ? (size_t)(gt - s) + 1 : n;
        }
    }
    *content_end = n;
    return n;
}

static void close_link(walker *w) {
    if (w->link_open < 0) return;
    html_link *l = &w->d->links[w->link_open];
    sbuf *t = &w->d->text;
    if (w->link_start > t->len) w->link_start = t->len;
    l->text = clean_text(t->p + w->link_start, t->len - w->link_start);
    w->link_open = -1;
}

static void on_tag(walker *w, tag *t) {
    html_doc *d = w->d;
    const char *nm = t->name;
    if (strcmp(nm, "a") == 0) {
        close_link(w);
        if (!t->closing && t->href) {
            d->links_seen++;
            if (d->nlinks < HTML_MAX_LINKS) {
                if (d->nlinks == 0) d->links = malloc(HTML_MAX_LINKS * sizeof(html_link));
                if (!d->links) { fputs("out of memory\n", stderr); exit(1); }
                d->links[d->nlinks].href = t->href;
                d->links[d->nlinks].text = NULL;
                t->href = NULL;
                w->link_open = (long)d->nlinks++;
                w->link_start = d->text.len;
            }
        }
        return;
    }
    if (strcmp(nm, "base") == 0 && t->href && !d->base) { d->base = t->href; t->href = NULL; return; }
    if (strcmp(nm, "meta") == 0 && t->content && !d->description) {
        const char *key = t->attr_name ? t->attr_name : t->property;
        if (key && (strcasecmp(key, "description") == 0 || strcasecmp(key, "og:description") == 0)) {
            d->description = t->content;
            t->content = NULL;
        }
        return;
    }
    if (strcmp(nm, "pre") == 0) w->pre = t->closing ? 0 : 1;
    if (!in_list(nm, BLOCK, sizeof BLOCK / sizeof BLOCK[0])) {
        if (strcmp(nm, "td") == 0 || strcmp(nm, "th") == 0) w->pending_space = 1;
        if (strcmp(nm, "img") == 0) w->pending_space = 1;
        return;
    }
    if (strcmp(nm, "br") == 0) { emit_break(w, 1); return; }
    int para = strcmp(nm, "li") && strcmp(nm, "tr") && strcmp(nm, "dt") && strcmp(nm, "dd");
    emit_break(w, para ? 2 : 1);
    if (t->closing) return;
    if (strcmp(nm, "li") == 0) emit_bytes(w, "- ", 2);
    else if (nm[0] == 'h' && nm[1] >= '1' && nm[1] <= '6' && !nm[2]) {
        char hashes[8] = "#######";
        hashes[nm[1] - '0'] = ' ';
        emit_bytes(w, hashes, (size_t)(nm[1] - '0') + 1);
    }
}

void html_extract(const char *s, size_t n, html_doc *d) {
    memset(d, 0, sizeof *d);
    walker w = {d, 0, 0, 0, -1, 0};
    size_t i = 0;
    while (i < n) {
        if (s[i] != '<') {
            size_t j = i;
            while (j < n && s[j] != '<') j++;
            emit_text(&w, s + i, j - i);
            i = j;
            continue;
        }
        if (starts_ci(s + i, n - i, "<!--")) {
            const char *end = NULL;
            for (size_t k = i + 4; k + 2 < n; k++)
                if (s[k] == '-' && s[k + 1] == '-' && s[k + 2] == '>') { end = s + k + 3; break; }
            i = end ? (size_t)(end - s) : n;
            continue;
        }
        int c1 = i + 1 < n ? (unsigned char)s[i + 1] : 0;
        if (c1 == '!' || c1 == '?') {
            const char *gt = memchr(s + i, '>', n - i);
            i = gt ? (size_t)(gt - s) + 1 : n;
            continue;
        }
        if (!((c1 >= 'a' && c1 <= 'z') || (c1 >= 'A' && c1 <= 'Z') || c1 == '/')) {
            emit_text(&w, "<", 1); /* a lone '<' in text */
            i++;
            continue;
        }
        tag t;
        i += parse_tag(s + i, n - i, &t);
        if (!t.closing && in_list(t.name, SKIP, sizeof SKIP / sizeof SKIP[0])) {
            size_t content_end;
            size_t start = i;
            i = skip_to_close(s, n, i, t.name, &content_end);
            if (strcmp(t.name, "title") == 0 && !d->title) d->title = clean_text(s + start, content_end - start);
            free_tag(&t);
            continue;
        }
        on_tag(&w, &t);
        free_tag(&t);
    }
    close_link(&w);
    sbuf *t = &d->text;
    while (t->len && (t->p[t->len - 1] == ' ' || t->p[t->len - 1] == '\n')) t->p[--t->len] = 0;
    if (!t->p) sb_put(t, "", 0);
}

int html_looks_like(const char *ct, const char *body, size_t len) {
    if (ct) {
        if (strstr(ct, "html") || strstr(ct, "HTML")) return 1;
        if (strstr(ct, "json") || strstr(ct, "text/plain") || strstr(ct, "csv")) return 0;
    }
    size_t i = 0;
    while (i < len && is_space((unsigned char)body[i])) i++;
    if (len - i >= 3 && memcmp(body + i, "\xEF\xBB\xBF", 3) == 0) i += 3;
    return starts_ci(body + i, len - i, "<!doctype html") || starts_ci(body + i, len - i, "<html") ||
           starts_ci(body + i, len - i, "<head") || starts_ci(body + i, len - i, "<body") ||
           starts_ci(body + i, len - i, "<!--");
}
