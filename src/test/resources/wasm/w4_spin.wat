;; A WASM-4 cart whose update() never returns from its second frame on.
(module
  (import "env" "memory" (memory 1 1))
  (func (export "update")
    (if (i32.load (i32.const 0x3000)) (then (loop $l (br $l))))
    (i32.store (i32.const 0x3000) (i32.const 1))))
