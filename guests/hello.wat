;; hello.wat: a complete Nacre tool module written by hand, with no libc.
;; It shows the whole ABI (docs/TOOL-ABI.md) in one screen:
;;   argv = [NAME, "describe"]            -> the tools JSON on stdout
;;   argv = [NAME, "call", "hello"]       -> an MCP-style result on stdout
;;   argv = [NAME, "call", "echo"], stdin -> the arguments back (any JSON value is a result)
;;   anything else                        -> a message on stderr and exit code 1
;; Build: wat2wasm hello.wat -o hello.wasm
(module
  (import "wasi_snapshot_preview1" "args_sizes_get" (func $args_sizes_get (param i32 i32) (result i32)))
  (import "wasi_snapshot_preview1" "args_get" (func $args_get (param i32 i32) (result i32)))
  (import "wasi_snapshot_preview1" "fd_read" (func $fd_read (param i32 i32 i32 i32) (result i32)))
  (import "wasi_snapshot_preview1" "fd_write" (func $fd_write (param i32 i32 i32 i32) (result i32)))
  (import "wasi_snapshot_preview1" "proc_exit" (func $proc_exit (param i32)))

  ;; Memory map: 0 iovec, 8 byte count, 16 argc, 20 argv buffer size,
  ;; 64..127 argv pointers (16 at most), 256.. constant strings,
  ;; 1024..2047 argv strings, 8192..131071 stdin.
  (memory (export "memory") 2)

  (data (i32.const 256) "describe")                 ;; 8 bytes
  (data (i32.const 272) "call")                     ;; 4
  (data (i32.const 280) "hello")                    ;; 5
  (data (i32.const 288) "echo")                     ;; 4
  (data (i32.const 300) "{\"tools\":[{\"name\":\"hello\",\"description\":\"Say hello. A demo tool written in WebAssembly text.\",\"inputSchema\":{\"type\":\"object\",\"properties\":{}}},{\"name\":\"echo\",\"description\":\"Return the arguments unchanged. A demo tool.\",\"inputSchema\":{\"type\":\"object\"}}]}\n")
  (data (i32.const 600) "{\"content\":[{\"type\":\"text\",\"text\":\"Hello from WebAssembly!\"}],\"isError\":false}\n")
  (data (i32.const 700) "usage: hello describe | hello call TOOL < args.json\n")           ;; 52
  (data (i32.const 760) "unknown tool (this module has: hello, echo)\n")                 ;; 44
  (data (i32.const 820) "arguments too large (over 120 KiB)\n")                          ;; 35

  ;; Writes len bytes at ptr to fd, retrying short writes.
  (func $write (param $fd i32) (param $ptr i32) (param $len i32)
    (block $done
      (loop $more
        (br_if $done (i32.eqz (local.get $len)))
        (i32.store (i32.const 0) (local.get $ptr))
        (i32.store (i32.const 4) (local.get $len))
        (br_if $done (call $fd_write (local.get $fd) (i32.const 0) (i32.const 1) (i32.const 8)))
        (local.set $ptr (i32.add (local.get $ptr) (i32.load (i32.const 8))))
        (local.set $len (i32.sub (local.get $len) (i32.load (i32.const 8))))
        (br $more))))

  (func $fail (param $ptr i32) (param $len i32)
    (call $write (i32.const 2) (local.get $ptr) (local.get $len))
    (call $proc_exit (i32.const 1)))

  ;; 1 if the NUL-terminated string at $s equals the len bytes at $lit.
  (func $equals (param $s i32) (param $lit i32) (param $len i32) (result i32)
    (local $i i32)
    (block $no
      (loop $next
        (if (i32.eq (local.get $i) (local.get $len))
          (then (return (i32.eqz (i32.load8_u (i32.add (local.get $s) (local.get $i)))))))
        (br_if $no (i32.ne (i32.load8_u (i32.add (local.get $s) (local.get $i)))
                           (i32.load8_u (i32.add (local.get $lit) (local.get $i)))))
        (local.set $i (i32.add (local.get $i) (i32.const 1)))
        (br $next)))
    (i32.const 0))

  ;; argv[i], a pointer into the argv strings.
  (func $arg (param $i i32) (result i32)
    (i32.load (i32.add (i32.const 64) (i32.shl (local.get $i) (i32.const 2)))))

  (func (export "_start")
    (local $argc i32) (local $n i32) (local $total i32)
    (drop (call $args_sizes_get (i32.const 16) (i32.const 20)))
    (local.set $argc (i32.load (i32.const 16)))
    (if (i32.or (i32.gt_u (local.get $argc) (i32.const 16))
                (i32.gt_u (i32.load (i32.const 20)) (i32.const 1024)))
      (then (call $fail (i32.const 700) (i32.const 52))))
    (drop (call $args_get (i32.const 64) (i32.const 1024)))

    ;; describe
    (if (i32.and (i32.ge_u (local.get $argc) (i32.const 2))
                 (call $equals (call $arg (i32.const 1)) (i32.const 256) (i32.const 8)))
      (then (call $write (i32.const 1) (i32.const 300) (i32.const 254)) (return)))

    ;; call TOOL
    (if (i32.or (i32.lt_u (local.get $argc) (i32.const 3))
                (i32.eqz (call $equals (call $arg (i32.const 1)) (i32.const 272) (i32.const 4))))
      (then (call $fail (i32.const 700) (i32.const 52))))
    (if (call $equals (call $arg (i32.const 2)) (i32.const 280) (i32.const 5))
      (then (call $write (i32.const 1) (i32.const 600) (i32.const 79)) (return)))
    (if (i32.eqz (call $equals (call $arg (i32.const 2)) (i32.const 288) (i32.const 4)))
      (then (call $fail (i32.const 760) (i32.const 44))))

    ;; echo: read all of stdin into 8192.., then write it back.
    (block $eof
      (loop $read
        (br_if $eof (i32.ge_u (local.get $total) (i32.const 122880)))
        (i32.store (i32.const 0) (i32.add (i32.const 8192) (local.get $total)))
        (i32.store (i32.const 4) (i32.sub (i32.const 122880) (local.get $total)))
        (br_if $eof (call $fd_read (i32.const 0) (i32.const 0) (i32.const 1) (i32.const 8)))
        (local.set $n (i32.load (i32.const 8)))
        (br_if $eof (i32.eqz (local.get $n)))
        (local.set $total (i32.add (local.get $total) (local.get $n)))
        (br $read)))
    (if (i32.ge_u (local.get $total) (i32.const 122880))
      (then (call $fail (i32.const 820) (i32.const 35))))
    (call $write (i32.const 1) (i32.const 8192) (local.get $total)))
)
