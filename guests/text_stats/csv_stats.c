#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "counter.h"
#include "stats.h"

typedef struct {
    char *name;
    size_t name_len;
    size_t count, empty, numeric;
    double *nums;
    size_t ncap;
    double sum;
    counter distinct;
} column;

static void *xrealloc(void *p, size_t n) {
    void *q = realloc(p, n ? n : 1);
    if (!q) { fputs("out of memory (the CSV is too large for this tool's memory limit)\n", stderr); exit(1); }
    return q;
}

void put_num(sbuf *b, double d) {
    if (!isfinite(d)) { sb_puts(b, "null"); return; }
    if (d == floor(d) && fabs(d) < 1e15) { sb_printf(b, "%.0f", d); return; }
    sb_printf(b, "%.6g", d);
}

/* Plain decimal numbers only ("12", "-3.5", "1e6", " 7 "); not hex, inf or nan. */
static int parse_number(const char *s, size_t n, double *out) {
    while (n && (*s == ' ' || *s == '\t')) s++, n--;
    while (n && (s[n - 1] == ' ' || s[n - 1] == '\t')) n--;
    if (!n || n > 60) return 0;
    size_t i = 0, digits = 0;
    if (s[i] == '-' || s[i] == '+') i++;
    while (i < n && s[i] >= '0' && s[i] <= '9') i++, digits++;
    if (i < n && s[i] == '.') {
        i++;
        while (i < n && s[i] >= '0' && s[i] <= '9') i++, digits++;
    }
    if (!digits) return 0;
    if (i < n && (s[i] == 'e' || s[i] == 'E')) {
        i++;
        if (i < n && (s[i] == '-' || s[i] == '+')) i++;
        size_t ed = 0;
        while (i < n && s[i] >= '0' && s[i] <= '9') i++, ed++;
        if (!ed) return 0;
    }
    if (i != n) return 0;
    char t[64];
    memcpy(t, s, n);
    t[n] = 0;
    *out = strtod(t, NULL);
    return isfinite(*out);
}

static int cmp_double(const void *x, const void *y) {
    double a = *(const double *)x, b = *(const double *)y;
    return (a > b) - (a < b);
}

static void add_value(column *c, const char *s, size_t n) {
    size_t k = n;
    const char *t = s;
    while (k && (*t == ' ' || *t == '\t')) t++, k--;
    if (!k) { c->empty++; return; }
    c->count++;
    counter_add(&c->distinct, s, n);
    double d;
    if (parse_number(s, n, &d)) {
        if (c->numeric == c->ncap) {
            c->ncap = c->ncap ? c->ncap * 2 : 16;
            c->nums = xrealloc(c->nums, c->ncap * sizeof(double));
        }
        c->nums[c->numeric++] = d;
        c->sum += d;
    }
}

typedef struct {
    column *cols;
    size_t ncols, cap;
} table;

static column *col_at(table *t, size_t i) {
    while (t->ncols <= i) {
        if (t->ncols == t->cap) {
            t->cap = t->cap ? t->cap * 2 : 8;
            t->cols = xrealloc(t->cols, t->cap * sizeof(column));
        }
        column *c = &t->cols[t->ncols++];
        memset(c, 0, sizeof *c);
        counter_init(&c->distinct, MAX_DISTINCT);
    }
    return &t->cols[i];
}

static void write_column(sbuf *o, column *c, size_t index, size_t top) {
    sb_puts(o, "{\"name\":");
    if (c->name) sb_json_str(o, c->name, c->name_len);
    else sb_printf(o, "\"column %zu\"", index + 1);
    const char *type = !c->count ? "empty" : c->numeric == c->count ? "number" : c->numeric ? "mixed" : "text";
    sb_printf(o, ",\"type\":\"%s\",\"count\":%zu,\"empty\":%zu", type, c->count, c->empty);
    sb_printf(o, ",\"distinct\":%zu", c->distinct.n);
    if (c->distinct.capped) sb_puts(o, ",\"distinct_capped\":true");
    if (c->numeric) {
        sb_printf(o, ",\"numeric\":%zu", c->numeric);
        qsort(c->nums, c->numeric, sizeof(double), cmp_double);
        size_t n = c->numeric;
        double mean = c->sum / (double)n;
        double median = n % 2 ? c->nums[n / 2] : (c->nums[n / 2 - 1] + c->nums[n / 2]) / 2;
        double ss = 0;
        for (size_t i = 0; i < n; i++) ss += (c->nums[i] - mean) * (c->nums[i] - mean);
        sb_puts(o, ",\"min\":"); put_num(o, c->nums[0]);
        sb_puts(o, ",\"max\":"); put_num(o, c->nums[n - 1]);
        sb_puts(o, ",\"mean\":"); put_num(o, mean);
        sb_puts(o, ",\"median\":"); put_num(o, median);
        sb_puts(o, ",\"stddev\":"); put_num(o, n > 1 ? sqrt(ss / (double)(n - 1)) : 0);
        sb_puts(o, ",\"sum\":"); put_num(o, c->sum);
    }
    /* Most frequent values, for columns that are not wholly numeric. */
    if (c->numeric < c->count && top) {
        centry *best[50];
        size_t k = counter_top(&c->distinct, best, top < 50 ? top : 50);
        sb_puts(o, ",\"top_values\":[");
        for (size_t i = 0; i < k; i++) {
            if (i) sb_putc(o, ',');
            sb_puts(o, "{\"value\":");
            sb_json_str(o, best[i]->s, utf8_clip(best[i]->s, best[i]->len, 200));
            sb_printf(o, ",\"count\":%zu}", best[i]->count);
        }
        sb_putc(o, ']');
    }
    sb_putc(o, '}');
}

int csv_stats(const char *s, size_t len, char delim, int header, size_t top, sbuf *o, char *err, size_t errcap) {
    table t = {0};
    sbuf field = {0};
    size_t rows = 0, ragged = 0, header_cols = 0, max_fields = 0;
    size_t i = 0, line = 1;
    if (len >= 3 && memcmp(s, "\xEF\xBB\xBF", 3) == 0) i = 3;
    int is_header = header;
    while (i < len) {
        /* One record. */
        size_t nfield = 0;
        int blank = 1;
        for (;;) {
            field.len = 0;
            int quoted = 0;
            if (i < len && s[i] == '"') {
                quoted = 1;
                size_t start_line = line;
                i++;
                for (;;) {
                    if (i >= len) {
                        snprintf(err, errcap, "unterminated quoted field starting on line %zu", start_line);
                        return 0;
                    }
                    if (s[i] == '"') {
                        if (i + 1 < len && s[i + 1] == '"') { sb_putc(&field, '"'); i += 2; continue; }
                        i++;
                        break;
                    }
                    if (s[i] == '\n') line++;
                    sb_putc(&field, s[i++]);
                }
                /* Lenient: text after the closing quote is kept. */
                size_t start = i;
                while (i < len && s[i] != delim && s[i] != '\n' && s[i] != '\r') i++;
                sb_put(&field, s + start, i - start);
            } else {
                size_t start = i;
                while (i < len && s[i] != delim && s[i] != '\n' && s[i] != '\r') i++;
                sb_put(&field, s + start, i - start);
            }
            if (quoted || field.len) blank = 0;
            const char *fv = field.p ? field.p : "";
            if (is_header) {
                column *c = col_at(&t, nfield);
                c->name = xrealloc(NULL, field.len + 1);
                memcpy(c->name, fv, field.len);
                c->name[field.len] = 0;
                c->name_len = field.len;
            } else if (!(nfield == 0 && !quoted && field.len == 0 && (i >= len || s[i] != delim))) {
                add_value(col_at(&t, nfield), fv, field.len);
            }
            nfield++;
            if (i < len && s[i] == delim) { i++; continue; }
            break;
        }
        if (i < len && s[i] == '\r') i++;
        if (i < len && s[i] == '\n') i++, line++;
        if (blank && nfield == 1) continue; /* empty line */
        if (is_header) { header_cols = nfield; is_header = 0; continue; }
        rows++;
        if (nfield > max_fields) max_fields = nfield;
        /* Rows with fewer fields: the missing ones count as empty. */
        size_t expected = header_cols ? header_cols : 0;
        if (expected && nfield != expected) ragged++;
        for (size_t k = nfield; k < t.ncols; k++) t.cols[k].empty++;
    }
    size_t ncols = t.ncols;
    sb_printf(o, "{\"format\":\"csv\",\"rows\":%zu,\"columns\":%zu", rows, ncols);
    if (delim == '\t') sb_puts(o, ",\"delimiter\":\"\\t\"");
    else { sb_puts(o, ",\"delimiter\":"); sb_json_str(o, &delim, 1); }
    sb_printf(o, ",\"header\":%s", header ? "true" : "false");
    if (ragged) sb_printf(o, ",\"rows_with_other_field_count\":%zu", ragged);
    if (ncols > MAX_COLUMNS) sb_printf(o, ",\"columns_shown\":%d", MAX_COLUMNS);
    sb_puts(o, ",\"column_stats\":[");
    for (size_t k = 0; k < ncols && k < MAX_COLUMNS; k++) {
        sb_puts(o, k ? ",\n" : "\n");
        write_column(o, &t.cols[k], k, top);
    }
    sb_puts(o, "\n]}");
    (void)max_fields;
    return 1;
}
