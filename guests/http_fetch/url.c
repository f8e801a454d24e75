/* Resolving links found in a page against the page's URL. */
#include <stdlib.h>
#include <string.h>

#include "html.h"

static size_t scheme_len(const char *s) {
    size_t i = 0;
    if (!((s[0] >= 'a' && s[0] <= 'z') || (s[0] >= 'A' && s[0] <= 'Z'))) return 0;
    while (s[i] && ((s[i] >= 'a' && s[i] <= 'z') || (s[i] >= 'A' && s[i] <= 'Z') || (s[i] >= '0' && s[i] <= '9') ||
                    s[i] == '+' || s[i] == '-' || s[i] == '.'))
        i++;
    return s[i] == ':' ? i + 1 : 0;
}

/* Removes "." and ".." segments from the path part of an absolute URL (in place). */
static void remove_dots(sbuf *b, size_t path_start) {
    size_t end = path_start;
    while (end < b->len && b->p[end] != '?' && b->p[end] != '#') end++;
    sbuf out = {0};
    sb_put(&out, b->p, path_start);
    size_t i = path_start;
    while (i < end) {
        size_t j = i + 1;
        while (j < end && b->p[j] != '/') j++;
        /* segment is b->p[i+1 .. j), b->p[i] == '/' */
        size_t sl = j - i - 1;
        const char *seg = b->p + i + 1;
        if (sl == 1 && seg[0] == '.') {
            if (j >= end) sb_putc(&out, '/');
        } else if (sl == 2 && seg[0] == '.' && seg[1] == '.') {
            while (out.len > path_start && out.p[out.len - 1] != '/') out.len--;
            if (out.len > path_start) out.len--;
            if (j >= end) sb_putc(&out, '/');
        } else sb_put(&out, b->p + i, j - i);
        i = j;
    }
    if (out.len == path_start) sb_putc(&out, '/');
    sb_put(&out, b->p + end, b->len - end);
    free(b->p);
    *b = out;
}

char *url_resolve(const char *base, const char *ref) {
    while (*ref == ' ' || *ref == '\t' || *ref == '\n' || *ref == '\r') ref++;
    sbuf b = {0};
    if (scheme_len(ref)) { sb_puts(&b, ref); return b.p; }
    size_t sl = scheme_len(base);
    /* Authority: base after "scheme://" up to the next '/', '?' or '#'. */
    size_t auth_end = sl;
    if (base[sl] == '/' && base[sl + 1] == '/') {
        auth_end = sl + 2;
        while (base[auth_end] && base[auth_end] != '/' && base[auth_end] != '?' && base[auth_end] != '#') auth_end++;
    }
    size_t path_end = auth_end;
    while (base[path_end] && base[path_end] != '?' && base[path_end] != '#') path_end++;
    size_t query_end = path_end;
    while (base[query_end] && base[query_end] != '#') query_end++;

    if (ref[0] == '/' && ref[1] == '/') { sb_put(&b, base, sl); sb_puts(&b, ref); return b.p; }
    if (ref[0] == '#') { sb_put(&b, base, query_end); sb_puts(&b, ref); return b.p; }
    sb_put(&b, base, auth_end);
    if (ref[0] == '?') {
        sb_put(&b, base + auth_end, path_end - auth_end);
        if (path_end == auth_end) sb_putc(&b, '/');
        sb_puts(&b, ref);
        return b.p;
    }
    if (ref[0] == '/') sb_puts(&b, ref);
    else {
        /* Merge: the base path up to its last '/', then ref. */
        size_t dir_end = path_end;
        while (dir_end > auth_end && base[dir_end - 1] != '/') dir_end--;
        if (dir_end == auth_end) sb_putc(&b, '/');
        else sb_put(&b, base + auth_end, dir_end - auth_end);
        sb_puts(&b, ref);
    }
    remove_dots(&b, auth_end);
    return b.p;
}
