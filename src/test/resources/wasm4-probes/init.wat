;; Probe: what a cart finds when it starts, and the order of its entry points. Run for 3 frames.
;; Data segments overwrite the memory map (palette, DRAW_COLORS, gamepads, mouse) and the top rows of the
;; framebuffer; they are applied after the runtime sets its initial values, so the cart's values win.
;; _start, _initialize, start and update each append an 8-byte entry to the log at 0x3000:
;;   id ('S' _start, 'I' _initialize, 's' start, 'u' update), updates so far, first framebuffer byte, GAMEPAD1,
;;   DRAW_COLORS (2 bytes), MOUSE_X low byte, SYSTEM_FLAGS
;; and start keeps a copy of the first 0x19a0 bytes (memory map and framebuffer) at 0x4000.
(module
  (import "env" "memory" (memory 1))
  (import "env" "hline" (func $hline (param i32 i32 i32)))

  (global $log (mut i32) (i32.const 0x3000))
  (global $updates (mut i32) (i32.const 0))
  ;; a mutable global that is not exported: the web runtime exports it under another name; nothing may change
  (global $unexported (mut i32) (i32.const 0x1234))

  (data (i32.const 0x04) "\11\22\33\00\44\55\66\00\77\88\99\00\aa\bb\cc\00\21\43\05\06\07\08\05\00\07\00\02")
  (data (i32.const 0xa0) "\e4\e4\e4\e4\1b\1b\1b\1b\ff\00\ff\00")

  (func $entry (param $id i32) (local $at i32)
    (local.set $at (global.get $log))
    (i32.store8 (local.get $at) (local.get $id))
    (i32.store8 (i32.add (local.get $at) (i32.const 1)) (global.get $updates))
    (i32.store8 (i32.add (local.get $at) (i32.const 2)) (i32.load8_u (i32.const 0xa0)))
    (i32.store8 (i32.add (local.get $at) (i32.const 3)) (i32.load8_u (i32.const 0x16)))
    (i32.store16 (i32.add (local.get $at) (i32.const 4)) (i32.load16_u (i32.const 0x14)))
    (i32.store8 (i32.add (local.get $at) (i32.const 6)) (i32.load8_u (i32.const 0x1a)))
    (i32.store8 (i32.add (local.get $at) (i32.const 7)) (i32.load8_u (i32.const 0x1f)))
    (global.set $log (i32.add (local.get $at) (i32.const 8))))

  (func (export "_start") (call $entry (i32.const 0x53)))
  (func (export "_initialize") (call $entry (i32.const 0x49)))
  (func (export "start")
    (call $entry (i32.const 0x73))
    (memory.copy (i32.const 0x4000) (i32.const 0) (i32.const 0x19a0))
    (i32.store (i32.const 0x3100) (global.get $unexported)))
  (func (export "update")
    (call $entry (i32.const 0x75))
    (call $hline (global.get $updates) (i32.add (i32.const 20) (global.get $updates)) (i32.const 30))
    (global.set $updates (i32.add (global.get $updates) (i32.const 1)))))
