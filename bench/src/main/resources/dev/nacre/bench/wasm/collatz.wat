;; CPU-bound guest for the fuel benchmark: total Collatz steps of 1..300000 (about 33 million
;; iterations of a loop with a branch in it), the worst case for fuel metering: tiny basic
;; blocks taken again and again. No imports; the total is stored at address 0.
;; Build (committed next to this file): wat2wasm collatz.wat -o collatz.wasm
(module
  (memory (export "memory") 1)
  (func (export "_start")
    (local $n i64) (local $x i64) (local $steps i64)
    (local.set $n (i64.const 300000))
    (loop $each
      (local.set $x (local.get $n))
      (block $done
        (loop $step
          (br_if $done (i64.eq (local.get $x) (i64.const 1)))
          (if (i64.eqz (i64.and (local.get $x) (i64.const 1)))
            (then (local.set $x (i64.shr_u (local.get $x) (i64.const 1))))
            (else (local.set $x (i64.add (i64.mul (local.get $x) (i64.const 3)) (i64.const 1)))))
          (local.set $steps (i64.add (local.get $steps) (i64.const 1)))
          (br $step)))
      (local.set $n (i64.sub (local.get $n) (i64.const 1)))
      (br_if $each (i64.ne (local.get $n) (i64.const 0))))
    (i64.store (i32.const 0) (local.get $steps))))
