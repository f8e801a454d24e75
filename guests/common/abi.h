/* The Nacre tool ABI (docs/TOOL-ABI.md) for C guests: argv dispatch, stdin, results,
 * errors, and the `nacre` host imports. */
#ifndef NACRE_ABI_H
#define NACRE_ABI_H

#include <stddef.h>
#include <stdint.h>

#include "json.h"

/* Larger arguments are refused with a clear error instead of exhausting memory. */
#define ABI_MAX_INPUT (32u << 20)

/* Raw host imports (module "nacre"). A module imports only the ones it calls. */
__attribute__((import_module("nacre"), import_name("http")))
int32_t nacre_http(const void *req, int32_t req_len);
__attribute__((import_module("nacre"), import_name("response")))
int32_t nacre_response(void *buf, int32_t buf_len);
__attribute__((import_module("nacre"), import_name("log")))
void nacre_log(int32_t level, const void *msg, int32_t msg_len);

enum { LOG_DEBUG = 0, LOG_INFO = 1, LOG_WARN = 2, LOG_ERROR = 3 };

/* Sends the request JSON to nacre.http and returns the parsed response JSON, either
 * {"status", "headers", "body"} or {"error": "..."}; NULL (with err set) only if the
 * host's answer is not JSON. */
jval *abi_http(const char *req, size_t req_len, char *err, size_t errcap);
void abi_log(int level, const char *msg);

/* A tool: reads its parsed arguments, writes exactly one result. */
typedef void (*abi_tool_fn)(const jval *args);
typedef struct {
    const char *name;
    abi_tool_fn fn;
} abi_tool;

/* The whole main(): "describe" prints describe_json; "call TOOL" reads stdin as JSON and
 * runs the tool. Misuse of the ABI (unknown tool, arguments not a JSON object) exits 1
 * with a message on stderr. */
int abi_main(int argc, char **argv, const char *describe_json, const abi_tool *tools, size_t ntools);

/* Results. Each writes {"content":[{"type":"text","text":...}],"isError":...} to stdout.
 * Errors the model can fix (bad JSON in an argument, a bad query, a denied URL) are
 * results with isError true, so the model reads why and tries again. */
void abi_result(const char *text, size_t len);
void abi_error(const char *fmt, ...) __attribute__((format(printf, 1, 2)));
/* Ends the process: message on stderr, exit code 1 (the ABI's tool failure). */
_Noreturn void abi_fail(const char *fmt, ...) __attribute__((format(printf, 1, 2)));

/* Argument helpers: optional integer within [lo, hi], else dflt. */
long abi_arg_int(const jval *args, const char *key, long dflt, long lo, long hi);

#endif
