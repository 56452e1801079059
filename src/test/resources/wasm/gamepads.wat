;; A WASM-4 cart for the SSH room tests: each of the four players moves a bar left and right with their own
;; gamepad. Player P's bar (4 pixels of colour 4) is on row 10 + 20*P at byte column x[P] of the framebuffer;
;; x[P] is kept at 0x19a0 + P, starts at 10 and moves one byte (4 pixels) per update while LEFT or RIGHT is held.
(module
  (import "env" "memory" (memory 1))
  (func (export "start")
    (i32.store (i32.const 0x19a0) (i32.const 0x0a0a0a0a)))
  (func (export "update")
    (local $p i32) (local $pad i32) (local $x i32)
    (loop $players
      (local.set $pad (i32.load8_u (i32.add (i32.const 0x16) (local.get $p))))
      (local.set $x (i32.load8_u (i32.add (i32.const 0x19a0) (local.get $p))))
      ;; RIGHT is bit 5 (32), LEFT bit 4 (16); x stays within the 40 bytes of a row
      (if (i32.and (local.get $pad) (i32.const 32))
        (then (if (i32.lt_u (local.get $x) (i32.const 39)) (then (local.set $x (i32.add (local.get $x) (i32.const 1)))))))
      (if (i32.and (local.get $pad) (i32.const 16))
        (then (if (i32.gt_u (local.get $x) (i32.const 0)) (then (local.set $x (i32.sub (local.get $x) (i32.const 1)))))))
      (i32.store8 (i32.add (i32.const 0x19a0) (local.get $p)) (local.get $x))
      ;; framebuffer 0xa0, 40 bytes per row: row 10 + 20*p
      (i32.store8
        (i32.add (i32.const 0xa0)
          (i32.add (i32.mul (i32.add (i32.const 10) (i32.mul (local.get $p) (i32.const 20))) (i32.const 40)) (local.get $x)))
        (i32.const 0xff))
      (local.set $p (i32.add (local.get $p) (i32.const 1)))
      (br_if $players (i32.lt_u (local.get $p) (i32.const 4))))))
