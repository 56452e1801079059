;; A WASM-4 cart for the SSH save tests: at start it reads a 4-byte counter from the disk, adds one and writes it
;; back, so the save file counts how many games its player has started.
(module
  (import "env" "memory" (memory 1))
  (import "env" "diskr" (func $diskr (param i32 i32) (result i32)))
  (import "env" "diskw" (func $diskw (param i32 i32) (result i32)))
  (func (export "start")
    (drop (call $diskr (i32.const 0x19a0) (i32.const 4)))
    (i32.store (i32.const 0x19a0) (i32.add (i32.load (i32.const 0x19a0)) (i32.const 1)))
    (drop (call $diskw (i32.const 0x19a0) (i32.const 4))))
  (func (export "update")))
