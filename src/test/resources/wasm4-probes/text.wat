;; Probe: text, textUtf8 and textUtf16 with \n, characters outside the font (below 32, above 255), the blank
;; glyphs 128..159, embedded NULs, odd byte lengths, clipping at every edge and negative coordinates.
;; Updates 0 and 1 draw every string with both font colours equal, so each character cell becomes a solid 8x8 block
;; whatever the glyph looks like, and copy the framebuffer to SNAPSHOT + P*6400: all of memory outside the
;; framebuffer must match WASM-4 byte for byte. Update 2 draws the same strings with real glyphs (DRAW_COLORS 0x21,
;; 0x02, 0x30) and leaves them in the framebuffer only, whose pixels then depend on the font, which Termcade draws
;; differently by design. Run for 3 frames.
(module
  (import "env" "memory" (memory 1))
  (import "env" "text" (func $text (param i32 i32 i32)))
  (import "env" "textUtf8" (func $textUtf8 (param i32 i32 i32 i32)))
  (import "env" "textUtf16" (func $textUtf16 (param i32 i32 i32 i32)))
  (import "env" "vline" (func $vline (param i32 i32 i32)))

  (global $page (mut i32) (i32.const 0))
  (global $DRAW_COLORS i32 (i32.const 0x14))
  (global $FRAMEBUFFER i32 (i32.const 0xa0))
  (global $SNAPSHOT i32 (i32.const 0x2000))

  (data (i32.const 0x1a00) "AB\nCD\00")                              ;; newline returns to the starting x
  (data (i32.const 0x1a10) "X\01\09Y\1f\7fZ\00")                     ;; controls are skipped but advance; 127 drawn
  (data (i32.const 0x1a20) "\80\9f\a0\e9\ff!\00")                    ;; 128..159 blank glyphs, 160..255 Latin-1
  (data (i32.const 0x1a30) "\n\nEND\nLONGER LINE\00")                ;; starts with newlines
  (data (i32.const 0x1a50) "ab\00cd")                                ;; textUtf8 stops at an embedded NUL
  (data (i32.const 0x1a58) "\c3\a9t\c3\a9")                          ;; UTF-8 bytes
  ;; UTF-16LE: A, e-acute (233), U+0100 (past the font), U+263A, \n, B, NUL, C
  (data (i32.const 0x1a60) "A\00\e9\00\00\01\3a\26\0a\00B\00\00\00C\00")
  (data (i32.const 0x1a80) "\n\00")                                  ;; a lone newline
  (data (i32.const 0x1a90) "W\00")

  (func $background (local $x i32)
    (i32.store16 (global.get $DRAW_COLORS) (i32.const 0x0002))
    (loop $columns
      (call $vline (local.get $x) (i32.const 0) (i32.const 160))
      (local.set $x (i32.add (local.get $x) (i32.const 7)))
      (br_if $columns (i32.lt_s (local.get $x) (i32.const 160)))))

  ;; Every string once, in three DRAW_COLORS values chosen by the page.
  (func $strings (param $c1 i32) (param $c2 i32) (param $c3 i32)
    (i32.store16 (global.get $DRAW_COLORS) (local.get $c1))
    (call $text (i32.const 0x1a00) (i32.const -3) (i32.const -5))
    (call $text (i32.const 0x1a10) (i32.const 20) (i32.const 12))
    (call $text (i32.const 0x1a20) (i32.const 5) (i32.const 30))
    (call $text (i32.const 0x1a30) (i32.const 120) (i32.const 130))
    (call $text (i32.const 0x1a80) (i32.const 0) (i32.const 0))
    (i32.store16 (global.get $DRAW_COLORS) (local.get $c2))
    (call $textUtf8 (i32.const 0x1a50) (i32.const 5) (i32.const 60) (i32.const 50))
    (call $textUtf8 (i32.const 0x1a58) (i32.const 5) (i32.const 155) (i32.const 60))
    (call $textUtf8 (i32.const 0x1a58) (i32.const 0) (i32.const 10) (i32.const 70))
    (call $textUtf8 (i32.const 0x1a00) (i32.const 4) (i32.const -20) (i32.const 80))
    (call $textUtf16 (i32.const 0x1a60) (i32.const 16) (i32.const 30) (i32.const 90))
    (call $textUtf16 (i32.const 0x1a60) (i32.const 7) (i32.const 90) (i32.const 100))
    (i32.store16 (global.get $DRAW_COLORS) (local.get $c3))
    (call $text (i32.const 0x1a90) (i32.const 156) (i32.const 156))
    (call $text (i32.const 0x1a90) (i32.const -7) (i32.const 156))
    (call $text (i32.const 0x1a90) (i32.const 156) (i32.const -7))
    (call $text (i32.const 0x1a90) (i32.const -100000) (i32.const 20))
    (call $text (i32.const 0x1a10) (i32.const 40) (i32.const 115)))

  (func (export "update")
    (local $p i32)
    (local.set $p (global.get $page))
    (call $background)
    (if (i32.eqz (local.get $p))
      (then (call $strings (i32.const 0x0022) (i32.const 0x0044) (i32.const 0x0033))))
    (if (i32.eq (local.get $p) (i32.const 1))
      (then (call $strings (i32.const 0xf433) (i32.const 0x0000) (i32.const 0x1244))))
    (if (i32.lt_u (local.get $p) (i32.const 2))
      (then (memory.copy (i32.add (global.get $SNAPSHOT) (i32.mul (local.get $p) (i32.const 6400)))
                         (global.get $FRAMEBUFFER) (i32.const 6400)))
      (else (call $strings (i32.const 0x0021) (i32.const 0x0002) (i32.const 0x0030))))
    (global.set $page (i32.add (local.get $p) (i32.const 1)))))
