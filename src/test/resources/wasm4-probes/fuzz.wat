;; Probe: random drawing calls with arguments far outside the usual ranges (negative and huge coordinates and
;; sizes, any DRAW_COLORS, any blit flags, source offsets and strides, sprites anywhere in memory, reads past its
;; end). Update F makes 8 calls chosen by a fixed pseudo-random sequence (xorshift32, seed 0x2545f491), then stores a
;; hash (FNV-1a, 32 bits) of the framebuffer at 0x2000 + 4*F; a differing word at A is frame (A - 0x2000) / 4.
;; Every call is also logged at 0x4000 + 64*(F%128) + 8*call: kind, then the first arguments (i16 each), to replay
;; a differing frame. Text is left out (glyph shapes differ by design). Run for 2000 frames.
(module
  (import "env" "memory" (memory 1))
  (import "env" "rect" (func $rect (param i32 i32 i32 i32)))
  (import "env" "oval" (func $oval (param i32 i32 i32 i32)))
  (import "env" "line" (func $line (param i32 i32 i32 i32)))
  (import "env" "hline" (func $hline (param i32 i32 i32)))
  (import "env" "vline" (func $vline (param i32 i32 i32)))
  (import "env" "blit" (func $blit (param i32 i32 i32 i32 i32 i32)))
  (import "env" "blitSub" (func $blitSub (param i32 i32 i32 i32 i32 i32 i32 i32 i32)))

  (global $state (mut i32) (i32.const 0x2545f491))
  (global $frame (mut i32) (i32.const 0))

  (func $next (result i32)
    (local $x i32)
    (local.set $x (global.get $state))
    (local.set $x (i32.xor (local.get $x) (i32.shl (local.get $x) (i32.const 13))))
    (local.set $x (i32.xor (local.get $x) (i32.shr_u (local.get $x) (i32.const 17))))
    (local.set $x (i32.xor (local.get $x) (i32.shl (local.get $x) (i32.const 5))))
    (global.set $state (local.get $x))
    (local.get $x))

  ;; a random value in [-$span, $span + 160): mostly around the screen, often well outside it
  (func $coord (param $span i32) (result i32)
    (i32.sub (i32.rem_u (call $next) (i32.add (i32.mul (local.get $span) (i32.const 2)) (i32.const 160))) (local.get $span)))
  ;; a random size in [-$neg, $max)
  (func $size (param $neg i32) (param $max i32) (result i32)
    (i32.sub (i32.rem_u (call $next) (i32.add (local.get $neg) (local.get $max))) (local.get $neg)))

  (func $hash (result i32) (local $h i32) (local $a i32)
    (local.set $h (i32.const 0x811c9dc5))
    (local.set $a (i32.const 0xa0))
    (loop $bytes
      (local.set $h (i32.mul (i32.xor (local.get $h) (i32.load8_u (local.get $a))) (i32.const 16777619)))
      (local.set $a (i32.add (local.get $a) (i32.const 1)))
      (br_if $bytes (i32.lt_u (local.get $a) (i32.const 0x19a0))))
    (local.get $h))

  (func $call (param $log i32) (local $kind i32) (local $a i32) (local $b i32) (local $c i32) (local $d i32)
    (i32.store16 (i32.const 0x14) (call $next))
    (local.set $kind (i32.rem_u (call $next) (i32.const 7)))
    (local.set $a (call $coord (i32.const 300)))
    (local.set $b (call $coord (i32.const 300)))
    (i32.store16 (local.get $log) (local.get $kind))
    (i32.store16 (i32.add (local.get $log) (i32.const 2)) (local.get $a))
    (i32.store16 (i32.add (local.get $log) (i32.const 4)) (local.get $b))
    (block $done
      (if (i32.eq (local.get $kind) (i32.const 0))
        (then (call $rect (local.get $a) (local.get $b) (call $size (i32.const 50) (i32.const 400)) (call $size (i32.const 50) (i32.const 400))) (br $done)))
      (if (i32.eq (local.get $kind) (i32.const 1))
        (then (local.set $c (call $size (i32.const 20) (i32.const 300)))
              (i32.store16 (i32.add (local.get $log) (i32.const 6)) (local.get $c))
              (call $oval (local.get $a) (local.get $b) (local.get $c) (call $size (i32.const 20) (i32.const 300))) (br $done)))
      (if (i32.eq (local.get $kind) (i32.const 2))
        (then (call $line (local.get $a) (local.get $b) (call $coord (i32.const 2000)) (call $coord (i32.const 2000))) (br $done)))
      (if (i32.eq (local.get $kind) (i32.const 3))
        (then (call $hline (local.get $a) (local.get $b) (call $size (i32.const 500) (i32.const 1000))) (br $done)))
      (if (i32.eq (local.get $kind) (i32.const 4))
        (then (call $vline (local.get $a) (local.get $b) (call $size (i32.const 500) (i32.const 1000))) (br $done)))
      (if (i32.eq (local.get $kind) (i32.const 5))
        (then (call $blit (i32.rem_u (call $next) (i32.const 65537)) (local.get $a) (local.get $b)
                (call $size (i32.const 8) (i32.const 300)) (call $size (i32.const 8) (i32.const 300)) (i32.and (call $next) (i32.const 15)))
              (br $done)))
      (call $blitSub (i32.rem_u (call $next) (i32.const 65537)) (local.get $a) (local.get $b)
        (call $size (i32.const 8) (i32.const 200)) (call $size (i32.const 8) (i32.const 200))
        (call $size (i32.const 100) (i32.const 1000)) (call $size (i32.const 100) (i32.const 1000))
        (call $size (i32.const 50) (i32.const 1000)) (i32.and (call $next) (i32.const 15)))))

  (func (export "start") (local $a i32)
    ;; fill memory past the snapshot tables with a pattern for the sprites to read
    (local.set $a (i32.const 0x6000))
    (loop $fill
      (i32.store (local.get $a) (call $next))
      (local.set $a (i32.add (local.get $a) (i32.const 4)))
      (br_if $fill (i32.lt_u (local.get $a) (i32.const 0x10000)))))

  (func (export "update") (local $f i32) (local $i i32)
    (local.set $f (global.get $frame))
    (if (i32.lt_u (local.get $f) (i32.const 2000))
      (then
        (loop $calls
          (call $call (i32.add (i32.const 0x4000) (i32.add (i32.shl (i32.and (local.get $f) (i32.const 127)) (i32.const 6)) (i32.shl (local.get $i) (i32.const 3)))))
          (local.set $i (i32.add (local.get $i) (i32.const 1)))
          (br_if $calls (i32.lt_u (local.get $i) (i32.const 8))))
        (i32.store (i32.add (i32.const 0x2000) (i32.shl (local.get $f) (i32.const 2))) (call $hash))))
    (global.set $frame (i32.add (local.get $f) (i32.const 1)))))
