package dev.nacre.bench;

import dev.nacre.core.Json;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Random;

/** The Wasm workloads, shared by the sandbox, fuel and Node tables so their rows compare like with like. */
final class Workloads {
    static final String HELLO = "hello.wasm `hello`";
    static final String ECHO = "hello.wasm `echo` (small object)";
    static final String QUERY_SMALL = "json_query: `.items[1].name` of a 3-item document";
    static final String TEXT_LARGE = "text_stats: statistics of generated text";
    static final String QUERY_LARGE = "json_query: filter and sum over a generated document";
    static final String COLLATZ = "collatz.wat: 33 M iterations of a branchy loop";
    static final String FIB = "fib.wat: recursive fib(34), 18 M calls";
    static final String QUERY = "[.items[] | select(.price > 50) | .price] | add";

    private Workloads() {}

    /** Per-call cost: tiny inputs, so instantiation and the host's work dominate. */
    static List<WasmWorkload> small(Guests guests) {
        byte[] hello = guests.bundledBytes("hello");
        var doc = Json.parse("""
                {"items": [{"name": "pen", "price": 2.5}, {"name": "ink", "price": 7}, {"name": "pad", "price": 4}]}""");
        return List.of(
                WasmWorkload.call(HELLO, "hello", hello, "hello", Json.object().build()),
                WasmWorkload.call(ECHO, "hello", hello, "echo", Json.object().put("x", 1).put("y", "two").build()),
                WasmWorkload.call(QUERY_SMALL, "json_query", guests.bundledBytes("json_query"), "json_query",
                        Json.object().put("json", doc).put("query", ".items[1].name").build()));
    }

    /** CPU-bound: the guest's own code dominates, so metering's cost shows. Inputs are generated, the same every run. */
    static List<WasmWorkload> cpuBound(Guests guests, int inputBytes) {
        String mb = String.format(Locale.ROOT, " (%.1f MB)", inputBytes / 1e6);
        return List.of(
                WasmWorkload.call(TEXT_LARGE + mb, "text_stats", guests.bundledBytes("text_stats"), "text_stats",
                        Json.object().put("text", text(inputBytes, new Random(1))).put("format", "text").build()),
                WasmWorkload.call(QUERY_LARGE + mb, "json_query", guests.bundledBytes("json_query"), "json_query",
                        Json.object().put("json", document(inputBytes, new Random(2))).put("query", QUERY).build()),
                WasmWorkload.program(COLLATZ, "collatz", Guests.own("collatz")),
                WasmWorkload.program(FIB, "fib", Guests.own("fib")));
    }

    /** Made-up words with a skewed frequency (a few very common, a long tail), in sentences and paragraphs. */
    static String text(int bytes, Random random) {
        String[] syllables = {"ka", "lo", "mi", "ne", "ru", "sa", "ti", "vo", "ber", "dan", "el", "for", "gan", "hal", "ist", "jor"};
        var vocabulary = new ArrayList<>(List.of("the", "and", "of", "to", "a", "in", "is", "it", "that", "was"));
        while (vocabulary.size() < 5_000) {
            var w = new StringBuilder();
            for (int s = 1 + random.nextInt(4); s > 0; s--) w.append(syllables[random.nextInt(syllables.length)]);
            vocabulary.add(w.toString());
        }
        var out = new StringBuilder(bytes + 200);
        int sentences = 0;
        while (out.length() < bytes) {
            int words = 8 + random.nextInt(13);
            for (int i = 0; i < words; i++) {
                String w = vocabulary.get((int) (vocabulary.size() * Math.pow(random.nextDouble(), 3)));
                if (i == 0) w = Character.toUpperCase(w.charAt(0)) + w.substring(1);
                out.append(w).append(i == words - 1 ? ". " : i % 7 == 6 ? ", " : " ");
            }
            if (++sentences % 6 == 0) out.append("\n\n");
        }
        return out.toString();
    }

    /** {"items": [{"id", "name", "price", "in_stock", "tags", "dims"}, …]} of about {@code bytes} bytes. */
    static Json document(int bytes, Random random) {
        var items = new ArrayList<Json>();
        int size = 0;
        for (int i = 0; size < bytes; i++) {
            var item = Json.object().put("id", i).put("name", "item-" + i)
                    .put("price", Json.parse(String.format(Locale.ROOT, "%.2f", random.nextDouble() * 100)))
                    .put("in_stock", random.nextBoolean())
                    .put("tags", Json.array(List.of(Json.of("t" + random.nextInt(20)), Json.of("t" + random.nextInt(20)))))
                    .put("dims", Json.object().put("w", random.nextInt(500)).put("h", random.nextInt(500)).build())
                    .build();
            size += item.print().length() + 1;
            items.add(item);
        }
        return Json.object().put("items", Json.array(items)).build();
    }
}
