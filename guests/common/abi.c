#include "abi.h"

#include <errno.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

static void write_all(int fd, const char *p, size_t n) {
    while (n > 0) {
        ssize_t w = write(fd, p, n);
        if (w < 0) {
            if (errno == EINTR) continue;
            _Exit(2);
        }
        p += w;
        n -= (size_t)w;
    }
}

_Noreturn void abi_fail(const char *fmt, ...) {
    char msg[1024];
    va_list ap;
    va_start(ap, fmt);
    int n = vsnprintf(msg, sizeof msg - 1, fmt, ap);
    va_end(ap);
    if (n < 0) n = 0;
    if ((size_t)n > sizeof msg - 2) n = sizeof msg - 2;
    msg[n++] = '\n';
    write_all(2, msg, (size_t)n);
    _Exit(1);
}

static char *read_stdin(size_t *len) {
    size_t cap = 64 * 1024, n = 0;
    char *buf = malloc(cap);
    if (!buf) abi_fail("out of memory reading the arguments");
    for (;;) {
        if (n == cap) {
            if (cap >= ABI_MAX_INPUT) abi_fail("arguments larger than %u MiB", ABI_MAX_INPUT >> 20);
            cap *= 2;
            char *nb = realloc(buf, cap);
            if (!nb) abi_fail("out of memory reading the arguments");
            buf = nb;
        }
        ssize_t r = read(0, buf + n, cap - n);
        if (r < 0) {
            if (errno == EINTR) continue;
            abi_fail("cannot read the arguments from stdin: %s", strerror(errno));
        }
        if (r == 0) break;
        n += (size_t)r;
    }
    *len = n;
    return buf;
}

static void write_result(const char *text, size_t len, int is_error) {
    sbuf b = {0};
    sb_puts(&b, "{\"content\":[{\"type\":\"text\",\"text\":");
    sb_json_str(&b, text, len);
    sb_puts(&b, is_error ? "}],\"isError\":true}\n" : "}],\"isError\":false}\n");
    write_all(1, b.p, b.len);
    free(b.p);
}

void abi_result(const char *text, size_t len) { write_result(text, len, 0); }

void abi_error(const char *fmt, ...) {
    sbuf b = {0};
    char small[512];
    va_list ap;
    va_start(ap, fmt);
    int n = vsnprintf(small, sizeof small, fmt, ap);
    va_end(ap);
    if (n < 0) n = 0;
    if ((size_t)n < sizeof small) sb_put(&b, small, (size_t)n);
    else {
        char *big = malloc((size_t)n + 1);
        if (!big) abi_fail("out of memory");
        va_start(ap, fmt);
        vsnprintf(big, (size_t)n + 1, fmt, ap);
        va_end(ap);
        sb_put(&b, big, (size_t)n);
        free(big);
    }
    write_result(b.p ? b.p : "", b.len, 1);
    free(b.p);
}

long abi_arg_int(const jval *args, const char *key, long dflt, long lo, long hi) {
    double d;
    if (!json_get_num(args, key, &d)) return dflt;
    if (d < (double)lo) return lo;
    if (d > (double)hi) return hi;
    return (long)d;
}

void abi_log(int level, const char *msg) { nacre_log(level, msg, (int32_t)strlen(msg)); }

jval *abi_http(const char *req, size_t req_len, char *err, size_t errcap) {
    int32_t n = nacre_http(req, (int32_t)req_len);
    if (n < 0) {
        snprintf(err, errcap, "the host's http function returned %d", (int)n);
        return NULL;
    }
    char *buf = malloc((size_t)n + 1);
    if (!buf) {
        snprintf(err, errcap, "out of memory: the response is %d bytes", (int)n);
        return NULL;
    }
    int32_t got = nacre_response(buf, n);
    if (got < 0 || got > n) got = 0;
    return json_parse(buf, (size_t)got, err, errcap);
}

int abi_main(int argc, char **argv, const char *describe_json, const abi_tool *tools, size_t ntools) {
    if (argc >= 2 && strcmp(argv[1], "describe") == 0) {
        write_all(1, describe_json, strlen(describe_json));
        write_all(1, "\n", 1);
        return 0;
    }
    if (argc < 3 || strcmp(argv[1], "call") != 0)
        abi_fail("usage: %s describe | %s call TOOL < args.json", argc ? argv[0] : "module", argc ? argv[0] : "module");
    const abi_tool *tool = NULL;
    for (size_t i = 0; i < ntools; i++)
        if (strcmp(tools[i].name, argv[2]) == 0) tool = &tools[i];
    if (!tool) abi_fail("unknown tool '%s'", argv[2]);
    size_t len;
    char *in = read_stdin(&len);
    char err[200];
    jval *args = json_parse(in, len, err, sizeof err);
    if (!args) abi_fail("arguments are not valid JSON: %s", err);
    if (args->type != J_OBJECT) abi_fail("arguments must be a JSON object, got %s", json_type_name(args->type));
    tool->fn(args);
    return 0;
}
