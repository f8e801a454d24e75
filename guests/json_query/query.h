/* A jq subset: paths (.a.b, .["k"], .[0], .[-1], .[2:5], .[], ..), pipes, [collect],
 * select(PATH OP LITERAL), and the functions length, keys, type, first, last, min, max,
 * add, sort, unique, reverse, not. */
#ifndef NACRE_QUERY_H
#define NACRE_QUERY_H

#include "../common/json.h"

typedef struct query query;

/* Compiles q; NULL with a message in err on a syntax error. */
query *query_compile(const char *q, size_t len, char *err, size_t errcap);

/* Runs the query on input. Returns the number of results (*out holds them), or -1 with a
 * message in err (e.g. indexing a number with a key). */
long query_run(const query *q, jval *input, jval ***out, char *err, size_t errcap);

#endif
