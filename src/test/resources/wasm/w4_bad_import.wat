;; A WASM-4 cart that also imports a function WASM-4 does not have.
(module
  (import "env" "memory" (memory 1 1))
  (import "env" "rect" (func $rect (param i32 i32 i32 i32)))
  (import "env" "draw_sprite" (func $sprite (param i32)))
  (func (export "update")))
