;; Calls WASM-4's blit but brings its own memory instead of importing env.memory.
(module
  (import "env" "blit" (func $blit (param i32 i32 i32 i32 i32 i32)))
  (memory (export "memory") 1)
  (func (export "update")))
