;; Probe: blitSub from sprite sheets whose stride is not a multiple of 8 (1bpp, 21 wide) or 4 (2bpp, 23 wide), at
;; odd source offsets, with every FLIP_X/FLIP_Y/ROTATE combination, clipped at every edge; then the odd cases:
;; zero and negative sizes, stride smaller than the width, a source rectangle that runs past the stride, sprites
;; larger than the screen and far-off coordinates. Page P is drawn in update P and copied to SNAPSHOT + P*6400.
;; Pages 0..3: depth P&1, grid rotation P>>1; page 4: the odd cases. Run for 5 frames.
(module
  (import "env" "memory" (memory 1))
  (import "env" "blitSub" (func $blitSub (param i32 i32 i32 i32 i32 i32 i32 i32 i32)))
  (import "env" "blit" (func $blit (param i32 i32 i32 i32 i32 i32)))
  (import "env" "vline" (func $vline (param i32 i32 i32)))

  (global $page (mut i32) (i32.const 0))
  (global $DRAW_COLORS i32 (i32.const 0x14))
  (global $FRAMEBUFFER i32 (i32.const 0xa0))
  (global $SNAPSHOT i32 (i32.const 0x2000))
  (global $SHEET i32 (i32.const 0x1b00))  ;; 21x12 at 1bpp (32 bytes) or 23x12 at 2bpp (69 bytes): the same bytes

  (data (i32.const 0x1a00) "\f9\ff\ff\ff" "\28\00\00\00" "\5a\00\00\00" "\99\00\00\00")  ;; x: -7 40 90 153
  (data (i32.const 0x1a10) "\fd\ff\ff\ff" "\28\00\00\00" "\5a\00\00\00" "\9a\00\00\00")  ;; y: -3 40 90 154
  (data (i32.const 0x1a60) "\21\43" "\30\12" "\04\02" "\40\31" "\12\43" "\03\20" "\31\04" "\43\21")
  ;; (srcX, srcY, width, height) per flag combination: odd offsets and sizes inside the sheet
  (data (i32.const 0x1a80)
    "\03\00\00\00\02\00\00\00\09\00\00\00\05\00\00\00"
    "\05\00\00\00\01\00\00\00\07\00\00\00\08\00\00\00"
    "\00\00\00\00\03\00\00\00\0d\00\00\00\04\00\00\00"
    "\07\00\00\00\00\00\00\00\05\00\00\00\0b\00\00\00"
    "\01\00\00\00\06\00\00\00\0b\00\00\00\06\00\00\00"
    "\0a\00\00\00\04\00\00\00\06\00\00\00\07\00\00\00"
    "\02\00\00\00\02\00\00\00\03\00\00\00\03\00\00\00"
    "\09\00\00\00\05\00\00\00\0c\00\00\00\05\00\00\00")
  (data (i32.const 0x1b00)
    "\1b\e4\27\d8\39\c6\72\8d\b1\4e\0f\f0\55\aa\33\cc\96\69\12\34\f0\0f\a5\5a\c3\3c\81\7e\99\66\e7\18"
    "\de\ad\be\ef\01\23\45\67\89\ab\cd\ef\fe\dc\ba\98\76\54\32\10\a1\b2\c3\d4\e5\f6\07\18\29\3a\4b\5c"
    "\6d\7e\8f\90\11")

  (func $background (local $x i32)
    (i32.store16 (global.get $DRAW_COLORS) (i32.const 0x0002))
    (loop $columns
      (call $vline (local.get $x) (i32.const 0) (i32.const 160))
      (local.set $x (i32.add (local.get $x) (i32.const 7)))
      (br_if $columns (i32.lt_s (local.get $x) (i32.const 160)))))

  (func $param (param $flags i32) (param $n i32) (result i32)
    (i32.load (i32.add (i32.const 0x1a80) (i32.add (i32.shl (local.get $flags) (i32.const 4)) (i32.shl (local.get $n) (i32.const 2))))))

  (func $one (param $bpp2 i32) (param $flags i32) (param $cell i32) (param $colours i32)
    (i32.store16 (global.get $DRAW_COLORS)
      (i32.load16_u (i32.add (i32.const 0x1a60) (i32.shl (i32.and (local.get $colours) (i32.const 7)) (i32.const 1)))))
    (call $blitSub (global.get $SHEET)
      (i32.load (i32.add (i32.const 0x1a00) (i32.shl (i32.and (local.get $cell) (i32.const 3)) (i32.const 2))))
      (i32.load (i32.add (i32.const 0x1a10) (i32.shl (i32.shr_u (local.get $cell) (i32.const 2)) (i32.const 2))))
      (call $param (local.get $flags) (i32.const 2)) (call $param (local.get $flags) (i32.const 3))
      (call $param (local.get $flags) (i32.const 0)) (call $param (local.get $flags) (i32.const 1))
      (select (i32.const 23) (i32.const 21) (local.get $bpp2))
      (i32.or (i32.shl (local.get $flags) (i32.const 1)) (local.get $bpp2))))

  (func $grid (param $p i32) (local $flags i32) (local $cell i32)
    (loop $each
      (local.set $cell (i32.add (local.get $flags) (i32.mul (i32.shr_u (local.get $p) (i32.const 1)) (i32.const 5))))
      (call $one (i32.and (local.get $p) (i32.const 1)) (local.get $flags)
        (i32.and (local.get $cell) (i32.const 15)) (i32.add (local.get $flags) (local.get $p)))
      (call $one (i32.and (local.get $p) (i32.const 1)) (local.get $flags)
        (i32.and (i32.add (local.get $cell) (i32.const 8)) (i32.const 15)) (i32.add (local.get $flags) (i32.add (local.get $p) (i32.const 4))))
      (local.set $flags (i32.add (local.get $flags) (i32.const 1)))
      (br_if $each (i32.lt_u (local.get $flags) (i32.const 8)))))

  (func $oddCases
    (i32.store16 (global.get $DRAW_COLORS) (i32.const 0x4321))
    ;; nothing drawn: zero and negative sizes
    (call $blitSub (global.get $SHEET) (i32.const 10) (i32.const 10) (i32.const 0) (i32.const 5) (i32.const 0) (i32.const 0) (i32.const 21) (i32.const 0))
    (call $blitSub (global.get $SHEET) (i32.const 10) (i32.const 10) (i32.const 5) (i32.const 0) (i32.const 0) (i32.const 0) (i32.const 21) (i32.const 1))
    (call $blit (global.get $SHEET) (i32.const 10) (i32.const 10) (i32.const -4) (i32.const 5) (i32.const 0))
    (call $blit (global.get $SHEET) (i32.const 10) (i32.const 10) (i32.const 4) (i32.const -5) (i32.const 8))
    ;; stride smaller than the width: rows overlap in the sheet
    (call $blitSub (global.get $SHEET) (i32.const 20) (i32.const 20) (i32.const 16) (i32.const 6) (i32.const 1) (i32.const 1) (i32.const 5) (i32.const 0))
    (call $blitSub (global.get $SHEET) (i32.const 40) (i32.const 20) (i32.const 13) (i32.const 6) (i32.const 2) (i32.const 0) (i32.const 3) (i32.const 1))
    ;; a source rectangle that runs past the stride (wraps into the next rows)
    (call $blitSub (global.get $SHEET) (i32.const 60) (i32.const 20) (i32.const 12) (i32.const 5) (i32.const 15) (i32.const 2) (i32.const 21) (i32.const 6))
    ;; sprites larger than the screen, reading the pattern that start wrote
    (call $blit (i32.const 0xa000) (i32.const -30) (i32.const 50) (i32.const 230) (i32.const 40) (i32.const 0))
    (call $blit (i32.const 0xb000) (i32.const 60) (i32.const 20) (i32.const 30) (i32.const 250) (i32.const 9))
    (call $blit (i32.const 0xc000) (i32.const -20) (i32.const 100) (i32.const 200) (i32.const 30) (i32.const 15))
    ;; far-off coordinates: nothing drawn
    (call $blit (global.get $SHEET) (i32.const -100000) (i32.const 10) (i32.const 8) (i32.const 8) (i32.const 0))
    (call $blit (global.get $SHEET) (i32.const 10) (i32.const 100000) (i32.const 8) (i32.const 8) (i32.const 1))
    (call $blit (global.get $SHEET) (i32.const 160) (i32.const 160) (i32.const 8) (i32.const 8) (i32.const 8))
    ;; just inside each corner
    (call $blit (global.get $SHEET) (i32.const -7) (i32.const -7) (i32.const 8) (i32.const 8) (i32.const 0))
    (call $blit (global.get $SHEET) (i32.const 159) (i32.const -7) (i32.const 8) (i32.const 8) (i32.const 1))
    (call $blit (global.get $SHEET) (i32.const -7) (i32.const 159) (i32.const 8) (i32.const 8) (i32.const 8))
    (call $blit (global.get $SHEET) (i32.const 159) (i32.const 159) (i32.const 8) (i32.const 8) (i32.const 15)))

  (func (export "start")
    ;; a recognisable pattern in the memory that the large sprites read
    (local $a i32)
    (local.set $a (i32.const 0xa000))
    (loop $fill
      (i32.store8 (local.get $a) (i32.xor (i32.mul (local.get $a) (i32.const 37)) (i32.shr_u (local.get $a) (i32.const 5))))
      (local.set $a (i32.add (local.get $a) (i32.const 1)))
      (br_if $fill (i32.lt_u (local.get $a) (i32.const 0xe000)))))

  (func (export "update")
    (local $p i32)
    (local.set $p (global.get $page))
    (if (i32.lt_u (local.get $p) (i32.const 5))
      (then
        (call $background)
        (if (i32.lt_u (local.get $p) (i32.const 4))
          (then (call $grid (local.get $p)))
          (else (call $oddCases)))
        (memory.copy (i32.add (global.get $SNAPSHOT) (i32.mul (local.get $p) (i32.const 6400)))
                     (global.get $FRAMEBUFFER) (i32.const 6400))))
    (global.set $page (i32.add (local.get $p) (i32.const 1)))))
