package dev.nacre.sandbox;

/** WAT bodies (and their imports) for {@link Guests#tool}. Path tools read {"p":"PATH"} from stdin. */
final class Bodies {
    private Bodies() {}

    static final String PATH_OPEN = """
        (import "wasi_snapshot_preview1" "path_open" (func $path_open (param i32 i32 i32 i32 i32 i64 i64 i32 i32) (result i32)))
        """;

    /** Opens PATH under the "/" preopen; exits 100 + errno on failure; prints the content as a JSON string. */
    static final String CAT = """
        (func $call (local $n i32) (local $err i32) (local $fd i32)
          (local.set $n (call $read_stdin (i32.const 65536) (i32.const 4096)))
          (local.set $err (call $path_open (i32.const 3) (i32.const 0) (i32.const 65542)
            (i32.sub (local.get $n) (i32.const 8)) (i32.const 0) (i64.const -1) (i64.const -1) (i32.const 0) (i32.const 40)))
          (if (local.get $err) (then (call $proc_exit (i32.add (i32.const 100) (local.get $err)))))
          (local.set $fd (i32.load (i32.const 40)))
          (i32.store (i32.const 16) (i32.const 70000))
          (i32.store (i32.const 20) (i32.const 60000))
          (drop (call $fd_read (local.get $fd) (i32.const 16) (i32.const 1) (i32.const 24)))
          (call $write_quoted (i32.const 70000) (i32.load (i32.const 24))))
        """;

    /** Creates/truncates PATH and writes "written!" to it; prints true. */
    static final String WRITE = """
        (data (i32.const 3000) "written!")
        (data (i32.const 3100) "true")
        (func $call (local $n i32) (local $err i32) (local $fd i32)
          (local.set $n (call $read_stdin (i32.const 65536) (i32.const 4096)))
          (local.set $err (call $path_open (i32.const 3) (i32.const 0) (i32.const 65542)
            (i32.sub (local.get $n) (i32.const 8)) (i32.const 9) (i64.const -1) (i64.const -1) (i32.const 0) (i32.const 40)))
          (if (local.get $err) (then (call $proc_exit (i32.add (i32.const 100) (local.get $err)))))
          (local.set $fd (i32.load (i32.const 40)))
          (call $write (local.get $fd) (i32.const 3000) (i32.const 8))
          (call $write (i32.const 1) (i32.const 3100) (i32.const 4)))
        """;

    /** Like WRITE, then traps: nothing may be copied back. */
    static final String WRITE_THEN_TRAP = WRITE.replace(
            "(call $write (i32.const 1) (i32.const 3100) (i32.const 4)))",
            "(call $write (i32.const 1) (i32.const 3100) (i32.const 4)) unreachable)");

    static final String ENV_IMPORTS = """
        (import "wasi_snapshot_preview1" "environ_sizes_get" (func $env_sizes (param i32 i32) (result i32)))
        (import "wasi_snapshot_preview1" "environ_get" (func $env_get (param i32 i32) (result i32)))
        """;

    /** Prints the whole environment block as one JSON string (NULs as ';'). */
    static final String ENV = """
        (func $call
          (drop (call $env_sizes (i32.const 32) (i32.const 36)))
          (drop (call $env_get (i32.const 66000) (i32.const 70000)))
          (call $write_quoted (i32.const 70000) (i32.load (i32.const 36))))
        """;

    static final String HTTP_IMPORTS = """
        (import "nacre" "http" (func $http (param i32 i32) (result i32)))
        (import "nacre" "response" (func $response (param i32 i32) (result i32)))
        (import "nacre" "log" (func $log (param i32 i32 i32)))
        """;

    /** Sends stdin (the arguments) as the request JSON and prints the response JSON. */
    static final String HTTP = """
        (data (i32.const 3000) "fetching")
        (func $call (local $n i32) (local $len i32)
          (call $log (i32.const 1) (i32.const 3000) (i32.const 8))
          (local.set $n (call $read_stdin (i32.const 65536) (i32.const 65536)))
          (local.set $len (call $http (i32.const 65536) (local.get $n)))
          (local.set $len (call $response (i32.const 131072) (local.get $len)))
          (call $write (i32.const 1) (i32.const 131072) (local.get $len)))
        """;

    static final String RANDOM_CLOCK_IMPORTS = """
        (import "wasi_snapshot_preview1" "random_get" (func $random_get (param i32 i32) (result i32)))
        (import "wasi_snapshot_preview1" "clock_time_get" (func $clock (param i32 i64 i32) (result i32)))
        """;

    /** Prints 16 random bytes, the realtime clock and the monotonic clock as one hex string. */
    static final String RANDOM_CLOCK = """
        (data (i32.const 3000) "0123456789abcdef")
        (func $call (local $i i32) (local $b i32)
          (drop (call $random_get (i32.const 66000) (i32.const 16)))
          (drop (call $clock (i32.const 0) (i64.const 1) (i32.const 66016)))
          (drop (call $clock (i32.const 1) (i64.const 1) (i32.const 66024)))
          (i32.store8 (i32.const 48) (i32.const 34))
          (call $write (i32.const 1) (i32.const 48) (i32.const 1))
          (block $d (loop $l
            (br_if $d (i32.ge_u (local.get $i) (i32.const 32)))
            (local.set $b (i32.load8_u (i32.add (i32.const 66000) (local.get $i))))
            (i32.store8 (i32.const 48) (i32.load8_u (i32.add (i32.const 3000) (i32.shr_u (local.get $b) (i32.const 4)))))
            (i32.store8 (i32.const 49) (i32.load8_u (i32.add (i32.const 3000) (i32.and (local.get $b) (i32.const 15)))))
            (call $write (i32.const 1) (i32.const 48) (i32.const 2))
            (local.set $i (i32.add (local.get $i) (i32.const 1)))
            (br $l)))
          (i32.store8 (i32.const 48) (i32.const 34))
          (call $write (i32.const 1) (i32.const 48) (i32.const 1)))
        """;

    static final String SPIN = "(func $call (loop $l (br $l)))";

    static final String MEMORY_BOMB = """
        (func $call
          (block $d (loop $l
            (br_if $d (i32.eq (memory.grow (i32.const 16)) (i32.const -1)))
            (br $l)))
          unreachable)
        """;

    static final String OUTPUT_FLOOD = "(func $call (loop $l (call $write (i32.const 1) (i32.const 0) (i32.const 65536)) (br $l)))";

    static final String STDERR_FLOOD = "(func $call (loop $l (call $write (i32.const 2) (i32.const 0) (i32.const 65536)) (br $l)))";

    static final String RECURSION = """
        (func $rec (param i32) (result i32) (i32.add (call $rec (local.get 0)) (i32.const 1)))
        (func $call (drop (call $rec (i32.const 0))))
        """;

    static final String UNREACHABLE = "(func $call unreachable)";

    static final String DIVIDE_BY_ZERO = "(func $call (drop (i32.div_u (i32.const 1) (i32.const 0))))";

    static final String OUT_OF_BOUNDS = "(func $call (drop (i32.load (i32.const -4))))";

    /** A million loop iterations (millions of instructions), then a division by zero. */
    static final String WORK_THEN_DIVIDE = """
        (func $call (local $i i32)
          (loop $l (local.set $i (i32.add (local.get $i) (i32.const 1)))
                   (br_if $l (i32.lt_u (local.get $i) (i32.const 1000000))))
          (drop (i32.div_u (local.get $i) (i32.const 0))))
        """;

    static final String EXIT_3 = """
        (data (i32.const 3000) "first line\\nbad input: missing x\\n")
        (func $call (call $write (i32.const 2) (i32.const 3000) (i32.const 31)) (call $proc_exit (i32.const 3)))
        """;

    static final String NOT_UTF8 = """
        (data (i32.const 3000) "\\22\\ff\\fe\\22")
        (func $call (call $write (i32.const 1) (i32.const 3000) (i32.const 4)))
        """;

    static final String NOT_JSON = """
        (data (i32.const 3000) "hello world")
        (func $call (call $write (i32.const 1) (i32.const 3000) (i32.const 11)))
        """;

    static final String SILENT = "(func $call)";

    /** Prints how often this instance's global and memory were incremented: always 1 with fresh instances. */
    static final String COUNTER = """
        (global $g (mut i32) (i32.const 0))
        (func $call
          (global.set $g (i32.add (global.get $g) (i32.const 1)))
          (i32.store8 (i32.const 3500) (i32.add (i32.load8_u (i32.const 3500)) (i32.const 1)))
          (i32.store8 (i32.const 48) (i32.add (i32.const 48) (i32.add (global.get $g) (i32.load8_u (i32.const 3500)))))
          (call $write (i32.const 1) (i32.const 48) (i32.const 1)))
        """;
}
