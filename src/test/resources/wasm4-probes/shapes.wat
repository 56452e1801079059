;; Probe: rect, oval, line, hline, vline at odd sizes, degenerate sizes and clipping on every edge, with
;; DRAW_COLORS nibbles that are 0 (transparent). Page P (0..5) is drawn in update number P; after drawing, the
;; framebuffer is copied to SNAPSHOT + P*6400 so the final memory holds every page. Run for 6 frames.
(module
  (import "env" "memory" (memory 1))
  (import "env" "rect" (func $rect (param i32 i32 i32 i32)))
  (import "env" "oval" (func $oval (param i32 i32 i32 i32)))
  (import "env" "line" (func $line (param i32 i32 i32 i32)))
  (import "env" "hline" (func $hline (param i32 i32 i32)))
  (import "env" "vline" (func $vline (param i32 i32 i32)))

  (global $page (mut i32) (i32.const 0))
  (global $DRAW_COLORS i32 (i32.const 0x14))
  (global $FRAMEBUFFER i32 (i32.const 0xa0))
  (global $SNAPSHOT i32 (i32.const 0x2000))

  ;; Where the 16 shapes of a page go: a 4x4 grid whose outer cells hang over every edge of the screen.
  (data (i32.const 0x1a00) "\fc\ff\ff\ff" "\30\00\00\00" "\65\00\00\00" "\9b\00\00\00")  ;; x: -4 48 101 155
  (data (i32.const 0x1a10) "\fb\ff\ff\ff" "\31\00\00\00" "\66\00\00\00" "\9c\00\00\00")  ;; y: -5 49 102 156
  ;; Shape sizes cycle through odd, even, 1 and degenerate values: (w, h) pairs.
  (data (i32.const 0x1a20)
    "\0b\00\00\00" "\07\00\00\00"  ;; 11 x 7
    "\10\00\00\00" "\0a\00\00\00"  ;; 16 x 10
    "\01\00\00\00" "\09\00\00\00"  ;; 1 x 9
    "\0d\00\00\00" "\01\00\00\00"  ;; 13 x 1
    "\02\00\00\00" "\02\00\00\00"  ;; 2 x 2
    "\00\00\00\00" "\05\00\00\00"  ;; 0 x 5
    "\05\00\00\00" "\00\00\00\00"  ;; 5 x 0
    "\17\00\00\00" "\1d\00\00\00") ;; 23 x 29
  ;; DRAW_COLORS values, cycled per shape: fill+outline, outline only, fill only, all transparent, high nibbles set.
  (data (i32.const 0x1a60) "\32\00" "\20\00" "\04\00" "\00\00" "\43\00" "\21\43" "\0f\00" "\f2\00")

  (func $cellX (param $i i32) (result i32) (i32.load (i32.add (i32.const 0x1a00) (i32.shl (i32.and (local.get $i) (i32.const 3)) (i32.const 2)))))
  (func $cellY (param $i i32) (result i32) (i32.load (i32.add (i32.const 0x1a10) (i32.shl (i32.shr_u (local.get $i) (i32.const 2)) (i32.const 2)))))
  (func $w (param $i i32) (result i32) (i32.load (i32.add (i32.const 0x1a20) (i32.shl (i32.and (local.get $i) (i32.const 7)) (i32.const 3)))))
  (func $h (param $i i32) (result i32) (i32.load (i32.add (i32.const 0x1a24) (i32.shl (i32.and (local.get $i) (i32.const 7)) (i32.const 3)))))
  (func $colours (param $i i32)
    (i32.store16 (global.get $DRAW_COLORS) (i32.load16_u (i32.add (i32.const 0x1a60) (i32.shl (i32.and (local.get $i) (i32.const 7)) (i32.const 1))))))

  ;; A striped background so that transparent nibbles show: vertical lines in palette colour 1 every 7th column.
  (func $background (local $x i32)
    (i32.store16 (global.get $DRAW_COLORS) (i32.const 0x0002))
    (loop $columns
      (call $vline (local.get $x) (i32.const 0) (i32.const 160))
      (local.set $x (i32.add (local.get $x) (i32.const 7)))
      (br_if $columns (i32.lt_s (local.get $x) (i32.const 160)))))

  ;; Draws shape kind $kind for the 16 cells; $shift rotates which size/colour lands in which cell.
  (func $grid (param $kind i32) (param $shift i32) (local $i i32) (local $k i32) (local $x i32) (local $y i32)
    (loop $cells
      (local.set $k (i32.add (local.get $i) (local.get $shift)))
      (local.set $x (call $cellX (local.get $i)))
      (local.set $y (call $cellY (local.get $i)))
      (call $colours (local.get $k))
      (block $done
        (br_if $done (i32.ne (local.get $kind) (i32.const 0)))
        (call $rect (local.get $x) (local.get $y) (call $w (local.get $k)) (call $h (local.get $k))))
      (block $done
        (br_if $done (i32.ne (local.get $kind) (i32.const 1)))
        (call $oval (local.get $x) (local.get $y) (call $w (local.get $k)) (call $h (local.get $k))))
      (block $done
        (br_if $done (i32.ne (local.get $kind) (i32.const 2)))
        ;; lines in all octants: from the cell corner to a point given by the size, mirrored by cell parity
        (call $line (local.get $x) (local.get $y)
          (i32.add (local.get $x) (i32.mul (call $w (local.get $k)) (i32.sub (i32.const 1) (i32.shl (i32.and (local.get $i) (i32.const 1)) (i32.const 1)))))
          (i32.add (local.get $y) (i32.mul (call $h (local.get $k)) (i32.sub (i32.const 1) (i32.and (local.get $i) (i32.const 2)))))))
      (block $done
        (br_if $done (i32.ne (local.get $kind) (i32.const 3)))
        (call $hline (local.get $x) (local.get $y) (call $w (local.get $k)))
        (call $vline (local.get $x) (i32.add (local.get $y) (i32.const 2)) (call $h (local.get $k))))
      (local.set $i (i32.add (local.get $i) (i32.const 1)))
      (br_if $cells (i32.lt_u (local.get $i) (i32.const 16)))))

  ;; Shapes that are larger than the screen, negative sizes and lengths, and far-off coordinates.
  (func $extremes
    (i32.store16 (global.get $DRAW_COLORS) (i32.const 0x0042))
    (call $rect (i32.const -10) (i32.const 150) (i32.const 200) (i32.const 30))
    (call $rect (i32.const 20) (i32.const 20) (i32.const -5) (i32.const 7))
    (call $oval (i32.const -30) (i32.const -20) (i32.const 100) (i32.const 61))
    (call $oval (i32.const 120) (i32.const 60) (i32.const 60) (i32.const 3))
    (call $oval (i32.const 60) (i32.const 100) (i32.const 3) (i32.const 45))
    (call $oval (i32.const 60) (i32.const 60) (i32.const 1) (i32.const 1))
    (i32.store16 (global.get $DRAW_COLORS) (i32.const 0x0003))
    (call $line (i32.const -50) (i32.const 10) (i32.const 210) (i32.const 90))
    (call $line (i32.const 159) (i32.const -40) (i32.const 0) (i32.const 200))
    (call $line (i32.const 30) (i32.const 30) (i32.const 30) (i32.const 30))
    (call $line (i32.const 100000) (i32.const 5) (i32.const 100003) (i32.const 5))
    (call $hline (i32.const -20) (i32.const 80) (i32.const 400))
    (call $hline (i32.const 40) (i32.const 82) (i32.const -6))
    (call $hline (i32.const 40) (i32.const -1) (i32.const 6))
    (call $hline (i32.const 40) (i32.const 160) (i32.const 6))
    (call $vline (i32.const 90) (i32.const -20) (i32.const 400))
    (call $vline (i32.const 92) (i32.const 40) (i32.const -6))
    (call $vline (i32.const -1) (i32.const 40) (i32.const 6))
    (call $vline (i32.const 160) (i32.const 40) (i32.const 6)))

  (func (export "update")
    (local $p i32)
    (local.set $p (global.get $page))
    (if (i32.lt_u (local.get $p) (i32.const 6))
      (then
        (call $background)
        (if (i32.lt_u (local.get $p) (i32.const 4))
          (then (call $grid (local.get $p) (local.get $p))
                (call $grid (local.get $p) (i32.add (local.get $p) (i32.const 5))))
          (else (if (i32.eq (local.get $p) (i32.const 4))
            (then (call $grid (i32.const 1) (i32.const 3)) (call $grid (i32.const 0) (i32.const 6)))
            (else (call $extremes)))))
        (memory.copy (i32.add (global.get $SNAPSHOT) (i32.mul (local.get $p) (i32.const 6400)))
                     (global.get $FRAMEBUFFER) (i32.const 6400))))
    (global.set $page (i32.add (local.get $p) (i32.const 1)))))
