/* json_query module: json_query, json_validate, json_format. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "../common/abi.h"
#include "query.h"

static const char DESCRIBE[] =
    "{\"tools\":["
    "{\"name\":\"json_query\","
    "\"description\":\"Extract values from JSON with a jq-style query. Paths: `.a.b`, `.items[0]`, `.items[-1]` (last), "
    "`.items[2:5]` (slice), `.items[].price` (every item), `.[\\\"odd key\\\"]`, `..` (every value at any depth), `?` after a step "
    "skips values of the wrong type. Stages are chained with `|`: functions `length`, `keys`, `type`, `first`, `last`, `min`, "
    "`max`, `add`, `sort`, `unique`, `reverse`, `not`; `select(.price > 10)` keeps inputs where the comparison holds "
    "(== != < <= > >= against a JSON literal); `[ ... ]` collects results into one array, e.g. `[.items[].price] | add`. "
    "Returns one JSON value per line; a missing key gives null.\","
    "\"inputSchema\":{\"type\":\"object\",\"properties\":{"
    "\"json\":{\"description\":\"The document: JSON text as a string (it is parsed), or any JSON value.\"},"
    "\"query\":{\"type\":\"string\",\"description\":\"The query, e.g. `.items[].name`, `.users | length`, "
    "`.items[] | select(.in_stock == true) | .name`. `.` returns the whole document.\"},"
    "\"raw\":{\"type\":\"boolean\",\"description\":\"Print string results without quotes (like jq -r). Default false.\"},"
    "\"max_chars\":{\"type\":\"integer\",\"minimum\":100,\"maximum\":1000000,"
    "\"description\":\"Truncate the output after this many characters. Default 20000.\"}"
    "},\"required\":[\"json\",\"query\"]}},"
    "{\"name\":\"json_validate\","
    "\"description\":\"Check whether text is valid JSON (RFC 8259). If it is, says what it holds (type, size, depth); if not, "
    "gives the line and column of the first error with the offending line and a caret.\","
    "\"inputSchema\":{\"type\":\"object\",\"properties\":{"
    "\"text\":{\"type\":\"string\",\"description\":\"The text to check.\"}"
    "},\"required\":[\"text\"]}},"
    "{\"name\":\"json_format\","
    "\"description\":\"Pretty-print or minify JSON text, keeping key order and number spelling exactly.\","
    "\"inputSchema\":{\"type\":\"object\",\"properties\":{"
    "\"text\":{\"type\":\"string\",\"description\":\"The JSON text.\"},"
    "\"indent\":{\"type\":\"integer\",\"minimum\":0,\"maximum\":8,"
    "\"description\":\"Spaces per level; 0 minifies to one line. Default 2.\"},"
    "\"max_chars\":{\"type\":\"integer\",\"minimum\":100,\"maximum\":1000000,"
    "\"description\":\"Truncate the output after this many characters. Default 20000.\"}"
    "},\"required\":[\"text\"]}}"
    "]}";

/* Returns the result as text, cut at max_chars characters with a note saying so. */
static void result_clipped(sbuf *b, long max_chars, const char *what) {
    size_t chars = utf8_count(b->p ? b->p : "", b->len);
    if (chars <= (size_t)max_chars) {
        abi_result(b->p ? b->p : "", b->len);
        return;
    }
    /* Cut at max_chars code points. */
    size_t i = 0, k = 0;
    while (i < b->len && k < (size_t)max_chars) {
        i++;
        while (i < b->len && ((unsigned char)b->p[i] & 0xC0) == 0x80) i++;
        k++;
    }
    sbuf out = {0};
    sb_put(&out, b->p, i);
    sb_printf(&out, "\n[truncated: showing %ld of %zu characters%s; pass a larger max_chars or a narrower query]",
              max_chars, chars, what);
    abi_result(out.p, out.len);
}

static void tool_query(const jval *args) {
    jval *doc = json_get(args, "json");
    size_t qlen;
    const char *qs = json_get_str(args, "query", &qlen);
    if (!doc) { abi_error("missing argument 'json'"); return; }
    if (!qs) { abi_error("missing argument 'query' (a string such as \".items[0].name\")"); return; }
    int raw = json_get_bool(args, "raw", 0);
    long max_chars = abi_arg_int(args, "max_chars", 20000, 100, 1000000);
    char err[300];
    if (doc->type == J_STRING) {
        jval *parsed = json_parse(doc->s, doc->len, err, sizeof err);
        if (!parsed) { abi_error("'json' is a string but not valid JSON text: %s", err); return; }
        doc = parsed;
    }
    query *q = query_compile(qs, qlen, err, sizeof err);
    if (!q) { abi_error("%s", err); return; }
    jval **res;
    long n = query_run(q, doc, &res, err, sizeof err);
    if (n < 0) { abi_error("%s", err); return; }
    if (n == 0) {
        static const char none[] = "(no results)";
        abi_result(none, sizeof none - 1);
        return;
    }
    sbuf b = {0};
    for (long i = 0; i < n; i++) {
        if (i) sb_putc(&b, '\n');
        if (raw && res[i]->type == J_STRING) sb_put(&b, res[i]->s, res[i]->len);
        else sb_json(&b, res[i], -1);
        if (b.len > (size_t)max_chars * 4 + 1024) { /* enough to fill max_chars; stop early */
            sb_printf(&b, "\n... (%ld results in all)", n);
            break;
        }
    }
    char what[64] = "";
    if (n > 1) snprintf(what, sizeof what, " of %ld results", n);
    result_clipped(&b, max_chars, what);
}

static size_t depth_of(const jval *v) {
    size_t d = 0;
    if (v->type == J_ARRAY) for (size_t i = 0; i < v->n; i++) { size_t k = depth_of(v->items[i]); if (k > d) d = k; }
    if (v->type == J_OBJECT) for (size_t i = 0; i < v->n; i++) { size_t k = depth_of(v->members[i].val); if (k > d) d = k; }
    return v->type == J_ARRAY || v->type == J_OBJECT ? d + 1 : 0;
}

static void tool_validate(const jval *args) {
    size_t len;
    const char *text = json_get_str(args, "text", &len);
    if (!text) { abi_error("missing argument 'text' (a string)"); return; }
    char err[300];
    jval *v = json_parse(text, len, err, sizeof err);
    sbuf b = {0};
    if (v) {
        sb_printf(&b, "valid JSON: %s", json_type_name(v->type));
        if (v->type == J_OBJECT) sb_printf(&b, " with %zu keys", v->n);
        if (v->type == J_ARRAY) sb_printf(&b, " with %zu items", v->n);
        sb_printf(&b, ", nesting depth %zu, %zu bytes", depth_of(v), len);
        abi_result(b.p, b.len);
        return;
    }
    sb_printf(&b, "invalid JSON: %s", err);
    size_t line = 0, col = 0;
    if (sscanf(err, "line %zu, column %zu", &line, &col) == 2 && line > 0) {
        size_t i = 0, cur = 1;
        while (i < len && cur < line) if (text[i++] == '\n') cur++;
        size_t end = i;
        while (end < len && text[end] != '\n') end++;
        /* Show at most 60 characters either side of the error. */
        size_t start = i, caret = col - 1, skipped = 0;
        while (caret > 60 && start < end) {
            start++;
            while (start < end && ((unsigned char)text[start] & 0xC0) == 0x80) start++;
            caret--, skipped++;
        }
        size_t stop = start, k = 0;
        while (stop < end && k < 120) {
            stop++;
            while (stop < end && ((unsigned char)text[stop] & 0xC0) == 0x80) stop++;
            k++;
        }
        sb_puts(&b, "\n");
        if (skipped) sb_puts(&b, "...");
        for (size_t j = start; j < stop; j++) sb_putc(&b, text[j] == '\t' || text[j] == '\r' ? ' ' : text[j]);
        sb_puts(&b, "\n");
        for (size_t j = 0; j < caret + (skipped ? 3 : 0); j++) sb_putc(&b, ' ');
        sb_putc(&b, '^');
    }
    abi_result(b.p, b.len);
}

static void tool_format(const jval *args) {
    size_t len;
    const char *text = json_get_str(args, "text", &len);
    if (!text) { abi_error("missing argument 'text' (a string)"); return; }
    long indent = abi_arg_int(args, "indent", 2, 0, 8);
    long max_chars = abi_arg_int(args, "max_chars", 20000, 100, 1000000);
    char err[300];
    jval *v = json_parse(text, len, err, sizeof err);
    if (!v) { abi_error("invalid JSON: %s", err); return; }
    sbuf b = {0};
    sb_json(&b, v, indent == 0 ? -1 : (int)indent);
    result_clipped(&b, max_chars, "");
}

int main(int argc, char **argv) {
    static const abi_tool tools[] = {
        {"json_query", tool_query},
        {"json_validate", tool_validate},
        {"json_format", tool_format},
    };
    return abi_main(argc, argv, DESCRIBE, tools, sizeof tools / sizeof tools[0]);
}
