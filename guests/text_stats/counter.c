#include "counter.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static void *xalloc(size_t n) {
    void *p = calloc(1, n ? n : 1);
    if (!p) { fputs("out of memory\n", stderr); exit(1); }
    return p;
}

static unsigned hash(const char *s, size_t n) {
    unsigned h = 2166136261u;
    for (size_t i = 0; i < n; i++) h = (h ^ (unsigned char)s[i]) * 16777619u;
    return h;
}

void counter_init(counter *c, size_t limit) {
    memset(c, 0, sizeof *c);
    c->limit = limit;
}

static centry *find(centry *slots, size_t nslots, const char *s, size_t len) {
    size_t i = hash(s, len) & (nslots - 1);
    for (;;) {
        centry *e = &slots[i];
        if (!e->s || (e->len == len && memcmp(e->s, s, len) == 0)) return e;
        i = (i + 1) & (nslots - 1);
    }
}

void counter_add(counter *c, const char *s, size_t len) {
    if (c->nslots == 0) {
        c->nslots = 64;
        c->slots = xalloc(c->nslots * sizeof(centry));
    }
    centry *e = find(c->slots, c->nslots, s, len);
    if (e->s) { e->count++; return; }
    if (c->n >= c->limit) { c->capped = 1; return; }
    if ((c->n + 1) * 2 > c->nslots) {
        size_t nn = c->nslots * 2;
        centry *ns = xalloc(nn * sizeof(centry));
        for (size_t i = 0; i < c->nslots; i++)
            if (c->slots[i].s) *find(ns, nn, c->slots[i].s, c->slots[i].len) = c->slots[i];
        free(c->slots);
        c->slots = ns;
        c->nslots = nn;
        e = find(ns, nn, s, len);
    }
    e->s = xalloc(len + 1);
    memcpy(e->s, s, len);
    e->len = len;
    e->count = 1;
    c->n++;
}

static int by_count(const void *x, const void *y) {
    const centry *a = *(const centry *const *)x, *b = *(const centry *const *)y;
    if (a->count != b->count) return a->count > b->count ? -1 : 1;
    size_t n = a->len < b->len ? a->len : b->len;
    int r = memcmp(a->s, b->s, n);
    return r ? r : (a->len > b->len) - (a->len < b->len);
}

size_t counter_top(const counter *c, centry **out, size_t k) {
    if (!c->n) return 0;
    centry **all = xalloc(c->n * sizeof(centry *));
    size_t m = 0;
    for (size_t i = 0; i < c->nslots; i++) if (c->slots[i].s) all[m++] = &c->slots[i];
    qsort(all, m, sizeof(centry *), by_count);
    if (k > m) k = m;
    for (size_t i = 0; i < k; i++) out[i] = all[i];
    free(all);
    return k;
}
