;; v128 through the engine's plumbing (calls, locals, blocks, branches, select, globals, host calls, memory) and
;; a few SIMD instructions with hand-checked results. Rebuild with ./build.sh (wabt's wat2wasm).
(module
  (import "env" "swap" (func $swap (param v128) (result v128)))
  (memory (export "memory") 1)
  (global $g (export "g") (mut v128) (v128.const i32x4 1 2 3 4))

  ;; Arguments and results cross wasm-to-wasm calls whole (both halves).
  (func $swap_halves (param v128) (result v128)
    (i8x16.shuffle 8 9 10 11 12 13 14 15 0 1 2 3 4 5 6 7 (local.get 0) (local.get 0)))
  (func (export "call_swap") (param v128) (result v128) (call $swap_halves (local.get 0)))

  ;; Leaves non-zero upper halves in the register stack; a v128 local must still start as zero.
  (func $dirty (result v128)
    (i32x4.add (v128.const i32x4 -1 -1 -1 -1) (i32x4.splat (i32.const 7))))
  (func $fresh_local (result v128) (local v128) (local.get 0))
  (func (export "fresh_local_after_dirty") (result v128) (drop (call $dirty)) (call $fresh_local))

  ;; Blocks and loops carrying v128 values, br_if out of a loop, select of v128.
  (func (export "count_up") (param $n i32) (result v128) (local $i i32)
    (v128.const i32x4 0 0 0 0)
    (loop $next (param v128) (result v128)
      (i32x4.add (v128.const i32x4 1 10 100 1000))
      (local.set $i (i32.add (local.get $i) (i32.const 1)))
      (br_if $next (i32.lt_s (local.get $i) (local.get $n)))))
  (func (export "early_out") (param v128 i32) (result v128)
    (block $out (result v128)
      (br_if $out (local.get 0) (local.get 1))
      (drop)
      (v128.const i32x4 9 9 9 9)))
  (func (export "pick") (param v128 v128 i32) (result v128)
    (select (local.get 0) (local.get 1) (local.get 2)))
  (func (export "pick_typed") (param v128 v128 i32) (result v128)
    (select (result v128) (local.get 0) (local.get 1) (local.get 2)))

  ;; Globals and host functions.
  (func (export "bump_global") (result v128)
    (global.set $g (i32x4.mul (global.get $g) (i32x4.splat (i32.const 10))))
    (global.get $g))
  (func (export "via_host") (param v128) (result v128) (call $swap (local.get 0)))

  ;; Memory: a store that does not fit writes nothing; lane loads and stores touch only their lane.
  (func (export "store") (param i32 v128) (v128.store (local.get 0) (local.get 1)))
  (func (export "load") (param i32) (result v128) (v128.load (local.get 0)))
  (func (export "load_lane") (param i32 v128) (result v128) (v128.load16_lane 5 (local.get 0) (local.get 1)))
  (func (export "store_lane") (param i32 v128) (v128.store32_lane offset=4 3 (local.get 0) (local.get 1)))

  ;; Instructions whose rules are easy to get wrong.
  (func (export "add_sat_s") (param v128 v128) (result v128) (i8x16.add_sat_s (local.get 0) (local.get 1)))
  (func (export "narrow_u") (param v128 v128) (result v128) (i8x16.narrow_i16x8_u (local.get 0) (local.get 1)))
  (func (export "q15mulr") (param v128 v128) (result v128) (i16x8.q15mulr_sat_s (local.get 0) (local.get 1)))
  (func (export "dot") (param v128 v128) (result v128) (i32x4.dot_i16x8_s (local.get 0) (local.get 1)))
  (func (export "extmul_high_u") (param v128 v128) (result v128) (i64x2.extmul_high_i32x4_u (local.get 0) (local.get 1)))
  (func (export "bitmask") (param v128) (result i32) (i16x8.bitmask (local.get 0)))
  (func (export "swizzle") (param v128 v128) (result v128) (i8x16.swizzle (local.get 0) (local.get 1)))
  (func (export "shr_s") (param v128 i32) (result v128) (i8x16.shr_s (local.get 0) (local.get 1)))
  (func (export "pmin") (param v128 v128) (result v128) (f32x4.pmin (local.get 0) (local.get 1)))
  (func (export "trunc_sat_u_zero") (param v128) (result v128) (i32x4.trunc_sat_f64x2_u_zero (local.get 0)))
  (func (export "extract_u") (param v128) (result i32) (i8x16.extract_lane_u 15 (local.get 0)))
  (func (export "extract_s") (param v128) (result i32) (i8x16.extract_lane_s 15 (local.get 0)))
)
