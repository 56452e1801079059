(module (func (export "twice") (param i32) (result i32) local.get 0 i32.const 2 i32.mul)
  (memory (export "memory") 1) (global (export "base") i32 (i32.const 100)))
