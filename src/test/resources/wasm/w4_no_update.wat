;; A WASM-4 cart without update().
(module
  (import "env" "memory" (memory 1 1))
  (func (export "start")))
