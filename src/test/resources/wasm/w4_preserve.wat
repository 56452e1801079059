;; PRESERVE_FRAMEBUFFER: start() sets it, update() draws a 10-pixel line on row N at frame N (DRAW_COLORS 0x1203:
;; nibble 1 is 3, palette colour 2) and clears the flag after frame 4, so frames 0-4 pile up and frame 5 starts from a cleared screen.
(module
  (import "env" "memory" (memory 1 1))
  (import "env" "hline" (func $hline (param i32 i32 i32)))
  (func (export "start") (i32.store8 (i32.const 0x1f) (i32.const 1)))
  (func (export "update")
    (local $n i32)
    (local.set $n (i32.load (i32.const 0x3000)))
    (call $hline (i32.const 0) (local.get $n) (i32.const 10))
    (i32.store (i32.const 0x3000) (i32.add (local.get $n) (i32.const 1)))
    (if (i32.eq (local.get $n) (i32.const 4)) (then (i32.store8 (i32.const 0x1f) (i32.const 0))))))
