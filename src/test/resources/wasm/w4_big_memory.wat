;; Imports env.memory but asks for two pages.
(module
  (import "env" "memory" (memory 2))
  (func (export "update")))
