;; A termcade-ABI cart whose frame() never returns after the third frame.
(module
  (import "termcade" "clear" (func $clear (param i32)))
  (global $frames (mut i32) (i32.const 0))
  (func $spin (loop $l (br $l)))
  (func (export "frame") (param f64)
    (call $clear (i32.const 0))
    (global.set $frames (i32.add (global.get $frames) (i32.const 1)))
    (if (i32.gt_s (global.get $frames) (i32.const 3)) (then (call $spin)))))
