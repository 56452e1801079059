;; {{name}}: a termcade cart in WebAssembly text. Arrows (or WASD) move the square: catch the yellow dots.
;; Build with ./build.sh, then play {{name}}.wasm. Every import is listed in carts/README.md (termcade ABI).
(module
  (import "termcade" "clear" (func $clear (param $rgb i32)))
  (import "termcade" "rect" (func $rect (param $x i32) (param $y i32) (param $w i32) (param $h i32) (param $rgb i32)))
  (import "termcade" "circle" (func $circle (param $x i32) (param $y i32) (param $r i32) (param $rgb i32)))
  (import "termcade" "text" (func $text (param $x i32) (param $y i32) (param $ptr i32) (param $len i32) (param $rgb i32)))
  (import "termcade" "width" (func $width (result i32)))
  (import "termcade" "height" (func $height (result i32)))
  (import "termcade" "buttons" (func $buttons (result i32)))
  (import "termcade" "random" (func $random (result i32)))
  (import "termcade" "set_score" (func $set_score (param $score i32)))

  ;; The console reads text() strings from the exported memory.
  (memory (export "memory") 1)
  (data (i32.const 0) "{{name}}")

  ;; Bits of buttons().
  (global $BUTTON_LEFT i32 (i32.const 1))
  (global $BUTTON_RIGHT i32 (i32.const 2))
  (global $BUTTON_UP i32 (i32.const 4))
  (global $BUTTON_DOWN i32 (i32.const 8))

  (global $player_x (mut i32) (i32.const 4)) ;; the 5x5 square's top left corner
  (global $player_y (mut i32) (i32.const 4))
  (global $dot_x (mut i32) (i32.const -1)) ;; the dot's centre; placed on the first frame
  (global $dot_y (mut i32) (i32.const -1))
  (global $caught (mut i32) (i32.const 0))

  (func $clamp (param $v i32) (param $lo i32) (param $hi i32) (result i32)
    (select (local.get $lo)
      (select (local.get $hi) (local.get $v) (i32.gt_s (local.get $v) (local.get $hi)))
      (i32.lt_s (local.get $v) (local.get $lo))))

  ;; Room for the dot along an axis of `size` pixels, even when the terminal is tiny.
  (func $span (param $size i32) (result i32)
    (select (i32.sub (local.get $size) (i32.const 8)) (i32.const 4) (i32.gt_s (local.get $size) (i32.const 12))))

  (func $place_dot (param $w i32) (param $h i32)
    (global.set $dot_x (i32.add (i32.const 4) (i32.rem_u (call $random) (call $span (local.get $w)))))
    (global.set $dot_y (i32.add (i32.const 4) (i32.rem_u (call $random) (call $span (local.get $h))))))

  (func $held (param $buttons i32) (param $button i32) (result i32)
    (i32.ne (i32.and (local.get $buttons) (local.get $button)) (i32.const 0)))

  (func (export "start")
    (call $set_score (i32.const 0)))

  ;; One step per frame; use $dt (seconds) for movement in pixels per second.
  (func (export "frame") (param $dt f64)
    (local $w i32) (local $h i32) (local $buttons i32) (local $dx i32) (local $dy i32)
    (local.set $w (call $width))
    (local.set $h (call $height))
    (local.set $buttons (call $buttons))
    (global.set $player_x (i32.add (global.get $player_x)
      (i32.sub (call $held (local.get $buttons) (global.get $BUTTON_RIGHT))
               (call $held (local.get $buttons) (global.get $BUTTON_LEFT)))))
    (global.set $player_y (i32.add (global.get $player_y)
      (i32.sub (call $held (local.get $buttons) (global.get $BUTTON_DOWN))
               (call $held (local.get $buttons) (global.get $BUTTON_UP)))))
    (global.set $player_x (call $clamp (global.get $player_x) (i32.const 0) (i32.sub (local.get $w) (i32.const 5))))
    (global.set $player_y (call $clamp (global.get $player_y) (i32.const 0) (i32.sub (local.get $h) (i32.const 5))))

    (if (i32.or (i32.lt_s (global.get $dot_x) (i32.const 0))
                (i32.or (i32.ge_s (global.get $dot_x) (local.get $w)) (i32.ge_s (global.get $dot_y) (local.get $h))))
      (then (call $place_dot (local.get $w) (local.get $h))))
    ;; Caught when the dot's centre is within 4 pixels of the square's centre (half the square plus the radius).
    (local.set $dx (i32.sub (global.get $dot_x) (i32.add (global.get $player_x) (i32.const 2))))
    (local.set $dy (i32.sub (global.get $dot_y) (i32.add (global.get $player_y) (i32.const 2))))
    (if (i32.le_s (i32.add (i32.mul (local.get $dx) (local.get $dx)) (i32.mul (local.get $dy) (local.get $dy)))
                  (i32.const 16))
      (then
        (global.set $caught (i32.add (global.get $caught) (i32.const 1)))
        (call $set_score (global.get $caught))
        (call $place_dot (local.get $w) (local.get $h))))

    (call $clear (i32.const 0x101828))
    (call $circle (global.get $dot_x) (global.get $dot_y) (i32.const 2) (i32.const 0xFFCC33))
    (call $rect (global.get $player_x) (global.get $player_y) (i32.const 5) (i32.const 5) (i32.const 0x44CCFF))
    (call $text (i32.const 0) (i32.const 0) (i32.const 0) (i32.const {{name_length}}) (i32.const 0x8899AA)))
)
