#include "query.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define MAX_NESTING 16          /* [..] and select(..) inside each other */
#define MAX_RESULTS 1000000     /* values flowing between two stages */

enum { STEP_FIELD, STEP_INDEX, STEP_SLICE, STEP_ITER, STEP_RECURSE };
enum { ST_PATH, ST_FUNC, ST_COLLECT, ST_SELECT };
enum { OP_NONE, OP_EQ, OP_NE, OP_LT, OP_LE, OP_GT, OP_GE };
enum { F_LENGTH, F_KEYS, F_TYPE, F_FIRST, F_LAST, F_MIN, F_MAX, F_ADD, F_SORT, F_UNIQUE, F_REVERSE, F_NOT };
static const char *const FUNCS[] = {"length", "keys", "type", "first", "last", "min", "max",
                                    "add", "sort", "unique", "reverse", "not"};
#define NFUNCS (sizeof FUNCS / sizeof FUNCS[0])

typedef struct {
    int kind, optional, has_a, has_b;
    char *key;
    size_t klen;
    long a, b; /* index, or slice bounds */
} step;

typedef struct stage {
    int kind, func, op;
    step *steps;
    size_t nsteps;
    query *sub;   /* ST_COLLECT: the inner pipeline; ST_SELECT: the condition's left side */
    jval *lit;    /* ST_SELECT with an operator */
} stage;

struct query {
    stage *stages;
    size_t n;
};

typedef struct {
    const char *s;
    size_t len, pos;
    char *err;
    size_t errcap;
    int failed;
} qparser;

static void qfail(qparser *p, const char *msg) {
    if (p->failed) return;
    p->failed = 1;
    snprintf(p->err, p->errcap, "query syntax error at character %zu: %s", p->pos + 1, msg);
}

static void qws(qparser *p) {
    while (p->pos < p->len && (p->s[p->pos] == ' ' || p->s[p->pos] == '\t' || p->s[p->pos] == '\n' || p->s[p->pos] == '\r'))
        p->pos++;
}

static int peek(qparser *p) { return p->pos < p->len ? (unsigned char)p->s[p->pos] : -1; }

static int ident_start(int c) { return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c == '_' || c == '$' || c >= 0x80; }
static int ident_char(int c) { return ident_start(c) || (c >= '0' && c <= '9') || c == '-'; }

static void *grow(void *p, size_t n, size_t size) {
    void *q = realloc(p, n * size);
    if (!q) { fputs("out of memory\n", stderr); exit(1); }
    return q;
}

static int parse_long(qparser *p, long *out) {
    int neg = 0;
    if (peek(p) == '-') { neg = 1; p->pos++; }
    if (peek(p) < '0' || peek(p) > '9') return 0;
    long v = 0;
    while (peek(p) >= '0' && peek(p) <= '9') {
        if (v < 100000000L) v = v * 10 + (p->s[p->pos] - '0');
        p->pos++;
    }
    *out = neg ? -v : v;
    return 1;
}

/* A JSON string literal in the query, decoded with the JSON parser. */
static int parse_qstring(qparser *p, char **out, size_t *outlen) {
    size_t start = p->pos++;
    while (p->pos < p->len && p->s[p->pos] != '"') p->pos += p->s[p->pos] == '\\' ? 2 : 1;
    if (p->pos >= p->len) { p->pos = p->len; qfail(p, "unterminated string"); return 0; }
    p->pos++;
    char e[100];
    jval *v = json_parse(p->s + start, p->pos - start, e, sizeof e);
    if (!v) { qfail(p, "bad string literal"); return 0; }
    *out = v->s;
    *outlen = v->len;
    return 1;
}

static void add_step(stage *st, step s) {
    st->steps = grow(st->steps, st->nsteps + 1, sizeof(step));
    st->steps[st->nsteps++] = s;
}

static int parse_bracket(qparser *p, stage *st) {
    step s = {0};
    p->pos++; /* '[' */
    qws(p);
    if (peek(p) == ']') s.kind = STEP_ITER;
    else if (peek(p) == '"') {
        s.kind = STEP_FIELD;
        if (!parse_qstring(p, &s.key, &s.klen)) return 0;
    } else {
        s.kind = STEP_INDEX;
        if (peek(p) != ':') {
            if (!parse_long(p, &s.a)) { qfail(p, "expected an index, a slice a:b, a \"key\" or ] inside [ ]"); return 0; }
            s.has_a = 1;
        }
        qws(p);
        if (peek(p) == ':') {
            s.kind = STEP_SLICE;
            p->pos++;
            qws(p);
            if (peek(p) != ']') {
                if (!parse_long(p, &s.b)) { qfail(p, "expected the end of the slice"); return 0; }
                s.has_b = 1;
            }
        }
    }
    qws(p);
    if (peek(p) != ']') { qfail(p, "expected ]"); return 0; }
    p->pos++;
    if (peek(p) == '?') { s.optional = 1; p->pos++; }
    add_step(st, s);
    return 1;
}

static int parse_path(qparser *p, stage *st) {
    st->kind = ST_PATH;
    for (;;) {
        int c = peek(p);
        if (c == '[') {
            if (!parse_bracket(p, st)) return 0;
            continue;
        }
        if (c != '.') return 1;
        p->pos++;
        c = peek(p);
        step s = {0};
        if (c == '.') {
            p->pos++;
            s.kind = STEP_RECURSE;
            add_step(st, s);
        } else if (c == '"') {
            s.kind = STEP_FIELD;
            if (!parse_qstring(p, &s.key, &s.klen)) return 0;
            if (peek(p) == '?') { s.optional = 1; p->pos++; }
            add_step(st, s);
        } else if (ident_start(c)) {
            size_t start = p->pos;
            while (ident_char(peek(p))) p->pos++;
            s.kind = STEP_FIELD;
            s.klen = p->pos - start;
            s.key = grow(NULL, s.klen + 1, 1);
            memcpy(s.key, p->s + start, s.klen);
            s.key[s.klen] = 0;
            if (peek(p) == '?') { s.optional = 1; p->pos++; }
            add_step(st, s);
        } else if (c == '[') {
            if (!parse_bracket(p, st)) return 0;
        }
        /* else: '.' alone is the identity */
    }
}

static query *parse_pipeline(qparser *p, int nesting);

static int is_op_start(int c) { return c == '=' || c == '!' || c == '<' || c == '>'; }

static int parse_op(qparser *p) {
    static const struct { const char *s; int op; } ops[] = {
        {"==", OP_EQ}, {"!=", OP_NE}, {"<=", OP_LE}, {">=", OP_GE}, {"<", OP_LT}, {">", OP_GT}};
    for (size_t i = 0; i < 6; i++) {
        size_t n = strlen(ops[i].s);
        if (p->len - p->pos >= n && memcmp(p->s + p->pos, ops[i].s, n) == 0) { p->pos += n; return ops[i].op; }
    }
    qfail(p, "expected a comparison: == != < <= > >=");
    return OP_NONE;
}

/* The literal after a comparison: any JSON value, up to the closing ')'. */
static jval *parse_literal(qparser *p) {
    qws(p);
    size_t start = p->pos;
    int depth = 0;
    while (p->pos < p->len) {
        char c = p->s[p->pos];
        if (c == '"') {
            p->pos++;
            while (p->pos < p->len && p->s[p->pos] != '"') p->pos += p->s[p->pos] == '\\' ? 2 : 1;
            if (p->pos >= p->len) { p->pos = p->len; break; }
        } else if (c == '[' || c == '{') depth++;
        else if (c == ']' || c == '}') depth--;
        else if (c == ')' && depth == 0) break;
        p->pos++;
    }
    char e[160];
    jval *v = json_parse(p->s + start, p->pos - start, e, sizeof e);
    if (!v) {
        size_t save = p->pos;
        p->pos = start;
        qfail(p, "select(...) compares with a JSON literal: a number, \"string\", true, false or null");
        p->pos = save;
    }
    return v;
}

static int parse_stage(qparser *p, stage *st, int nesting) {
    qws(p);
    int c = peek(p);
    if (c == '.' || c == '[') {
        if (c == '[') {
            /* [pipeline] collects every result into one array. */
            if (nesting >= MAX_NESTING) { qfail(p, "too deeply nested"); return 0; }
            p->pos++;
            st->kind = ST_COLLECT;
            st->sub = parse_pipeline(p, nesting + 1);
            if (!st->sub) return 0;
            qws(p);
            if (peek(p) != ']') { qfail(p, "expected ] to close [ ... ]"); return 0; }
            p->pos++;
            qws(p);
            if (peek(p) == '.' || peek(p) == '[') { qfail(p, "put a | after [ ... ] before indexing its result"); return 0; }
            return 1;
        }
        return parse_path(p, st);
    }
    if (!ident_start(c)) { qfail(p, c < 0 ? "expected a path or a function after |" : "expected a path such as .items[0].name"); return 0; }
    size_t start = p->pos;
    while (ident_char(peek(p))) p->pos++;
    size_t n = p->pos - start;
    if (n == 6 && memcmp(p->s + start, "select", 6) == 0) {
        qws(p);
        if (peek(p) != '(') { qfail(p, "expected ( after select"); return 0; }
        if (nesting >= MAX_NESTING) { qfail(p, "too deeply nested"); return 0; }
        p->pos++;
        st->kind = ST_SELECT;
        st->sub = parse_pipeline(p, nesting + 1);
        if (!st->sub) return 0;
        qws(p);
        if (is_op_start(peek(p))) {
            st->op = parse_op(p);
            if (p->failed) return 0;
            st->lit = parse_literal(p);
            if (!st->lit) return 0;
        }
        qws(p);
        if (peek(p) != ')') { qfail(p, "expected ) to close select("); return 0; }
        p->pos++;
        return 1;
    }
    for (size_t i = 0; i < NFUNCS; i++) {
        if (strlen(FUNCS[i]) == n && memcmp(FUNCS[i], p->s + start, n) == 0) {
            st->kind = ST_FUNC;
            st->func = (int)i;
            return 1;
        }
    }
    p->pos = start;
    char msg[200];
    snprintf(msg, sizeof msg, "unknown function '%.*s' (paths start with a dot: .%.*s); functions: length keys type "
             "first last min max add sort unique reverse not select(...)", (int)(n > 40 ? 40 : n), p->s + start,
             (int)(n > 40 ? 40 : n), p->s + start);
    qfail(p, msg);
    return 0;
}

static query *parse_pipeline(qparser *p, int nesting) {
    query *q = calloc(1, sizeof *q);
    if (!q) { fputs("out of memory\n", stderr); exit(1); }
    for (;;) {
        q->stages = grow(q->stages, q->n + 1, sizeof(stage));
        memset(&q->stages[q->n], 0, sizeof(stage));
        if (!parse_stage(p, &q->stages[q->n++], nesting)) return NULL;
        qws(p);
        if (peek(p) != '|') return q;
        p->pos++;
    }
}

query *query_compile(const char *s, size_t len, char *err, size_t errcap) {
    qparser p = {s, len, 0, err, errcap, 0};
    err[0] = 0;
    query *q = parse_pipeline(&p, 0);
    if (!q) return NULL;
    qws(&p);
    if (p.pos < p.len) {
        qfail(&p, peek(&p) == ',' ? "',' is not supported; run one query per path" : "unexpected character");
        return NULL;
    }
    return q;
}

/* ---------- evaluation ---------- */

typedef struct {
    jval **v;
    size_t n, cap;
} vec;

typedef struct {
    char *err;
    size_t errcap;
    int failed;
} ctx;

static int efail(ctx *c, const char *msg, const jval *v) {
    if (!c->failed) {
        c->failed = 1;
        if (v) snprintf(c->err, c->errcap, "%s (got %s)", msg, json_type_name(v->type));
        else snprintf(c->err, c->errcap, "%s", msg);
    }
    return 0;
}

static int push(ctx *c, vec *o, jval *v) {
    if (o->n >= MAX_RESULTS) return efail(c, "too many results (over 1000000)", NULL);
    if (o->n == o->cap) {
        o->cap = o->cap ? o->cap * 2 : 16;
        o->v = grow(o->v, o->cap, sizeof(jval *));
    }
    o->v[o->n++] = v;
    return 1;
}

static jval *null_value(void) {
    static jval nul = {J_NULL, 0, 0, 0, 0, 0, 0};
    return &nul;
}

static int recurse_all(ctx *c, jval *v, vec *o) {
    if (!push(c, o, v)) return 0;
    if (v->type == J_ARRAY)
        for (size_t i = 0; i < v->n; i++) if (!recurse_all(c, v->items[i], o)) return 0;
    if (v->type == J_OBJECT)
        for (size_t i = 0; i < v->n; i++) if (!recurse_all(c, v->members[i].val, o)) return 0;
    return 1;
}

static int apply_step(ctx *c, const step *s, jval *v, vec *o) {
    switch (s->kind) {
    case STEP_FIELD:
        if (v->type == J_NULL) return push(c, o, null_value());
        if (v->type != J_OBJECT) {
            if (s->optional) return 1;
            char msg[160];
            snprintf(msg, sizeof msg, "cannot get key \"%.60s\": the value is not an object%s", s->key,
                     v->type == J_ARRAY ? "; use .[] to go through the array, or .[0] for one item" : "; add ? to skip such values");
            return efail(c, msg, v);
        }
        for (size_t i = 0; i < v->n; i++)
            if (v->members[i].klen == s->klen && memcmp(v->members[i].key, s->key, s->klen) == 0)
                return push(c, o, v->members[i].val);
        return push(c, o, null_value());
    case STEP_INDEX: {
        if (v->type == J_NULL) return push(c, o, null_value());
        if (v->type != J_ARRAY) return s->optional ? 1 : efail(c, "cannot index with a number: the value is not an array", v);
        long i = s->a < 0 ? (long)v->n + s->a : s->a;
        return push(c, o, i >= 0 && (size_t)i < v->n ? v->items[i] : null_value());
    }
    case STEP_SLICE: {
        if (v->type == J_NULL) return push(c, o, null_value());
        long n = v->type == J_STRING ? (long)v->len : (long)v->n;
        if (v->type != J_ARRAY && v->type != J_STRING)
            return s->optional ? 1 : efail(c, "cannot slice: the value is not an array or string", v);
        long a = s->has_a ? s->a : 0, b = s->has_b ? s->b : n;
        if (a < 0) a += n;
        if (b < 0) b += n;
        if (a < 0) a = 0;
        if (b > n) b = n;
        if (b < a) b = a;
        if (v->type == J_STRING) return push(c, o, json_new_str(v->s + a, (size_t)(b - a)));
        jval *r = json_new_array((size_t)(b - a));
        for (long i = a; i < b; i++) r->items[i - a] = v->items[i];
        return push(c, o, r);
    }
    case STEP_ITER:
        if (v->type == J_ARRAY) {
            for (size_t i = 0; i < v->n; i++) if (!push(c, o, v->items[i])) return 0;
            return 1;
        }
        if (v->type == J_OBJECT) {
            for (size_t i = 0; i < v->n; i++) if (!push(c, o, v->members[i].val)) return 0;
            return 1;
        }
        return s->optional ? 1 : efail(c, "cannot iterate with []: the value is not an array or object", v);
    case STEP_RECURSE:
        return recurse_all(c, v, o);
    }
    return 0;
}

static int type_rank(const jval *v) {
    switch (v->type) {
    case J_NULL: return 0;
    case J_FALSE: return 1;
    case J_TRUE: return 2;
    case J_NUMBER: return 3;
    case J_STRING: return 4;
    case J_ARRAY: return 5;
    case J_OBJECT: return 6;
    }
    return 7;
}

/* jq's order: null < false < true < numbers < strings < arrays < objects. */
static int compare(const jval *a, const jval *b) {
    int ra = type_rank(a), rb = type_rank(b);
    if (ra != rb) return ra < rb ? -1 : 1;
    switch (a->type) {
    case J_NUMBER: return a->num < b->num ? -1 : a->num > b->num ? 1 : 0;
    case J_STRING: {
        size_t n = a->len < b->len ? a->len : b->len;
        int r = memcmp(a->s, b->s, n);
        return r ? (r < 0 ? -1 : 1) : a->len < b->len ? -1 : a->len > b->len ? 1 : 0;
    }
    case J_ARRAY:
        for (size_t i = 0; i < a->n && i < b->n; i++) {
            int r = compare(a->items[i], b->items[i]);
            if (r) return r;
        }
        return a->n < b->n ? -1 : a->n > b->n ? 1 : 0;
    case J_OBJECT:
        if (a->n != b->n) return a->n < b->n ? -1 : 1;
        for (size_t i = 0; i < a->n; i++) {
            const jmember *ma = &a->members[i], *mb = &b->members[i];
            if (ma->klen != mb->klen || memcmp(ma->key, mb->key, ma->klen)) return memcmp(ma->key, mb->key, ma->klen < mb->klen ? ma->klen : mb->klen) < 0 ? -1 : 1;
            int r = compare(ma->val, mb->val);
            if (r) return r;
        }
        return 0;
    default: return 0;
    }
}

static int cmp_ptr(const void *x, const void *y) { return compare(*(jval *const *)x, *(jval *const *)y); }

static int cmp_member_key(const void *x, const void *y) {
    const jmember *a = *(const jmember *const *)x, *b = *(const jmember *const *)y;
    size_t n = a->klen < b->klen ? a->klen : b->klen;
    int r = memcmp(a->key, b->key, n);
    return r ? r : (a->klen > b->klen) - (a->klen < b->klen);
}

static jval *sorted_copy(jval *v) {
    jval *r = json_new_array(v->n);
    memcpy(r->items, v->items, v->n * sizeof(jval *));
    qsort(r->items, r->n, sizeof(jval *), cmp_ptr);
    return r;
}

static int apply_func(ctx *c, int f, jval *v, vec *o) {
    switch (f) {
    case F_LENGTH:
        switch (v->type) {
        case J_NULL: return push(c, o, json_new_num(0));
        case J_NUMBER: return push(c, o, json_new_num(fabs(v->num)));
        case J_STRING: return push(c, o, json_new_num((double)utf8_count(v->s, v->len)));
        case J_ARRAY: case J_OBJECT: return push(c, o, json_new_num((double)v->n));
        default: return efail(c, "length: booleans have no length", v);
        }
    case F_KEYS:
        if (v->type == J_OBJECT) {
            jmember **m = grow(NULL, v->n ? v->n : 1, sizeof(jmember *));
            for (size_t i = 0; i < v->n; i++) m[i] = &v->members[i];
            qsort(m, v->n, sizeof(jmember *), cmp_member_key);
            jval *r = json_new_array(v->n);
            for (size_t i = 0; i < v->n; i++) r->items[i] = json_new_str(m[i]->key, m[i]->klen);
            free(m);
            return push(c, o, r);
        }
        if (v->type == J_ARRAY) {
            jval *r = json_new_array(v->n);
            for (size_t i = 0; i < v->n; i++) r->items[i] = json_new_num((double)i);
            return push(c, o, r);
        }
        return efail(c, "keys: the value is not an object or array", v);
    case F_TYPE: {
        const char *t = json_type_name(v->type);
        return push(c, o, json_new_str(t, strlen(t)));
    }
    case F_NOT:
        return push(c, o, json_new(v->type == J_NULL || v->type == J_FALSE ? J_TRUE : J_FALSE));
    default: break;
    }
    /* The rest take an array. */
    if (v->type != J_ARRAY) {
        char msg[80];
        snprintf(msg, sizeof msg, "%s: the value is not an array (use [ ... ] to collect results)", FUNCS[f]);
        return efail(c, msg, v);
    }
    switch (f) {
    case F_FIRST: return push(c, o, v->n ? v->items[0] : null_value());
    case F_LAST: return push(c, o, v->n ? v->items[v->n - 1] : null_value());
    case F_MIN: case F_MAX: {
        if (!v->n) return push(c, o, null_value());
        jval *best = v->items[0];
        for (size_t i = 1; i < v->n; i++) {
            int r = compare(v->items[i], best);
            if (f == F_MIN ? r < 0 : r > 0) best = v->items[i];
        }
        return push(c, o, best);
    }
    case F_SORT: return push(c, o, sorted_copy(v));
    case F_UNIQUE: {
        jval *r = sorted_copy(v);
        size_t k = 0;
        for (size_t i = 0; i < r->n; i++)
            if (k == 0 || compare(r->items[k - 1], r->items[i]) != 0) r->items[k++] = r->items[i];
        r->n = k;
        return push(c, o, r);
    }
    case F_REVERSE: {
        jval *r = json_new_array(v->n);
        for (size_t i = 0; i < v->n; i++) r->items[i] = v->items[v->n - 1 - i];
        return push(c, o, r);
    }
    case F_ADD: {
        if (!v->n) return push(c, o, null_value());
        int all_num = 1, all_str = 1, all_arr = 1;
        for (size_t i = 0; i < v->n; i++) {
            jtype t = v->items[i]->type;
            if (t == J_NULL) continue;
            all_num &= t == J_NUMBER;
            all_str &= t == J_STRING;
            all_arr &= t == J_ARRAY;
        }
        if (all_num) {
            double s = 0;
            for (size_t i = 0; i < v->n; i++) if (v->items[i]->type == J_NUMBER) s += v->items[i]->num;
            return push(c, o, json_new_num(s));
        }
        if (all_str) {
            sbuf b = {0};
            for (size_t i = 0; i < v->n; i++) if (v->items[i]->type == J_STRING) sb_put(&b, v->items[i]->s, v->items[i]->len);
            return push(c, o, json_new_str(b.p ? b.p : "", b.len));
        }
        if (all_arr) {
            size_t total = 0;
            for (size_t i = 0; i < v->n; i++) if (v->items[i]->type == J_ARRAY) total += v->items[i]->n;
            jval *r = json_new_array(total);
            size_t k = 0;
            for (size_t i = 0; i < v->n; i++)
                if (v->items[i]->type == J_ARRAY)
                    for (size_t j = 0; j < v->items[i]->n; j++) r->items[k++] = v->items[i]->items[j];
            return push(c, o, r);
        }
        return efail(c, "add: the array mixes types (numbers, strings and arrays can each be added)", NULL);
    }
    }
    return 0;
}

static int run_pipeline(ctx *c, const query *q, jval **in, size_t nin, vec *out, int nesting);

static int truthy(const jval *v) { return v->type != J_NULL && v->type != J_FALSE; }

static int holds(int op, int r) {
    switch (op) {
    case OP_EQ: return r == 0;
    case OP_NE: return r != 0;
    case OP_LT: return r < 0;
    case OP_LE: return r <= 0;
    case OP_GT: return r > 0;
    case OP_GE: return r >= 0;
    }
    return 0;
}

static int apply_stage(ctx *c, const stage *st, jval *v, vec *o, int nesting) {
    switch (st->kind) {
    case ST_PATH: {
        vec cur = {0};
        if (!push(c, &cur, v)) return 0;
        for (size_t i = 0; i < st->nsteps; i++) {
            vec next = {0};
            for (size_t j = 0; j < cur.n; j++)
                if (!apply_step(c, &st->steps[i], cur.v[j], &next)) { free(cur.v); free(next.v); return 0; }
            free(cur.v);
            cur = next;
        }
        for (size_t j = 0; j < cur.n; j++) if (!push(c, o, cur.v[j])) { free(cur.v); return 0; }
        free(cur.v);
        return 1;
    }
    case ST_FUNC: return apply_func(c, st->func, v, o);
    case ST_COLLECT: {
        vec sub = {0};
        if (!run_pipeline(c, st->sub, &v, 1, &sub, nesting + 1)) { free(sub.v); return 0; }
        jval *r = json_new_array(0);
        free(r->items);
        r->items = sub.v;
        r->n = sub.n;
        return push(c, o, r);
    }
    case ST_SELECT: {
        vec sub = {0};
        if (!run_pipeline(c, st->sub, &v, 1, &sub, nesting + 1)) { free(sub.v); return 0; }
        int keep = 0;
        for (size_t i = 0; i < sub.n && !keep; i++)
            keep = st->op == OP_NONE ? truthy(sub.v[i]) : holds(st->op, compare(sub.v[i], st->lit));
        free(sub.v);
        return keep ? push(c, o, v) : 1;
    }
    }
    return 0;
}

static int run_pipeline(ctx *c, const query *q, jval **in, size_t nin, vec *out, int nesting) {
    vec cur = {0};
    for (size_t j = 0; j < nin; j++) if (!push(c, &cur, in[j])) return 0;
    for (size_t i = 0; i < q->n; i++) {
        vec next = {0};
        for (size_t j = 0; j < cur.n; j++)
            if (!apply_stage(c, &q->stages[i], cur.v[j], &next, nesting)) { free(cur.v); free(next.v); return 0; }
        free(cur.v);
        cur = next;
    }
    for (size_t j = 0; j < cur.n; j++) if (!push(c, out, cur.v[j])) { free(cur.v); return 0; }
    free(cur.v);
    return 1;
}

long query_run(const query *q, jval *input, jval ***out, char *err, size_t errcap) {
    ctx c = {err, errcap, 0};
    vec o = {0};
    err[0] = 0;
    if (!run_pipeline(&c, q, &input, 1, &o, 0)) return -1;
    *out = o.v;
    return (long)o.n;
}
