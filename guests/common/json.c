#include "json.h"

#include <math.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

static void out_of_memory(void) {
    static const char msg[] = "out of memory (the input is too large for this tool's memory limit)\n";
    write(2, msg, sizeof msg - 1);
    _Exit(1);
}

static void *xrealloc(void *p, size_t n) {
    void *q = realloc(p, n ? n : 1);
    if (!q) out_of_memory();
    return q;
}

/* ---------- parser ---------- */

typedef struct {
    const char *src;
    size_t len, pos;
    char *err;
    size_t errcap;
    int failed;
} parser;

static void fail(parser *p, const char *what) {
    if (p->failed) return;
    p->failed = 1;
    size_t line = 1, col = 1;
    for (size_t i = 0; i < p->pos && i < p->len; i++) {
        if (p->src[i] == '\n') { line++; col = 1; }
        else if (((unsigned char)p->src[i] & 0xC0) != 0x80) col++;
    }
    if (p->errcap) snprintf(p->err, p->errcap, "line %zu, column %zu: %s", line, col, what);
}

static void skip_ws(parser *p) {
    while (p->pos < p->len) {
        char c = p->src[p->pos];
        if (c == ' ' || c == '\t' || c == '\n' || c == '\r') p->pos++;
        else break;
    }
}

jval *json_new(jtype t) {
    jval *v = calloc(1, sizeof *v);
    if (!v) out_of_memory();
    v->type = t;
    return v;
}

jval *json_new_num(double d) {
    jval *v = json_new(J_NUMBER);
    v->num = d;
    sbuf b = {0};
    sb_json_num(&b, d);
    v->s = b.p;
    v->len = b.len;
    return v;
}

jval *json_new_str(const char *s, size_t len) {
    jval *v = json_new(J_STRING);
    v->s = xrealloc(NULL, len + 1);
    memcpy(v->s, s, len);
    v->s[len] = 0;
    v->len = len;
    return v;
}

jval *json_new_array(size_t n) {
    jval *v = json_new(J_ARRAY);
    v->n = n;
    v->items = calloc(n ? n : 1, sizeof(jval *));
    if (!v->items) out_of_memory();
    return v;
}

static int hexval(char c) {
    if (c >= '0' && c <= '9') return c - '0';
    if (c >= 'a' && c <= 'f') return c - 'a' + 10;
    if (c >= 'A' && c <= 'F') return c - 'A' + 10;
    return -1;
}

static int read_hex4(parser *p, unsigned *out) {
    if (p->len - p->pos < 4) { fail(p, "truncated \\u escape"); return 0; }
    unsigned v = 0;
    for (int i = 0; i < 4; i++) {
        int h = hexval(p->src[p->pos + i]);
        if (h < 0) { fail(p, "bad hex digit in \\u escape"); return 0; }
        v = v * 16 + (unsigned)h;
    }
    p->pos += 4;
    *out = v;
    return 1;
}

static void put_utf8(sbuf *b, unsigned cp) {
    char t[4];
    if (cp < 0x80) { t[0] = (char)cp; sb_put(b, t, 1); }
    else if (cp < 0x800) { t[0] = (char)(0xC0 | cp >> 6); t[1] = (char)(0x80 | (cp & 0x3F)); sb_put(b, t, 2); }
    else if (cp < 0x10000) {
        t[0] = (char)(0xE0 | cp >> 12); t[1] = (char)(0x80 | ((cp >> 6) & 0x3F));
        t[2] = (char)(0x80 | (cp & 0x3F)); sb_put(b, t, 3);
    } else {
        t[0] = (char)(0xF0 | cp >> 18); t[1] = (char)(0x80 | ((cp >> 12) & 0x3F));
        t[2] = (char)(0x80 | ((cp >> 6) & 0x3F)); t[3] = (char)(0x80 | (cp & 0x3F)); sb_put(b, t, 4);
    }
}

/* Parses a string starting at the opening quote; returns its decoded bytes. */
static int parse_string(parser *p, char **out, size_t *outlen) {
    sbuf b = {0};
    p->pos++; /* opening quote */
    for (;;) {
        if (p->pos >= p->len) { fail(p, "unterminated string"); free(b.p); return 0; }
        unsigned char c = (unsigned char)p->src[p->pos];
        if (c == '"') { p->pos++; break; }
        if (c < 0x20) { fail(p, "control character in string (escape it as \\n, \\t or \\u00XX)"); free(b.p); return 0; }
        if (c != '\\') {
            size_t start = p->pos;
            while (p->pos < p->len) {
                unsigned char d = (unsigned char)p->src[p->pos];
                if (d == '"' || d == '\\' || d < 0x20) break;
                p->pos++;
            }
            sb_put(&b, p->src + start, p->pos - start);
            continue;
        }
        p->pos++;
        if (p->pos >= p->len) { fail(p, "unterminated escape"); free(b.p); return 0; }
        char e = p->src[p->pos++];
        switch (e) {
        case '"': sb_putc(&b, '"'); break;
        case '\\': sb_putc(&b, '\\'); break;
        case '/': sb_putc(&b, '/'); break;
        case 'b': sb_putc(&b, '\b'); break;
        case 'f': sb_putc(&b, '\f'); break;
        case 'n': sb_putc(&b, '\n'); break;
        case 'r': sb_putc(&b, '\r'); break;
        case 't': sb_putc(&b, '\t'); break;
        case 'u': {
            unsigned cp;
            if (!read_hex4(p, &cp)) { free(b.p); return 0; }
            if (cp >= 0xD800 && cp <= 0xDBFF) {
                unsigned lo;
                if (p->len - p->pos >= 6 && p->src[p->pos] == '\\' && p->src[p->pos + 1] == 'u') {
                    size_t save = p->pos;
                    p->pos += 2;
                    if (!read_hex4(p, &lo)) { free(b.p); return 0; }
                    if (lo >= 0xDC00 && lo <= 0xDFFF) cp = 0x10000 + ((cp - 0xD800) << 10) + (lo - 0xDC00);
                    else { cp = 0xFFFD; p->pos = save; }
                } else cp = 0xFFFD; /* lone surrogate */
            } else if (cp >= 0xDC00 && cp <= 0xDFFF) cp = 0xFFFD;
            put_utf8(&b, cp);
            break;
        }
        default: p->pos--; fail(p, "invalid escape in string"); free(b.p); return 0;
        }
    }
    if (!b.p) { b.p = xrealloc(NULL, 1); b.p[0] = 0; }
    *out = b.p;
    *outlen = b.len;
    return 1;
}

static int is_digit(char c) { return c >= '0' && c <= '9'; }

static jval *parse_number(parser *p) {
    size_t start = p->pos;
    const char *s = p->src;
    if (p->pos < p->len && s[p->pos] == '-') p->pos++;
    if (p->pos >= p->len || !is_digit(s[p->pos])) { fail(p, "invalid number"); return NULL; }
    if (s[p->pos] == '0') p->pos++;
    else while (p->pos < p->len && is_digit(s[p->pos])) p->pos++;
    if (p->pos < p->len && s[p->pos] == '.') {
        p->pos++;
        if (p->pos >= p->len || !is_digit(s[p->pos])) { fail(p, "invalid number: digit expected after '.'"); return NULL; }
        while (p->pos < p->len && is_digit(s[p->pos])) p->pos++;
    }
    if (p->pos < p->len && (s[p->pos] == 'e' || s[p->pos] == 'E')) {
        p->pos++;
        if (p->pos < p->len && (s[p->pos] == '+' || s[p->pos] == '-')) p->pos++;
        if (p->pos >= p->len || !is_digit(s[p->pos])) { fail(p, "invalid number: digit expected in exponent"); return NULL; }
        while (p->pos < p->len && is_digit(s[p->pos])) p->pos++;
    }
    jval *v = json_new(J_NUMBER);
    v->len = p->pos - start;
    v->s = xrealloc(NULL, v->len + 1);
    memcpy(v->s, s + start, v->len);
    v->s[v->len] = 0;
    v->num = strtod(v->s, NULL);
    return v;
}

static int match_word(parser *p, const char *w) {
    size_t n = strlen(w);
    if (p->len - p->pos >= n && memcmp(p->src + p->pos, w, n) == 0) { p->pos += n; return 1; }
    return 0;
}

static jval *parse_value(parser *p, int depth);

static jval *parse_array(parser *p, int depth) {
    jval *v = json_new(J_ARRAY);
    size_t cap = 0;
    p->pos++;
    skip_ws(p);
    if (p->pos < p->len && p->src[p->pos] == ']') { p->pos++; return v; }
    for (;;) {
        jval *item = parse_value(p, depth + 1);
        if (!item) return NULL;
        if (v->n == cap) {
            cap = cap ? cap * 2 : 4;
            v->items = xrealloc(v->items, cap * sizeof(jval *));
        }
        v->items[v->n++] = item;
        skip_ws(p);
        if (p->pos >= p->len) { fail(p, "unterminated array: expected ',' or ']'"); return NULL; }
        char c = p->src[p->pos++];
        if (c == ']') return v;
        if (c != ',') { p->pos--; fail(p, "expected ',' or ']' in array"); return NULL; }
    }
}

static jval *parse_object(parser *p, int depth) {
    jval *v = json_new(J_OBJECT);
    size_t cap = 0;
    p->pos++;
    skip_ws(p);
    if (p->pos < p->len && p->src[p->pos] == '}') { p->pos++; return v; }
    for (;;) {
        skip_ws(p);
        if (p->pos >= p->len || p->src[p->pos] != '"') {
            fail(p, p->pos < p->len && p->src[p->pos] == '}' ? "trailing comma in object" : "expected a \"quoted\" key in object");
            return NULL;
        }
        char *key;
        size_t klen;
        if (!parse_string(p, &key, &klen)) return NULL;
        skip_ws(p);
        if (p->pos >= p->len || p->src[p->pos] != ':') { fail(p, "expected ':' after object key"); return NULL; }
        p->pos++;
        jval *val = parse_value(p, depth + 1);
        if (!val) return NULL;
        if (v->n == cap) {
            cap = cap ? cap * 2 : 4;
            v->members = xrealloc(v->members, cap * sizeof(jmember));
        }
        v->members[v->n].key = key;
        v->members[v->n].klen = klen;
        v->members[v->n].val = val;
        v->n++;
        skip_ws(p);
        if (p->pos >= p->len) { fail(p, "unterminated object: expected ',' or '}'"); return NULL; }
        char c = p->src[p->pos++];
        if (c == '}') return v;
        if (c != ',') { p->pos--; fail(p, "expected ',' or '}' in object"); return NULL; }
    }
}

static jval *parse_value(parser *p, int depth) {
    if (depth > JSON_MAX_DEPTH) { fail(p, "nesting deeper than 128 levels"); return NULL; }
    skip_ws(p);
    if (p->pos >= p->len) { fail(p, "unexpected end of input: a value was expected"); return NULL; }
    char c = p->src[p->pos];
    switch (c) {
    case '{': return parse_object(p, depth);
    case '[': return parse_array(p, depth);
    case '"': {
        jval *v = json_new(J_STRING);
        if (!parse_string(p, &v->s, &v->len)) return NULL;
        return v;
    }
    case 't': if (match_word(p, "true")) return json_new(J_TRUE); break;
    case 'f': if (match_word(p, "false")) return json_new(J_FALSE); break;
    case 'n': if (match_word(p, "null")) return json_new(J_NULL); break;
    default:
        if (c == '-' || is_digit(c)) return parse_number(p);
    }
    if (c == '\'') fail(p, "strings must use double quotes");
    else fail(p, "unexpected character: a value was expected");
    return NULL;
}

jval *json_parse(const char *src, size_t len, char *err, size_t errcap) {
    parser p = {src, len, 0, err, errcap, 0};
    if (errcap) err[0] = 0;
    if (len >= 3 && memcmp(src, "\xEF\xBB\xBF", 3) == 0) p.pos = 3; /* byte order mark */
    jval *v = parse_value(&p, 0);
    if (!v) return NULL;
    skip_ws(&p);
    if (p.pos != p.len) { fail(&p, "unexpected text after the JSON value"); return NULL; }
    return v;
}

/* ---------- accessors ---------- */

jval *json_get(const jval *obj, const char *key) {
    if (!obj || obj->type != J_OBJECT) return NULL;
    size_t kl = strlen(key);
    for (size_t i = 0; i < obj->n; i++)
        if (obj->members[i].klen == kl && memcmp(obj->members[i].key, key, kl) == 0) return obj->members[i].val;
    return NULL;
}

const char *json_get_str(const jval *obj, const char *key, size_t *len) {
    jval *v = json_get(obj, key);
    if (!v || v->type != J_STRING) return NULL;
    if (len) *len = v->len;
    return v->s;
}

int json_get_num(const jval *obj, const char *key, double *out) {
    jval *v = json_get(obj, key);
    if (!v || v->type != J_NUMBER) return 0;
    *out = v->num;
    return 1;
}

int json_get_bool(const jval *obj, const char *key, int dflt) {
    jval *v = json_get(obj, key);
    if (!v) return dflt;
    if (v->type == J_TRUE) return 1;
    if (v->type == J_FALSE) return 0;
    return dflt;
}

const char *json_type_name(jtype t) {
    switch (t) {
    case J_NULL: return "null";
    case J_FALSE: case J_TRUE: return "boolean";
    case J_NUMBER: return "number";
    case J_STRING: return "string";
    case J_ARRAY: return "array";
    case J_OBJECT: return "object";
    }
    return "?";
}

/* ---------- buffer and printer ---------- */

void sb_put(sbuf *b, const char *s, size_t n) {
    if (b->len + n + 1 > b->cap) {
        size_t cap = b->cap ? b->cap : 256;
        while (cap < b->len + n + 1) {
            if (cap > ((size_t)-1) / 2) out_of_memory();
            cap *= 2;
        }
        b->p = xrealloc(b->p, cap);
        b->cap = cap;
    }
    memcpy(b->p + b->len, s, n);
    b->len += n;
    b->p[b->len] = 0;
}

void sb_puts(sbuf *b, const char *s) { sb_put(b, s, strlen(s)); }
void sb_putc(sbuf *b, char c) { sb_put(b, &c, 1); }

void sb_printf(sbuf *b, const char *fmt, ...) {
    char small[256];
    va_list ap;
    va_start(ap, fmt);
    int n = vsnprintf(small, sizeof small, fmt, ap);
    va_end(ap);
    if (n < 0) return;
    if ((size_t)n < sizeof small) { sb_put(b, small, (size_t)n); return; }
    char *big = xrealloc(NULL, (size_t)n + 1);
    va_start(ap, fmt);
    vsnprintf(big, (size_t)n + 1, fmt, ap);
    va_end(ap);
    sb_put(b, big, (size_t)n);
    free(big);
}

/* Length of a valid UTF-8 sequence at s (1..4), or 0 if the bytes there are invalid. */
static size_t utf8_seq(const unsigned char *s, size_t n) {
    unsigned char c = s[0];
    if (c < 0x80) return 1;
    size_t need;
    unsigned cp;
    if (c >= 0xC2 && c <= 0xDF) { need = 2; cp = c & 0x1F; }
    else if (c >= 0xE0 && c <= 0xEF) { need = 3; cp = c & 0x0F; }
    else if (c >= 0xF0 && c <= 0xF4) { need = 4; cp = c & 0x07; }
    else return 0;
    if (n < need) return 0;
    for (size_t i = 1; i < need; i++) {
        if ((s[i] & 0xC0) != 0x80) return 0;
        cp = cp << 6 | (s[i] & 0x3F);
    }
    if ((need == 3 && (cp < 0x800 || (cp >= 0xD800 && cp <= 0xDFFF))) || (need == 4 && (cp < 0x10000 || cp > 0x10FFFF)))
        return 0;
    return need;
}

size_t utf8_count(const char *s, size_t n) {
    size_t count = 0;
    for (size_t i = 0; i < n; count++) {
        size_t k = utf8_seq((const unsigned char *)s + i, n - i);
        i += k ? k : 1;
    }
    return count;
}

size_t utf8_clip(const char *s, size_t n, size_t max) {
    if (n <= max) return n;
    size_t i = max;
    while (i > 0 && ((unsigned char)s[i] & 0xC0) == 0x80) i--;
    return i;
}

void sb_json_str(sbuf *b, const char *s, size_t n) {
    static const char hex[] = "0123456789abcdef";
    const unsigned char *u = (const unsigned char *)s;
    sb_putc(b, '"');
    size_t run = 0; /* start of the pending run of bytes that need no escaping */
    for (size_t i = 0; i < n;) {
        unsigned char c = u[i];
        const char *esc = NULL;
        char ubuf[6];
        size_t k = 1;
        if (c == '"') esc = "\\\"";
        else if (c == '\\') esc = "\\\\";
        else if (c == '\n') esc = "\\n";
        else if (c == '\r') esc = "\\r";
        else if (c == '\t') esc = "\\t";
        else if (c < 0x20 || c == 0x7F) {
            ubuf[0] = '\\'; ubuf[1] = 'u'; ubuf[2] = '0'; ubuf[3] = '0';
            ubuf[4] = hex[c >> 4]; ubuf[5] = hex[c & 15];
            sb_put(b, s + run, i - run);
            sb_put(b, ubuf, 6);
            run = ++i;
            continue;
        } else if (c >= 0x80) {
            k = utf8_seq(u + i, n - i);
            if (!k) esc = "\xEF\xBF\xBD", k = 1;
        }
        if (esc) {
            sb_put(b, s + run, i - run);
            sb_puts(b, esc);
            i += k;
            run = i;
        } else i += k;
    }
    sb_put(b, s + run, n - run);
    sb_putc(b, '"');
}

void sb_json_num(sbuf *b, double d) {
    if (isnan(d) || isinf(d)) { sb_puts(b, "null"); return; }
    if (d == floor(d) && fabs(d) < 1e15) { sb_printf(b, "%.0f", d); return; }
    char t[40];
    /* Shortest form that reads back as the same double. */
    for (int prec = 6; prec <= 17; prec++) {
        snprintf(t, sizeof t, "%.*g", prec, d);
        if (strtod(t, NULL) == d) break;
    }
    sb_puts(b, t);
}

static void newline(sbuf *b, int indent, int level) {
    if (indent < 0) return;
    sb_putc(b, '\n');
    for (int i = 0; i < indent * level; i++) sb_putc(b, ' ');
}

static void print_value(sbuf *b, const jval *v, int indent, int level) {
    switch (v->type) {
    case J_NULL: sb_puts(b, "null"); break;
    case J_FALSE: sb_puts(b, "false"); break;
    case J_TRUE: sb_puts(b, "true"); break;
    case J_NUMBER:
        if (v->s) sb_put(b, v->s, v->len);
        else sb_json_num(b, v->num);
        break;
    case J_STRING: sb_json_str(b, v->s, v->len); break;
    case J_ARRAY:
        sb_putc(b, '[');
        for (size_t i = 0; i < v->n; i++) {
            if (i) sb_putc(b, ',');
            newline(b, indent, level + 1);
            print_value(b, v->items[i], indent, level + 1);
        }
        if (v->n) newline(b, indent, level);
        sb_putc(b, ']');
        break;
    case J_OBJECT:
        sb_putc(b, '{');
        for (size_t i = 0; i < v->n; i++) {
            if (i) sb_putc(b, ',');
            newline(b, indent, level + 1);
            sb_json_str(b, v->members[i].key, v->members[i].klen);
            sb_puts(b, indent < 0 ? ":" : ": ");
            print_value(b, v->members[i].val, indent, level + 1);
        }
        if (v->n) newline(b, indent, level);
        sb_putc(b, '}');
        break;
    }
}

/* Recursion here is bounded: trees come from json_parse (depth <= JSON_MAX_DEPTH) or
 * from tools, which build shallow values. */
void sb_json(sbuf *b, const jval *v, int indent) { print_value(b, v, indent, 0); }
