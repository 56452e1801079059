;; A WASM-4 cart whose start() traps.
(module
  (import "env" "memory" (memory 1 1))
  (func (export "start") unreachable)
  (func (export "update")))
