/* The smallest useful C tool, for docs/TOOL-ABI.md: one tool, one argument, a log line.
 * Build: bash guests/build.sh (or by hand:
 *   clang --target=wasm32-wasi --sysroot=/usr -O2 examples/greet.c common/abi.c common/json.c -o greet.wasm) */
#include "../common/abi.h"

static const char DESCRIBE[] =
    "{\"tools\":[{\"name\":\"greet\","
    "\"description\":\"Greet someone by name.\","
    "\"inputSchema\":{\"type\":\"object\","
    "\"properties\":{\"name\":{\"type\":\"string\",\"description\":\"Who to greet.\"}},"
    "\"required\":[\"name\"]}}]}";

static void greet(const jval *args) {
    size_t len;
    const char *name = json_get_str(args, "name", &len);
    if (!name) {
        abi_error("missing argument 'name' (a string)"); /* a result with isError: true */
        return;
    }
    sbuf text = {0};
    sb_printf(&text, "Hello, %.*s!", (int)len, name);
    abi_log(LOG_INFO, "greeted someone");                /* nacre.log */
    abi_result(text.p, text.len);                        /* {"content":[...],"isError":false} */
}

int main(int argc, char **argv) {
    static const abi_tool tools[] = {{"greet", greet}};
    return abi_main(argc, argv, DESCRIBE, tools, 1);
}
