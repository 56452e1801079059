(module
  (import "env" "memory" (memory 17))
  (import "env" "g" (global i32))
  (import "env" "t" (table 2 10 funcref))
  (import "env" "sin" (func $sin (param f64) (result f64)))
  (global (export "x") (mut i32) (i32.const 5))
  (func (export "f") (param f64) (result f64) local.get 0 call $sin))
