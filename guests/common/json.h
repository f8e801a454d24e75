/* A small JSON parser and printer for Nacre tool modules.
 *
 * The parser builds a tree from malloc'd nodes (a tool instance lives for one call, so
 * nothing is freed). It never trusts its input: nesting deeper than JSON_MAX_DEPTH, bad
 * UTF-8 escapes, trailing garbage and the like all give an error with line and column,
 * never a crash. Strings are decoded to UTF-8 and may contain NUL bytes (use len). */
#ifndef NACRE_JSON_H
#define NACRE_JSON_H

#include <stddef.h>

#define JSON_MAX_DEPTH 128

typedef enum { J_NULL, J_FALSE, J_TRUE, J_NUMBER, J_STRING, J_ARRAY, J_OBJECT } jtype;

typedef struct jval jval;
typedef struct {
    char *key;
    size_t klen;
    jval *val;
} jmember;

struct jval {
    jtype type;
    size_t n;          /* J_ARRAY: items; J_OBJECT: members */
    char *s;           /* J_STRING: decoded text; J_NUMBER: the number's source text */
    size_t len;        /* length of s */
    double num;        /* J_NUMBER */
    jval **items;      /* J_ARRAY */
    jmember *members;  /* J_OBJECT, in source order */
};

/* Parses exactly one JSON value (surrounding whitespace allowed). Returns the value, or
 * NULL with a one-line message such as "line 3, column 7: expected ',' or '}'" in err. */
jval *json_parse(const char *src, size_t len, char *err, size_t errcap);

/* Object member by key, or NULL. */
jval *json_get(const jval *obj, const char *key);
/* Convenience accessors for tool arguments: the member if it has the type, else NULL. */
const char *json_get_str(const jval *obj, const char *key, size_t *len);
int json_get_num(const jval *obj, const char *key, double *out);
int json_get_bool(const jval *obj, const char *key, int dflt);

const char *json_type_name(jtype t);

/* New nodes, for results computed by a tool. */
jval *json_new(jtype t);
jval *json_new_num(double d);
jval *json_new_str(const char *s, size_t len);
jval *json_new_array(size_t n);   /* n items, all NULL until filled */

/* A growing byte buffer. All writes are checked; running out of memory ends the
 * process with a message on stderr (the host reports it as a tool error). */
typedef struct {
    char *p;
    size_t len, cap;
} sbuf;

void sb_put(sbuf *b, const char *s, size_t n);
void sb_puts(sbuf *b, const char *s);
void sb_putc(sbuf *b, char c);
void sb_printf(sbuf *b, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
/* Appends s as a quoted JSON string. Invalid UTF-8 becomes U+FFFD, so the output is
 * always valid UTF-8 JSON whatever the input bytes were. */
void sb_json_str(sbuf *b, const char *s, size_t n);
/* Appends a number the way JSON wants it (integers without exponent; NaN/Inf as null). */
void sb_json_num(sbuf *b, double d);
/* Appends v as compact JSON (indent < 0) or indented by `indent` spaces per level. */
void sb_json(sbuf *b, const jval *v, int indent);

/* Length in code points of UTF-8 text (invalid bytes count as one each). */
size_t utf8_count(const char *s, size_t n);
/* Largest prefix length <= max bytes that does not cut a UTF-8 sequence in half. */
size_t utf8_clip(const char *s, size_t n, size_t max);

#endif
