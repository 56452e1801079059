;; Probe: blit and blitSub at every width 1..24 and height 1..8, with every flag value 0..15 (BLIT_2BPP, FLIP_X,
;; FLIP_Y, ROTATE), in the open and clipped at the top left and the bottom right, through DRAW_COLORS with a
;; transparent nibble. Update F uses W = 1 + F%24, H = 1 + (F/24)%8, FLAGS = F/192 (F = 0..3071), then stores a
;; hash (FNV-1a, 32 bits) of the framebuffer at 0x2000 + 4*F: a differing word at A is frame (A - 0x2000) / 4.
;; Run for 3072 frames.
(module
  (import "env" "memory" (memory 1))
  (import "env" "blit" (func $blit (param i32 i32 i32 i32 i32 i32)))
  (import "env" "blitSub" (func $blitSub (param i32 i32 i32 i32 i32 i32 i32 i32 i32)))

  (global $frame (mut i32) (i32.const 0))
  (global $SHEET i32 (i32.const 0x1a00))

  (func $hash (result i32) (local $h i32) (local $a i32)
    (local.set $h (i32.const 0x811c9dc5))
    (local.set $a (i32.const 0xa0))
    (loop $bytes
      (local.set $h (i32.mul (i32.xor (local.get $h) (i32.load8_u (local.get $a))) (i32.const 16777619)))
      (local.set $a (i32.add (local.get $a) (i32.const 1)))
      (br_if $bytes (i32.lt_u (local.get $a) (i32.const 0x19a0))))
    (local.get $h))

  ;; 256 bytes of sheet, different in every bit position (a multiplicative sequence)
  (func (export "start") (local $i i32)
    (loop $fill
      (i32.store8 (i32.add (global.get $SHEET) (local.get $i))
        (i32.shr_u (i32.mul (i32.add (local.get $i) (i32.const 17)) (i32.const 0x9e3779b1)) (i32.const 13)))
      (local.set $i (i32.add (local.get $i) (i32.const 1)))
      (br_if $fill (i32.lt_u (local.get $i) (i32.const 256)))))

  (func (export "update") (local $f i32) (local $w i32) (local $h i32) (local $flags i32)
    (local.set $f (global.get $frame))
    (if (i32.lt_u (local.get $f) (i32.const 3072))
      (then
        (local.set $w (i32.add (i32.const 1) (i32.rem_u (local.get $f) (i32.const 24))))
        (local.set $h (i32.add (i32.const 1) (i32.rem_u (i32.div_u (local.get $f) (i32.const 24)) (i32.const 8))))
        (local.set $flags (i32.div_u (local.get $f) (i32.const 192)))
        (i32.store16 (i32.const 0x14) (i32.const 0x4302))
        (call $blit (global.get $SHEET) (i32.const 30) (i32.const 40) (local.get $w) (local.get $h) (local.get $flags))
        (call $blit (global.get $SHEET) (i32.const -5) (i32.const -3) (local.get $w) (local.get $h) (local.get $flags))
        (call $blit (global.get $SHEET) (i32.const 150) (i32.const 155) (local.get $w) (local.get $h) (local.get $flags))
        (i32.store16 (i32.const 0x14) (i32.const 0x2041))
        (call $blitSub (global.get $SHEET) (i32.const 80) (i32.const 90) (local.get $w) (local.get $h)
          (i32.rem_u (local.get $f) (i32.const 5)) (i32.rem_u (local.get $f) (i32.const 3)) (i32.add (local.get $w) (i32.const 3)) (local.get $flags))
        (call $blitSub (global.get $SHEET) (i32.const 155) (i32.const -4) (local.get $w) (local.get $h)
          (i32.const 3) (i32.const 1) (i32.const 29) (local.get $flags))
        (i32.store (i32.add (i32.const 0x2000) (i32.shl (local.get $f) (i32.const 2))) (call $hash))))
    (global.set $frame (i32.add (local.get $f) (i32.const 1)))))
