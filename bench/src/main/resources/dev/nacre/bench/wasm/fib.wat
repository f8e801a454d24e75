;; CPU-bound guest for the fuel benchmark: naive recursive fib(34), about 18 million calls, so
;; the cost of metering each function entry shows. No imports; the result is stored at address 0.
;; Build (committed next to this file): wat2wasm fib.wat -o fib.wasm
(module
  (memory (export "memory") 1)
  (func $fib (param $n i32) (result i32)
    (if (result i32) (i32.lt_u (local.get $n) (i32.const 2))
      (then (local.get $n))
      (else (i32.add (call $fib (i32.sub (local.get $n) (i32.const 1)))
                     (call $fib (i32.sub (local.get $n) (i32.const 2)))))))
  (func (export "_start")
    (i32.store (i32.const 0) (call $fib (i32.const 34)))))
