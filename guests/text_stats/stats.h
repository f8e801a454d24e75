#ifndef NACRE_STATS_H
#define NACRE_STATS_H

#include <stddef.h>

#include "../common/json.h"

#define MAX_COLUMNS 100        /* columns reported in detail */
#define MAX_DISTINCT 1000      /* distinct values tracked per column */
#define MAX_WORDS 100000       /* distinct words tracked */

/* Appends CSV statistics as JSON to out; returns 0 with a message in err on bad input. */
int csv_stats(const char *text, size_t len, char delim, int header, size_t top, sbuf *out, char *err, size_t errcap);
/* Appends plain-text statistics as JSON to out. */
void word_stats(const char *text, size_t len, size_t top, int include_stopwords, sbuf *out);

/* A number rounded to 6 significant digits (integers exactly). */
void put_num(sbuf *b, double d);

#endif
