/* Turning an HTML page into what a model wants to read: its text, links and title.
 * A forgiving single pass, not a full HTML5 parser: it never fails, whatever the bytes. */
#ifndef NACRE_HTML_H
#define NACRE_HTML_H

#include <stddef.h>

#include "../common/json.h"

#define HTML_MAX_LINKS 2000

typedef struct {
    char *href;   /* as written, entities decoded */
    char *text;   /* the link's visible text, whitespace collapsed */
} html_link;

typedef struct {
    sbuf text;          /* readable text: blocks on their own lines, "# " headings, "- " list items */
    char *title;        /* <title>, or NULL */
    char *description;  /* <meta name="description"> or og:description, or NULL */
    char *base;         /* <base href>, or NULL */
    html_link *links;
    size_t nlinks, links_seen;
} html_doc;

void html_extract(const char *s, size_t len, html_doc *d);

/* Whether a body looks like HTML (by content type, else by its first tag). */
int html_looks_like(const char *content_type, const char *body, size_t len);

/* Resolves ref against base (RFC 3986, enough for links in pages); malloc'd. */
char *url_resolve(const char *base, const char *ref);

#endif
