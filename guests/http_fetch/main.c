/* http_fetch module: fetch a URL through the host (nacre.http) and extract what a model
 * can use from it. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "../common/abi.h"
#include "html.h"

static const char DESCRIBE[] =
    "{\"tools\":[{\"name\":\"http_fetch\","
    "\"description\":\"Fetch a web page or API URL (HTTP GET) and return it in a form you can read. extract: "
    "\\\"text\\\" (default) gives the page's readable text, with scripts, styles and markup removed, headings as "
    "# lines and list items as - lines; \\\"links\\\" lists the page's links as absolute URLs with their text; "
    "\\\"title\\\" gives the title and description; \\\"raw\\\" gives the body unchanged (use it for JSON APIs). "
    "Only hosts allowed by the operator's policy can be reached; a refused host is reported as an error. "
    "Long output is cut at max_chars.\","
    "\"inputSchema\":{\"type\":\"object\",\"properties\":{"
    "\"url\":{\"type\":\"string\",\"description\":\"Absolute http:// or https:// URL.\"},"
    "\"extract\":{\"type\":\"string\",\"enum\":[\"text\",\"links\",\"title\",\"raw\"],"
    "\"description\":\"What to return. Default \\\"text\\\".\"},"
    "\"max_chars\":{\"type\":\"integer\",\"minimum\":100,\"maximum\":200000,"
    "\"description\":\"Cut the output after this many characters. Default 20000.\"},"
    "\"auth\":{\"type\":\"string\",\"description\":\"Name of a secret configured by the operator (e.g. \\\"github\\\"); "
    "the host adds the credential to the request and you never see it. Omit for public URLs.\"},"
    "\"headers\":{\"type\":\"object\",\"additionalProperties\":{\"type\":\"string\"},"
    "\"description\":\"Extra request headers, e.g. {\\\"Accept\\\": \\\"application/json\\\"}.\"}"
    "},\"required\":[\"url\"]}}]}";

/* Appends at most max_chars characters of s, with a note when cut. */
static void put_clipped(sbuf *o, const char *s, size_t n, size_t max_chars) {
    size_t i = 0, k = 0;
    while (i < n && k < max_chars) {
        i++;
        while (i < n && ((unsigned char)s[i] & 0xC0) == 0x80) i++;
        k++;
    }
    sb_put(o, s, i);
    if (i < n)
        sb_printf(o, "\n[truncated: showing %zu of %zu characters; pass a larger max_chars to see more]", max_chars,
                  k + utf8_count(s + i, n - i));
}

static const char *header_value(const jval *headers, const char *name) {
    if (!headers || headers->type != J_OBJECT) return NULL;
    for (size_t i = 0; i < headers->n; i++) {
        const jmember *m = &headers->members[i];
        if (strlen(name) == m->klen && strncasecmp(m->key, name, m->klen) == 0) {
            const jval *v = m->val;
            if (v->type == J_ARRAY && v->n) v = v->items[0];
            return v->type == J_STRING ? v->s : NULL;
        }
    }
    return NULL;
}

static int starts_with_ci(const char *s, const char *p) { return strncasecmp(s, p, strlen(p)) == 0; }

static void write_links(sbuf *o, const html_doc *d, const char *page_url) {
    const char *base = page_url;
    char *resolved_base = NULL;
    if (d->base) base = resolved_base = url_resolve(page_url, d->base);
    char **seen = malloc((d->nlinks ? d->nlinks : 1) * sizeof(char *));
    size_t nseen = 0;
    for (size_t i = 0; i < d->nlinks; i++) {
        const html_link *l = &d->links[i];
        if (!l->href[0] || l->href[0] == '#' || starts_with_ci(l->href, "javascript:") || starts_with_ci(l->href, "data:"))
            continue;
        char *url = url_resolve(base, l->href);
        int dup = 0;
        for (size_t k = 0; k < nseen && !dup; k++) dup = strcmp(seen[k], url) == 0;
        if (dup) { free(url); continue; }
        seen[nseen++] = url;
        const char *text = l->text && l->text[0] ? l->text : NULL;
        sb_puts(o, "- ");
        if (text) {
            sb_put(o, text, utf8_clip(text, strlen(text), 200));
            sb_puts(o, " -> ");
        }
        sb_puts(o, url);
        sb_putc(o, '\n');
    }
    if (!nseen) sb_puts(o, "(no links)\n");
    if (d->links_seen > d->nlinks) sb_printf(o, "(only the first %d of %zu links were read)\n", HTML_MAX_LINKS, d->links_seen);
    free(resolved_base);
}

/* Links in a body that is not HTML: every http(s) URL in it. */
static void write_bare_links(sbuf *o, const char *s, size_t n) {
    size_t count = 0;
    for (size_t i = 0; i < n && count < HTML_MAX_LINKS; i++) {
        if ((n - i >= 7 && strncmp(s + i, "http://", 7) == 0) || (n - i >= 8 && strncmp(s + i, "https://", 8) == 0)) {
            size_t j = i;
            while (j < n && s[j] > ' ' && s[j] != '"' && s[j] != '\'' && s[j] != '<' && s[j] != '>' && s[j] != ')')
                j++;
            sb_puts(o, "- ");
            sb_put(o, s + i, j - i);
            sb_putc(o, '\n');
            count++;
            i = j;
        }
    }
    if (!count) sb_puts(o, "(no links)\n");
}

static void tool_fetch(const jval *args) {
    size_t url_len;
    const char *url = json_get_str(args, "url", &url_len);
    if (!url) { abi_error("missing argument 'url'"); return; }
    if (!starts_with_ci(url, "http://") && !starts_with_ci(url, "https://")) {
        abi_error("url must be an absolute http:// or https:// URL, got \"%.200s\"", url);
        return;
    }
    const char *extract = json_get_str(args, "extract", NULL);
    if (!extract) extract = "text";
    if (strcmp(extract, "text") && strcmp(extract, "links") && strcmp(extract, "title") && strcmp(extract, "raw")) {
        abi_error("extract must be one of \"text\", \"links\", \"title\", \"raw\"");
        return;
    }
    size_t max_chars = (size_t)abi_arg_int(args, "max_chars", 20000, 100, 200000);
    size_t auth_len;
    const char *auth = json_get_str(args, "auth", &auth_len);
    jval *headers = json_get(args, "headers");

    sbuf req = {0};
    sb_puts(&req, "{\"method\":\"GET\",\"url\":");
    sb_json_str(&req, url, url_len);
    if (headers && headers->type == J_OBJECT) {
        sb_puts(&req, ",\"headers\":");
        sb_json(&req, headers, -1);
    }
    if (auth) {
        sb_puts(&req, ",\"auth\":");
        sb_json_str(&req, auth, auth_len);
    }
    sb_putc(&req, '}');

    char err[300];
    jval *resp = abi_http(req.p, req.len, err, sizeof err);
    if (!resp) { abi_error("the host's HTTP response was not valid JSON (%s); this is a host bug", err); return; }
    size_t elen;
    const char *error = json_get_str(resp, "error", &elen);
    if (error) {
        abi_error("could not fetch %.300s: %s. If the host is not allowed by the policy, ask the user to allow it "
                  "or use another source.", url, error);
        return;
    }
    double status = 0;
    if (!json_get_num(resp, "status", &status)) { abi_error("the host's HTTP response has no status; this is a host bug"); return; }
    size_t blen = 0;
    const char *body = json_get_str(resp, "body", &blen);
    if (!body) body = "", blen = 0;
    jval *rh = json_get(resp, "headers");
    const char *ct = header_value(rh, "content-type");
    int is_html = html_looks_like(ct, body, blen);

    sbuf o = {0};
    if (status >= 300 || status < 200) {
        const char *loc = header_value(rh, "location");
        sb_printf(&o, "HTTP %d from %.300s", (int)status, url);
        if (loc) sb_printf(&o, " (redirect to %.300s, not followed)", loc);
        if (blen) {
            sb_puts(&o, "\n\n");
            if (is_html) {
                html_doc d;
                html_extract(body, blen, &d);
                put_clipped(&o, d.text.p, d.text.len, 1000);
            } else put_clipped(&o, body, blen, 1000);
        }
        abi_error("%s", o.p);
        return;
    }

    if (strcmp(extract, "raw") == 0) {
        put_clipped(&o, body, blen, max_chars);
        abi_result(o.p ? o.p : "", o.len);
        return;
    }
    if (!is_html) {
        if (strcmp(extract, "title") == 0) {
            abi_error("%.300s is not an HTML page (content type %.100s); use extract \"text\" or \"raw\"", url, ct ? ct : "unknown");
            return;
        }
        if (strcmp(extract, "links") == 0) {
            sbuf l = {0};
            write_bare_links(&l, body, blen);
            put_clipped(&o, l.p, l.len, max_chars);
        } else put_clipped(&o, body, blen, max_chars);
        abi_result(o.p ? o.p : "", o.len);
        return;
    }

    html_doc d;
    html_extract(body, blen, &d);
    if (strcmp(extract, "title") == 0) {
        sb_printf(&o, "Title: %s", d.title && d.title[0] ? d.title : "(none)");
        if (d.description && d.description[0]) sb_printf(&o, "\nDescription: %s", d.description);
        abi_result(o.p, o.len);
        return;
    }
    sbuf full = {0};
    if (strcmp(extract, "links") == 0) {
        write_links(&full, &d, url);
    } else {
        if (d.title && d.title[0]) sb_printf(&full, "Title: %s\n\n", d.title);
        sb_put(&full, d.text.p, d.text.len);
        if (!d.text.len) sb_puts(&full, "(the page has no readable text; it may need JavaScript)");
    }
    put_clipped(&o, full.p ? full.p : "", full.len, max_chars);
    abi_result(o.p ? o.p : "", o.len);
}

int main(int argc, char **argv) {
    static const abi_tool tools[] = {{"http_fetch", tool_fetch}};
    return abi_main(argc, argv, DESCRIBE, tools, 1);
}
