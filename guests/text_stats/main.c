/* text_stats module: statistics of CSV tables and plain text. */
#include <string.h>

#include "../common/abi.h"
#include "stats.h"

static const char DESCRIBE[] =
    "{\"tools\":[{\"name\":\"text_stats\","
    "\"description\":\"Compute statistics of a CSV/TSV table or of plain text, so you don't have to count by eye. "
    "format \\\"csv\\\": rows, columns, and per column: count of non-empty values, empty, distinct (tracked up to 1000), "
    "and for numeric values min, max, mean, median, sample stddev and sum; non-numeric columns also get their most "
    "frequent values. Quoted fields (RFC 4180) are handled. format \\\"text\\\": characters, bytes, lines, paragraphs, "
    "words, sentences, average word length, longest word and the most frequent words (common English stop words "
    "left out unless include_stopwords is true).\","
    "\"inputSchema\":{\"type\":\"object\",\"properties\":{"
    "\"text\":{\"type\":\"string\",\"description\":\"The CSV table or the text.\"},"
    "\"format\":{\"type\":\"string\",\"enum\":[\"csv\",\"text\"],\"description\":\"How to read text. Default \\\"text\\\".\"},"
    "\"delimiter\":{\"type\":\"string\",\"description\":\"CSV field separator, one character: \\\",\\\" (default), "
    "\\\";\\\", \\\"|\\\", or \\\"\\\\t\\\" / \\\"tab\\\" for TSV.\"},"
    "\"header\":{\"type\":\"boolean\",\"description\":\"CSV: whether the first row holds column names. Default true.\"},"
    "\"top\":{\"type\":\"integer\",\"minimum\":0,\"maximum\":50,"
    "\"description\":\"How many most frequent words or values to list. Default 10 for text, 5 for CSV columns.\"},"
    "\"include_stopwords\":{\"type\":\"boolean\",\"description\":\"Text: count words like 'the' and 'and' in top_words. Default false.\"}"
    "},\"required\":[\"text\"]}}]}";

static void tool_text_stats(const jval *args) {
    size_t len;
    const char *text = json_get_str(args, "text", &len);
    if (!text) { abi_error("missing argument 'text' (a string)"); return; }
    size_t flen = 4;
    const char *format = json_get_str(args, "format", &flen);
    if (!format) format = "text", flen = 4;
    sbuf out = {0};
    if (flen == 4 && memcmp(format, "text", 4) == 0) {
        size_t top = (size_t)abi_arg_int(args, "top", 10, 0, 50);
        word_stats(text, len, top, json_get_bool(args, "include_stopwords", 0), &out);
    } else if ((flen == 3 && memcmp(format, "csv", 3) == 0) || (flen == 3 && memcmp(format, "tsv", 3) == 0)) {
        char delim = format[0] == 't' ? '\t' : ',';
        size_t dlen;
        const char *d = json_get_str(args, "delimiter", &dlen);
        if (d) {
            if (dlen == 1 && d[0] != '"' && d[0] != '\n' && d[0] != '\r') delim = d[0];
            else if ((dlen == 2 && d[0] == '\\' && d[1] == 't') || (dlen == 3 && memcmp(d, "tab", 3) == 0)) delim = '\t';
            else { abi_error("delimiter must be one character other than a quote or newline, or \"tab\""); return; }
        }
        size_t top = (size_t)abi_arg_int(args, "top", 5, 0, 50);
        char err[200];
        if (!csv_stats(text, len, delim, json_get_bool(args, "header", 1), top, &out, err, sizeof err)) {
            abi_error("cannot read the CSV: %s", err);
            return;
        }
    } else {
        abi_error("format must be \"csv\" or \"text\"");
        return;
    }
    abi_result(out.p, out.len);
}

int main(int argc, char **argv) {
    static const abi_tool tools[] = {{"text_stats", tool_text_stats}};
    return abi_main(argc, argv, DESCRIBE, tools, 1);
}
