/* Counting distinct strings with a cap, for distinct values and top words. */
#ifndef NACRE_COUNTER_H
#define NACRE_COUNTER_H

#include <stddef.h>

typedef struct {
    char *s;
    size_t len;
    size_t count;
} centry;

typedef struct {
    centry *slots;      /* open addressing; s == NULL means empty */
    size_t nslots, n, limit;
    int capped;         /* a new string was seen after n reached limit */
} counter;

void counter_init(counter *c, size_t limit);
/* Counts one occurrence (copies s the first time it is seen). */
void counter_add(counter *c, const char *s, size_t len);
/* The k entries with the highest counts, ties by first byte order; returns how many. */
size_t counter_top(const counter *c, centry **out, size_t k);

#endif
