;; Draws a 5x5 square at x = 6n in frame n (from 1), then traps in frame 6 right after drawing.
(module
  (import "env" "memory" (memory 1 1))
  (import "env" "rect" (func $rect (param i32 i32 i32 i32)))
  (func (export "update")
    (local $n i32)
    (local.set $n (i32.add (i32.load (i32.const 0x3000)) (i32.const 1)))
    (i32.store (i32.const 0x3000) (local.get $n))
    (call $rect (i32.mul (local.get $n) (i32.const 6)) (i32.const 10) (i32.const 5) (i32.const 5))
    (if (i32.eq (local.get $n) (i32.const 6)) (then unreachable))))
