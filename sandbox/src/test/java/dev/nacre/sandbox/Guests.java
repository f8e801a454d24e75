package dev.nacre.sandbox;

import com.dylibso.chicory.wabt.Wat2Wasm;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Test guests written in WAT. {@link #tool} wraps a body in a tiny WASI command that answers
 * {@code describe} with the given JSON and runs {@code $call} otherwise. Helpers available to
 * bodies: $write(fd, ptr, len), $write_quoted(ptr, len), $read_stdin(ptr, max) -> n,
 * $argv(i) -> ptr, $strlen(ptr) -> n. Memory: 0..4095 scratch and argv, 4096.. describe JSON,
 * 65536.. free (stdin buffer by convention).
 */
final class Guests {
    static final String ANY_OBJECT = "{\"type\":\"object\"}";
    private static final Map<String, byte[]> CACHE = new ConcurrentHashMap<>();

    private Guests() {}

    static String describe(String tool, String schema) {
        return "{\"tools\":[{\"name\":\"" + tool + "\",\"description\":\"test tool " + tool + "\",\"inputSchema\":" + schema + "}]}";
    }

    static byte[] tool(String describeJson, String extraImports, String body) {
        return tool(describeJson, extraImports, body, 4);
    }

    static byte[] tool(String describeJson, String extraImports, String body, int pages) {
        byte[] d = describeJson.getBytes(StandardCharsets.UTF_8);
        String wat = """
            (module
              (import "wasi_snapshot_preview1" "fd_write" (func $fd_write (param i32 i32 i32 i32) (result i32)))
              (import "wasi_snapshot_preview1" "fd_read" (func $fd_read (param i32 i32 i32 i32) (result i32)))
              (import "wasi_snapshot_preview1" "args_sizes_get" (func $args_sizes_get (param i32 i32) (result i32)))
              (import "wasi_snapshot_preview1" "args_get" (func $args_get (param i32 i32) (result i32)))
              (import "wasi_snapshot_preview1" "proc_exit" (func $proc_exit (param i32)))
              %s
              (memory (export "memory") %d)
              (data (i32.const 4096) "%s")
              (func $write (param $fd i32) (param $ptr i32) (param $len i32)
                (i32.store (i32.const 0) (local.get $ptr))
                (i32.store (i32.const 4) (local.get $len))
                (drop (call $fd_write (local.get $fd) (i32.const 0) (i32.const 1) (i32.const 8))))
              (func $write_quoted (param $ptr i32) (param $len i32) (local $i i32) (local $c i32)
                (i32.store8 (i32.const 48) (i32.const 34))
                (call $write (i32.const 1) (i32.const 48) (i32.const 1))
                (block $d (loop $l
                  (br_if $d (i32.ge_u (local.get $i) (local.get $len)))
                  (local.set $c (i32.load8_u (i32.add (local.get $ptr) (local.get $i))))
                  (if (i32.eqz (local.get $c)) (then (local.set $c (i32.const 59))))
                  (if (i32.eq (local.get $c) (i32.const 34)) (then (local.set $c (i32.const 39))))
                  (if (i32.eq (local.get $c) (i32.const 92)) (then (local.set $c (i32.const 47))))
                  (if (i32.lt_u (local.get $c) (i32.const 32)) (then (local.set $c (i32.const 32))))
                  (i32.store8 (i32.const 48) (local.get $c))
                  (call $write (i32.const 1) (i32.const 48) (i32.const 1))
                  (local.set $i (i32.add (local.get $i) (i32.const 1)))
                  (br $l)))
                (i32.store8 (i32.const 48) (i32.const 34))
                (call $write (i32.const 1) (i32.const 48) (i32.const 1)))
              (func $read_stdin (param $ptr i32) (param $max i32) (result i32) (local $total i32) (local $n i32)
                (block $done (loop $more
                  (i32.store (i32.const 16) (i32.add (local.get $ptr) (local.get $total)))
                  (i32.store (i32.const 20) (i32.sub (local.get $max) (local.get $total)))
                  (br_if $done (call $fd_read (i32.const 0) (i32.const 16) (i32.const 1) (i32.const 24)))
                  (local.set $n (i32.load (i32.const 24)))
                  (br_if $done (i32.eqz (local.get $n)))
                  (local.set $total (i32.add (local.get $total) (local.get $n)))
                  (br $more)))
                (local.get $total))
              (func $argv (param $i i32) (result i32)
                (drop (call $args_sizes_get (i32.const 32) (i32.const 36)))
                (drop (call $args_get (i32.const 64) (i32.const 1024)))
                (i32.load (i32.add (i32.const 64) (i32.mul (local.get $i) (i32.const 4)))))
              (func $strlen (param $p i32) (result i32) (local $n i32)
                (block $d (loop $l
                  (br_if $d (i32.eqz (i32.load8_u (i32.add (local.get $p) (local.get $n)))))
                  (local.set $n (i32.add (local.get $n) (i32.const 1)))
                  (br $l)))
                (local.get $n))
              (func (export "_start")
                (if (i32.eq (i32.load8_u (call $argv (i32.const 1))) (i32.const 100))
                  (then (call $write (i32.const 1) (i32.const 4096) (i32.const %d)) (return)))
                (call $call))
              %s
            )
            """.formatted(extraImports, pages, hex(d), d.length, body);
        return CACHE.computeIfAbsent(wat, Wat2Wasm::parse);
    }

    static byte[] wat(String text) {
        return CACHE.computeIfAbsent(text, Wat2Wasm::parse);
    }

    /** Echoes its arguments (stdin) back as its result. */
    static byte[] echo(String schema) {
        return tool(describe("echo", schema), "", """
            (func $call (local $n i32)
              (local.set $n (call $read_stdin (i32.const 65536) (i32.const 65536)))
              (call $write (i32.const 1) (i32.const 65536) (local.get $n)))
            """);
    }

    static ToolModule module(String name, byte[] bytes) {
        return ToolModule.of(name, bytes);
    }

    static String hex(byte[] bytes) {
        var sb = new StringBuilder();
        for (byte b : bytes) sb.append('\\').append(String.format("%02x", b & 0xff));
        return sb.toString();
    }

    static String hex(String s) {
        return hex(s.getBytes(StandardCharsets.UTF_8));
    }
}
