;; A tool that never returns, for the timeout benchmark. `describe` (argc 2) prints its one tool
;; as the ABI asks (docs/TOOL-ABI.md); `call spin` runs an empty loop (no calls, no memory
;; access), so only the fuel check and Endive's interruption check can end it.
;; Build (committed next to this file): wat2wasm spin.wat -o spin.wasm
(module
  (import "wasi_snapshot_preview1" "args_sizes_get" (func $args_sizes_get (param i32 i32) (result i32)))
  (import "wasi_snapshot_preview1" "fd_write" (func $fd_write (param i32 i32 i32 i32) (result i32)))
  (memory (export "memory") 1)
  ;; 0 iovec, 8 bytes written, 16 argc, 20 argv size, 64.. the describe JSON (91 bytes)
  (data (i32.const 64) "{\"tools\":[{\"name\":\"spin\",\"description\":\"Never returns.\",\"inputSchema\":{\"type\":\"object\"}}]}\n")
  (func (export "_start")
    (drop (call $args_sizes_get (i32.const 16) (i32.const 20)))
    (if (i32.eq (i32.load (i32.const 16)) (i32.const 2))
      (then
        (i32.store (i32.const 0) (i32.const 64))
        (i32.store (i32.const 4) (i32.const 91))
        (drop (call $fd_write (i32.const 1) (i32.const 0) (i32.const 1) (i32.const 8)))
        (return)))
    (loop $forever (br $forever))))
