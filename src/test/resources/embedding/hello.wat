;; The module of the README's "Embedding the engine" example (EmbeddingExampleTest runs it).
(module
  (import "env" "log" (func $log (param i32 i32)))
  (memory (export "memory") 1)
  (data (i32.const 256) "hello")
  (table (export "table") 2 funcref)
  (global $calls (export "calls") (mut i32) (i32.const 0))

  (func (export "add") (param i32 i32) (result i32)
    (global.set $calls (i32.add (global.get $calls) (i32.const 1)))
    (i32.add (local.get 0) (local.get 1)))

  ;; fib(0) = 0, fib(1) = 1, fib(n) = fib(n - 1) + fib(n - 2), iteratively
  (func (export "fib") (param $n i32) (result i32) (local $a i32) (local $b i32) (local $t i32)
    (local.set $b (i32.const 1))
    (block $done
      (loop $next
        (br_if $done (i32.eqz (local.get $n)))
        (local.set $t (i32.add (local.get $a) (local.get $b)))
        (local.set $a (local.get $b))
        (local.set $b (local.get $t))
        (local.set $n (i32.sub (local.get $n) (i32.const 1)))
        (br $next)))
    (local.get $a))

  ;; says the five bytes at 256 through the host
  (func (export "greet") (call $log (i32.const 256) (i32.const 5)))

  (func (export "spin") (loop $forever (br $forever))))
