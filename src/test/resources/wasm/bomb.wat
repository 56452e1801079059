;; Grows memory by 1024 pages (64 MiB) at a time until refused; returns the pages it got.
(module
  (memory (export "memory") 1)
  (func (export "bomb") (result i32)
    (block $done
      (loop $more
        (br_if $done (i32.eq (memory.grow (i32.const 1024)) (i32.const -1)))
        (br $more)))
    (memory.size)))
