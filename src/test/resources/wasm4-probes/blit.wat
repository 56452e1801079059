;; Probe: blit with every flag combination (FLIP_X 2, FLIP_Y 4, ROTATE 8) in both depths (BLIT_2BPP 1), an 11x7
;; sprite (odd width, rows not byte aligned), at positions that hang over every edge, with DRAW_COLORS nibbles of 0
;; (transparent) over a striped background. Page P (0..7): depth P&1, grid rotation P>>1, so each flag combination
;; meets each edge. After drawing, the framebuffer is copied to SNAPSHOT + P*6400. Run for 8 frames.
(module
  (import "env" "memory" (memory 1))
  (import "env" "blit" (func $blit (param i32 i32 i32 i32 i32 i32)))
  (import "env" "vline" (func $vline (param i32 i32 i32)))

  (global $page (mut i32) (i32.const 0))
  (global $DRAW_COLORS i32 (i32.const 0x14))
  (global $FRAMEBUFFER i32 (i32.const 0xa0))
  (global $SNAPSHOT i32 (i32.const 0x2000))
  (global $SPRITE_1BPP i32 (i32.const 0x1a80))  ;; 11x7 at 1 bit per pixel: 77 bits in 10 bytes
  (global $SPRITE_2BPP i32 (i32.const 0x1aa0))  ;; 11x7 at 2 bits per pixel: 154 bits in 20 bytes

  (data (i32.const 0x1a00) "\fa\ff\ff\ff" "\32\00\00\00" "\64\00\00\00" "\9a\00\00\00")  ;; x: -6 50 100 154
  (data (i32.const 0x1a10) "\fc\ff\ff\ff" "\32\00\00\00" "\64\00\00\00" "\9b\00\00\00")  ;; y: -4 50 100 155
  ;; DRAW_COLORS per blit, with transparent (0) nibbles in every position.
  (data (i32.const 0x1a60) "\21\43" "\30\12" "\04\02" "\40\31" "\00\00" "\12\43" "\03\20" "\31\04")
  (data (i32.const 0x1a80) "\f0\0f\a5\5a\c3\3c\81\7e\99\66")
  (data (i32.const 0x1aa0) "\1b\e4\27\d8\39\c6\72\8d\b1\4e\0f\f0\55\aa\33\cc\96\69\12\34")

  (func $background (local $x i32)
    (i32.store16 (global.get $DRAW_COLORS) (i32.const 0x0002))
    (loop $columns
      (call $vline (local.get $x) (i32.const 0) (i32.const 160))
      (local.set $x (i32.add (local.get $x) (i32.const 7)))
      (br_if $columns (i32.lt_s (local.get $x) (i32.const 160)))))

  ;; One blit of the test sprite in the given depth and flags, at a grid cell, in one of the DRAW_COLORS values.
  (func $one (param $bpp2 i32) (param $flags i32) (param $cell i32) (param $colours i32)
    (i32.store16 (global.get $DRAW_COLORS)
      (i32.load16_u (i32.add (i32.const 0x1a60) (i32.shl (i32.and (local.get $colours) (i32.const 7)) (i32.const 1)))))
    (call $blit
      (select (global.get $SPRITE_2BPP) (global.get $SPRITE_1BPP) (local.get $bpp2))
      (i32.load (i32.add (i32.const 0x1a00) (i32.shl (i32.and (local.get $cell) (i32.const 3)) (i32.const 2))))
      (i32.load (i32.add (i32.const 0x1a10) (i32.shl (i32.shr_u (local.get $cell) (i32.const 2)) (i32.const 2))))
      (i32.const 11) (i32.const 7)
      (i32.or (i32.shl (local.get $flags) (i32.const 1)) (local.get $bpp2))))

  ;; Each of the 8 FLIP_X/FLIP_Y/ROTATE combinations twice, 8 cells apart; over the 4 pages of a depth the +5 step
  ;; walks every combination through all columns and rows, so each one is clipped at every edge.
  (func $page (param $p i32) (local $flags i32) (local $cell i32)
    (loop $each
      (local.set $cell (i32.add (local.get $flags) (i32.mul (i32.shr_u (local.get $p) (i32.const 1)) (i32.const 5))))
      (call $one (i32.and (local.get $p) (i32.const 1)) (local.get $flags)
        (i32.and (local.get $cell) (i32.const 15)) (i32.add (local.get $flags) (local.get $p)))
      (call $one (i32.and (local.get $p) (i32.const 1)) (local.get $flags)
        (i32.and (i32.add (local.get $cell) (i32.const 8)) (i32.const 15)) (i32.add (local.get $flags) (i32.add (local.get $p) (i32.const 4))))
      (local.set $flags (i32.add (local.get $flags) (i32.const 1)))
      (br_if $each (i32.lt_u (local.get $flags) (i32.const 8)))))

  (func (export "update")
    (local $p i32)
    (local.set $p (global.get $page))
    (if (i32.lt_u (local.get $p) (i32.const 8))
      (then
        (call $background)
        (call $page (local.get $p))
        (memory.copy (i32.add (global.get $SNAPSHOT) (i32.mul (local.get $p) (i32.const 6400)))
                     (global.get $FRAMEBUFFER) (i32.const 6400))))
    (global.set $page (i32.add (local.get $p) (i32.const 1)))))
