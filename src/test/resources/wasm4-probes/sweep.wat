;; Probe: every size of oval and rect from 1x1 to 40x40 (and rects down to -9), and lines in every direction up to
;; 20 pixels long, each frame one size. Update F uses W = 1 + F%40, H = 1 + F/40 (F = 0..1599) and
;; DX = F%40 - 20, DY = F/40 - 20, draws the shapes below, then stores a hash (FNV-1a, 32 bits) of the whole
;; framebuffer at 0x2000 + 4*F. A differing word at address A is frame F = (A - 0x2000) / 4. Run for 1600 frames.
(module
  (import "env" "memory" (memory 1))
  (import "env" "oval" (func $oval (param i32 i32 i32 i32)))
  (import "env" "rect" (func $rect (param i32 i32 i32 i32)))
  (import "env" "line" (func $line (param i32 i32 i32 i32)))

  (global $frame (mut i32) (i32.const 0))

  (func $colours (param $value i32) (i32.store16 (i32.const 0x14) (local.get $value)))

  (func $hash (result i32) (local $h i32) (local $a i32)
    (local.set $h (i32.const 0x811c9dc5))
    (local.set $a (i32.const 0xa0))
    (loop $bytes
      (local.set $h (i32.mul (i32.xor (local.get $h) (i32.load8_u (local.get $a))) (i32.const 16777619)))
      (local.set $a (i32.add (local.get $a) (i32.const 1)))
      (br_if $bytes (i32.lt_u (local.get $a) (i32.const 0x19a0))))
    (local.get $h))

  (func (export "update") (local $f i32) (local $w i32) (local $h i32) (local $dx i32) (local $dy i32)
    (local.set $f (global.get $frame))
    (if (i32.lt_u (local.get $f) (i32.const 1600))
      (then
        (local.set $w (i32.add (i32.const 1) (i32.rem_u (local.get $f) (i32.const 40))))
        (local.set $h (i32.add (i32.const 1) (i32.div_u (local.get $f) (i32.const 40))))
        (local.set $dx (i32.sub (local.get $w) (i32.const 21)))
        (local.set $dy (i32.sub (local.get $h) (i32.const 21)))
        ;; ovals: fill and outline; clipped at the top left; clipped at the bottom right; outline nibble 0
        (call $colours (i32.const 0x0043))
        (call $oval (i32.const 5) (i32.const 7) (local.get $w) (local.get $h))
        (call $colours (i32.const 0x0032))
        (call $oval (i32.sub (i32.const 0) (i32.div_s (local.get $w) (i32.const 2))) (i32.sub (i32.const 0) (i32.div_s (local.get $h) (i32.const 3)))
          (local.get $w) (local.get $h))
        (call $colours (i32.const 0x0024))
        (call $oval (i32.sub (i32.const 160) (i32.div_s (local.get $w) (i32.const 2))) (i32.sub (i32.const 160) (i32.div_s (local.get $h) (i32.const 2)))
          (local.get $w) (local.get $h))
        (call $colours (i32.const 0x0002))
        (call $oval (i32.const 55) (i32.const 50) (local.get $w) (local.get $h))
        ;; lines from a fixed point in every direction, and the same lines drawn from the other end
        (call $colours (i32.const 0x0003))
        (call $line (i32.const 120) (i32.const 30) (i32.add (i32.const 120) (local.get $dx)) (i32.add (i32.const 30) (local.get $dy)))
        (call $colours (i32.const 0x0004))
        (call $line (i32.add (i32.const 120) (local.get $dx)) (i32.add (i32.const 80) (local.get $dy)) (i32.const 120) (i32.const 80))
        ;; steep and shallow lines across the whole screen, clipped on both ends
        (call $colours (i32.const 0x0002))
        (call $line (i32.sub (i32.const -10) (local.get $dx)) (i32.const 100) (i32.const 170) (i32.add (i32.const 100) (i32.mul (local.get $dy) (i32.const 3))))
        (call $line (i32.const 100) (i32.sub (i32.const -5) (local.get $dy)) (i32.add (i32.const 100) (i32.mul (local.get $dx) (i32.const 3))) (i32.const 165))
        ;; rects including zero and negative sizes, outline only and fill only
        (call $colours (i32.const 0x0042))
        (call $rect (i32.const 10) (i32.const 110) (i32.sub (local.get $w) (i32.const 10)) (i32.sub (local.get $h) (i32.const 10)))
        (call $colours (i32.const 0x0030))
        (call $rect (i32.sub (i32.const 150) (local.get $w)) (i32.const 60) (local.get $w) (local.get $h))
        (call $colours (i32.const 0x0004))
        (call $rect (i32.sub (i32.const 163) (local.get $w)) (i32.sub (i32.const 3) (local.get $h)) (local.get $w) (local.get $h))
        (i32.store (i32.add (i32.const 0x2000) (i32.shl (local.get $f) (i32.const 2))) (call $hash))))
    (global.set $frame (i32.add (local.get $f) (i32.const 1)))))
